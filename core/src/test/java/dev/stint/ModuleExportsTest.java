package dev.stint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The public surface is exactly two packages; everything under internal stays private. */
class ModuleExportsTest {
    @Test
    void core_module_exports_only_the_api_and_the_spi() throws IOException {
        Path compiled = Path.of("target", "classes", "module-info.class");
        try (InputStream in = Files.newInputStream(compiled)) {
            ModuleDescriptor descriptor = ModuleDescriptor.read(in);
            assertThat(descriptor.name()).isEqualTo("dev.stint.core");
            assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toSet())).containsExactlyInAnyOrder("dev.stint", "dev.stint.spi");
            assertThat(descriptor.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
            // SLF4J's providers are looked up only to tell whether one is present (no provider: SLF4J kept quiet)
            assertThat(descriptor.uses()).containsExactlyInAnyOrder("dev.stint.spi.JobCatalog",
                    "org.slf4j.spi.SLF4JServiceProvider");
        }
    }

    @Test
    void core_module_requires_transitively_what_its_api_hands_out() throws IOException {
        Path compiled = Path.of("target", "classes", "module-info.class");
        try (InputStream in = Files.newInputStream(compiled)) {
            ModuleDescriptor descriptor = ModuleDescriptor.read(in);
            assertThat(descriptor.requires().stream()
                    .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                    .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("java.sql", "com.fasterxml.jackson.databind");
        }
    }
}
