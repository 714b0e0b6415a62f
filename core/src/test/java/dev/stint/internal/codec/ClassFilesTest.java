package dev.stint.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobPolicy;
import org.junit.jupiter.api.Test;

/** Questions answered from class files read as bytes. */
class ClassFilesTest {
    /** Carries an annotation. */
    @JobPolicy(priority = 1)
    static final class Annotated {
    }

    /** Carries none. */
    static final class Plain {
    }

    @Test
    void an_annotation_is_named_in_the_class_file_of_the_class_that_carries_it() {
        assertThat(ClassFiles.mentions(Annotated.class, "Ldev/stint/JobPolicy;")).isTrue();
        assertThat(ClassFiles.mentions(Plain.class, "Ldev/stint/JobPolicy;")).isFalse();
        assertThat(ClassFiles.mentions(Plain.class, "com/fasterxml/jackson/")).isFalse();
    }

    @Test
    void a_class_whose_file_cannot_be_read_counts_as_mentioning_anything() {
        Runnable lambda = () -> { };
        assertThat(ClassFiles.mentions(lambda.getClass(), "anything")).isTrue();
    }
}
