/**
 * Stint core: a resumable background-job engine with per-library SQLite storage.
 *
 * <p>Exports {@code dev.stint} (the API for applications and job authors) and {@code dev.stint.spi}
 * (what generated job catalogs and the test kit implement or use: catalogs, the advanceable clock, the
 * test-only hooks). Everything under {@code dev.stint.internal} is private.
 */
module dev.stint.core {
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    requires com.fasterxml.jackson.databind;
    requires msgpack.core;
    requires jackson.dataformat.msgpack;
    requires org.slf4j;

    exports dev.stint;
    exports dev.stint.spi;

    // Jackson reads job classes reflectively; internal codec types are opened to it only.
    opens dev.stint.internal.codec to com.fasterxml.jackson.databind;

    uses dev.stint.spi.JobCatalog;
}
