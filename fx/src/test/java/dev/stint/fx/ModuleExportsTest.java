package dev.stint.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module exports its API package only. */
class ModuleExportsTest {

    @Test
    void onlyTheApiPackageIsExported() throws Exception {
        Path classes = Path.of(FxJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor module = ModuleFinder.of(classes).findAll().iterator().next().descriptor();
        assertThat(module.name()).isEqualTo("dev.stint.fx");
        assertThat(module.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.stint.fx");
        assertThat(module.packages()).contains("dev.stint.fx.internal");
    }
}
