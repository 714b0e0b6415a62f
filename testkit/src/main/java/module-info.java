/**
 * Stint's test kit: test your jobs against a real temporary jobs.db, crashes included. Requires Jackson's
 * databind transitively: {@code StintTestKit.storedState} and {@code JobAssert} hand out its JSON trees.
 */
module dev.stint.testkit {
    requires transitive dev.stint.core;
    requires transitive com.fasterxml.jackson.databind;
    requires java.sql;
    requires jackson.dataformat.msgpack;

    exports dev.stint.testkit;
}
