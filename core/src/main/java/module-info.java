/**
 * Stint core: a resumable background-job engine with per-library SQLite storage.
 *
 * <p>Exports {@code dev.stint} (the API for applications and job authors) and {@code dev.stint.spi}
 * (what generated job catalogs and the test kit implement or use: catalogs, the advanceable clock, the
 * test-only hooks). Everything under {@code dev.stint.internal} is private.
 *
 * <p>Requires transitively what the API hands out or asks for: {@code java.sql} ({@code Outbox} and
 * {@code Library.drainOutbox} take a {@code java.sql.Connection}) and Jackson's databind (a
 * {@code @MigratesFrom} method takes and returns an {@code ObjectNode}), so an application module that
 * requires {@code dev.stint.core} reads both.
 */
module dev.stint.core {
    requires transitive java.sql;
    requires transitive com.fasterxml.jackson.databind;
    requires org.xerial.sqlitejdbc;
    requires msgpack.core;
    requires jackson.dataformat.msgpack;
    requires org.slf4j;
    // the control endpoint's client (RemoteLibrary); the endpoint itself is a small server on java.net sockets
    requires java.net.http;

    exports dev.stint;
    exports dev.stint.spi;

    // Jackson reads job classes reflectively; internal codec types are opened to it only.
    opens dev.stint.internal.codec to com.fasterxml.jackson.databind;

    uses dev.stint.spi.JobCatalog;
    // only to tell whether an SLF4J provider is present (QuietSlf4j): no provider, no lines on stderr
    uses org.slf4j.spi.SLF4JServiceProvider;
}
