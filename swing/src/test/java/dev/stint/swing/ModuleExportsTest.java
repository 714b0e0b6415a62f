package dev.stint.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module exports its API package only. */
class ModuleExportsTest {

    @Test
    void onlyTheApiPackageIsExported() throws Exception {
        Path classes = Path.of(SwingJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor module = ModuleFinder.of(classes).findAll().iterator().next().descriptor();
        assertThat(module.name()).isEqualTo("dev.stint.swing");
        assertThat(module.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.stint.swing");
        assertThat(module.packages()).contains("dev.stint.swing.internal");
        assertThat(module.requires()).extracting(ModuleDescriptor.Requires::name)
                .contains("dev.stint.core", "java.desktop").doesNotContain("javafx.controls");
    }
}
