package dev.stint.wasm;

import dev.stint.Library;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Builds plugin folders from the test modules in {@code src/test/resources/wasm}, and opens libraries. */
final class Plugins {
    private Plugins() {
    }

    /** The bytes of a test module ({@code name} without {@code .wasm}) or of the demo modules. */
    static byte[] module(String name) {
        String path = name.startsWith("demo/") ? "/META-INF/stint/extensions/demo-wasm/" + name.substring(5) + ".wasm"
                : "/wasm/" + name + ".wasm";
        try (InputStream in = Plugins.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test module " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code <library>/plugins/<folder>/stint-extension.json} and the named modules (each as
     * {@code <name>.wasm}).
     */
    static Path install(Path library, String folder, String descriptor, String... modules) {
        try {
            Path dir = Files.createDirectories(library.resolve("plugins").resolve(folder));
            Files.writeString(dir.resolve("stint-extension.json"), descriptor, StandardCharsets.UTF_8);
            for (String m : modules) {
                String file = m.startsWith("demo/") ? m.substring(5) : m;
                Files.write(dir.resolve(file + ".wasm"), module(m));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A descriptor whose jobs each use the module of the same name. */
    static String descriptor(String id, String... jobs) {
        StringBuilder sb = new StringBuilder("{\"id\": \"" + id + "\", \"abiVersion\": 1, \"jobs\": [");
        for (int i = 0; i < jobs.length; i++) {
            String name = jobs[i].startsWith("demo/") ? jobs[i].substring(5) : jobs[i];
            sb.append(i == 0 ? "" : ", ").append("{\"name\": \"").append(name).append("\", \"module\": \"")
                    .append(name).append(".wasm\"}");
        }
        return sb.append("]}").toString();
    }

    /** Opens a library with the extensions' catalog and quick progress events. */
    static Library open(Path library, WasmExtensions extensions) {
        return builder(library, extensions).open();
    }

    static Library.Builder builder(Path library, WasmExtensions extensions) {
        return Library.builder(library)
                .catalog(extensions.catalog())
                .progressInterval(Duration.ofMillis(20))
                .shutdownTimeout(Duration.ofSeconds(20))
                .powerSafe(false);
    }
}
