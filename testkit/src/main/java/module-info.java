/** Stint's test kit: test your jobs against a real temporary jobs.db, crashes included. */
module dev.stint.testkit {
    requires transitive dev.stint.core;
    requires java.sql;
    requires com.fasterxml.jackson.databind;
    requires jackson.dataformat.msgpack;

    exports dev.stint.testkit;
}
