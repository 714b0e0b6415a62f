package dev.stint.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoredTextTest {
    @Test
    void statuses_and_stop_reasons_become_the_text_jobs_db_stores() {
        assertThat(StoredText.sql("UPDATE jobs SET status = {QUEUED}, stop_reason = {RETRY} WHERE status = {RUNNING}"))
                .isEqualTo("UPDATE jobs SET status = 'queued', stop_reason = 'retry' WHERE status = 'running'");
        assertThat(StoredText.sql("SELECT 1")).isEqualTo("SELECT 1");
    }

    @Test
    void an_unknown_name_is_refused_when_the_statement_is_built() {
        assertThatThrownBy(() -> StoredText.sql("status = {DONE}")).hasMessageContaining("DONE");
    }
}
