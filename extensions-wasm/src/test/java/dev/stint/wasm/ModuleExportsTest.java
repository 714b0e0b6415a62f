package dev.stint.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module exports only its API package; the internals are opened to Jackson alone. */
class ModuleExportsTest {
    @Test
    void module_exports_only_dev_stint_wasm() {
        ModuleDescriptor d = ModuleFinder.of(Path.of("target/classes")).find("dev.stint.wasm").orElseThrow().descriptor();

        assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.stint.wasm");
        assertThat(d.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
        assertThat(d.opens()).singleElement().satisfies(o -> {
            assertThat(o.source()).isEqualTo("dev.stint.wasm.internal");
            assertThat(o.targets()).containsExactly("com.fasterxml.jackson.databind");
        });
    }
}
