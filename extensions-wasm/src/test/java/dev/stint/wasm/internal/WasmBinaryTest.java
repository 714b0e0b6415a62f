package dev.stint.wasm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.wasm.internal.WasmBinary.FuncType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The module reader that checks imports, memories and exports before a module runs. */
class WasmBinaryTest {

    private static byte[] testModule(String name) throws IOException {
        try (InputStream in = WasmBinaryTest.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
            return in.readAllBytes();
        }
    }

    private static byte[] countModule() throws IOException {
        try (InputStream in = WasmBinaryTest.class.getResourceAsStream("/META-INF/stint/extensions/demo-wasm/count.wasm")) {
            return in.readAllBytes();
        }
    }

    @Test
    void reads_the_imports_memory_and_exports_of_the_count_module() throws IOException {
        WasmBinary w = WasmBinary.parse(countModule());

        assertThat(w.imports()).extracting(i -> i.module() + "." + i.name()).containsExactly(
                "stint.progress_count", "stint.checkpoint", "stint.interrupted", "stint.set_output");
        assertThat(w.imports().get(0).funcType()).isEqualTo(FuncType.of("i64, i64", ""));
        assertThat(w.memories()).singleElement().satisfies(m -> {
            assertThat(m.minPages()).isEqualTo(1);
            assertThat(m.maxPages()).isEqualTo(16);
            assertThat(m.imported()).isFalse();
        });
        assertThat(w.export("stint_run")).get().satisfies(e ->
                assertThat(e.funcType()).hasToString("(i32, i32, i32, i32) -> (i32)"));
        assertThat(w.export("memory")).get().satisfies(e -> assertThat(e.kind()).isEqualTo(WasmBinary.KIND_MEMORY));
    }

    @Test
    void rejects_bytes_that_are_not_a_module() throws IOException {
        assertThatThrownBy(() -> WasmBinary.parse("hello world".getBytes()))
                .hasMessageContaining("no \\0asm magic number");
        assertThatThrownBy(() -> WasmBinary.parse(new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0}))
                .hasMessageContaining("unsupported WebAssembly binary version 13");
        byte[] truncated = Arrays.copyOf(countModule(), 40);
        assertThatThrownBy(() -> WasmBinary.parse(truncated))
                .isInstanceOf(WasmBinary.MalformedException.class)
                .hasMessageContaining("past the end");
    }

    @Test
    void counts_tables_globals_and_segments_in_every_encoding() throws IOException {
        WasmBinary w = WasmBinary.parse(testModule("segments"));

        assertThat(w.tables()).containsExactly(new WasmBinary.Table(0x70, 4, 4, false),
                new WasmBinary.Table(0x70, 4, 4, false));
        assertThat(w.globals()).isEqualTo(3);
        assertThat(w.elementSegments()).isEqualTo(8);
        assertThat(w.elementEntries()).isEqualTo(10);
        assertThat(w.dataSegments()).isEqualTo(3);
        assertThat(w.dataBytes()).isEqualTo(10);
        assertThat(w.export("stint_run")).isPresent(); // the sections after them were read in step
    }

    @Test
    void reads_each_table_maximum() throws IOException {
        WasmBinary w = WasmBinary.parse(testModule("tablegrow"));

        assertThat(w.tables()).hasSize(8).allSatisfy(t -> {
            assertThat(t.min()).isZero();
            assertThat(t.max()).isEqualTo(8192);
        });
        assertThat(w.globals()).isZero();
        assertThat(w.elementSegments()).isZero();
    }
}
