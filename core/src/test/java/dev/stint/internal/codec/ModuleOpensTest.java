package dev.stint.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.PackageNotOpenException;
import java.lang.reflect.InaccessibleObjectException;
import org.junit.jupiter.api.Test;

/** The JDK's words about a package not opened, turned into the line to add. The real case: ModulePathErrorsTest. */
class ModuleOpensTest {

    private static Exception jacksonFailure(String jdkMessage) {
        return new IllegalArgumentException("Failed to call `setAccess()` on Field 'files' (of class acme.jobs.PhotoJob)"
                + " due to `java.lang.reflect.InaccessibleObjectException`, problem: " + jdkMessage,
                new InaccessibleObjectException(jdkMessage));
    }

    @Test
    void a_package_not_opened_to_jacksons_module_gives_the_qualified_opens_line() {
        PackageNotOpenException e = ModuleOpens.diagnose(jacksonFailure("Unable to make field java.util.List"
                + " acme.jobs.PhotoJob.files accessible: module acme.jobs does not \"opens acme.jobs\" to module"
                + " com.fasterxml.jackson.databind"), null);
        assertThat(e).isNotNull();
        assertThat(e.moduleName()).isEqualTo("acme.jobs");
        assertThat(e.packageName()).isEqualTo("acme.jobs");
        assertThat(e.opensDirective()).isEqualTo("opens acme.jobs to com.fasterxml.jackson.databind;");
    }

    @Test
    void jackson_on_the_class_path_needs_the_package_opened_to_all() {
        PackageNotOpenException e = ModuleOpens.diagnose(jacksonFailure("Unable to make field java.util.List"
                + " acme.jobs.PhotoJob.files accessible: module acme.jobs does not \"opens acme.jobs\" to unnamed"
                + " module @4f3f5b24"), null);
        assertThat(e.opensDirective()).isEqualTo("opens acme.jobs;");
    }

    @Test
    void other_failures_are_left_alone() {
        assertThat(ModuleOpens.diagnose(new IllegalArgumentException("Cannot construct instance of `x.Shape`"),
                String.class)).isNull();
    }
}
