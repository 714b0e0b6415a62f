package dev.stint.wasm;

import java.io.ByteArrayOutputStream;

/**
 * Builds valid ABI v1 modules byte by byte, with as many tables, globals and segments as a test asks for:
 * shapes too large to write (or to keep) as {@code .wat}. The module's {@code stint_run} completes at once
 * with no output, so one that is let through by raised limits runs and completes.
 */
final class ModuleBytes {
    private int tables;
    private long tableMax = 10;
    private boolean tableHasMax = true;
    private int globals;
    private int elementSegments;
    private int elementEntries;
    private int dataSegments;
    private int dataBytes;
    private int memoryMaxPages = 1;

    /** {@code count} tables of funcref, each with maximum {@code max} (or none when {@code max < 0}). */
    ModuleBytes tables(int count, long max) {
        this.tables = count;
        this.tableMax = Math.max(max, 0);
        this.tableHasMax = max >= 0;
        return this;
    }

    /** {@code count} immutable i32 globals. */
    ModuleBytes globals(int count) {
        this.globals = count;
        return this;
    }

    /** {@code count} passive element segments, each of {@code entries} references to function 0. */
    ModuleBytes elementSegments(int count, int entries) {
        this.elementSegments = count;
        this.elementEntries = entries;
        return this;
    }

    /** {@code count} passive data segments of {@code bytes} bytes each. */
    ModuleBytes dataSegments(int count, int bytes) {
        this.dataSegments = count;
        this.dataBytes = bytes;
        return this;
    }

    byte[] build() {
        Out module = new Out();
        module.bytes(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00);
        // types: () -> i32, (i32) -> i32, (i32, i32, i32, i32) -> i32
        module.section(1, new Out().u32(3).bytes(0x60, 0, 1, 0x7F).bytes(0x60, 1, 0x7F, 1, 0x7F)
                .bytes(0x60, 4, 0x7F, 0x7F, 0x7F, 0x7F, 1, 0x7F));
        module.section(3, new Out().u32(3).u32(0).u32(1).u32(2));
        if (tables > 0) {
            Out t = new Out().u32(tables);
            for (int i = 0; i < tables; i++) {
                t.bytes(0x70);
                if (tableHasMax) {
                    t.bytes(0x01).u32(0).u32(tableMax);
                } else {
                    t.bytes(0x00).u32(0);
                }
            }
            module.section(4, t);
        }
        module.section(5, new Out().u32(1).bytes(0x01).u32(1).u32(memoryMaxPages));
        if (globals > 0) {
            Out g = new Out().u32(globals);
            for (int i = 0; i < globals; i++) {
                g.bytes(0x7F, 0x00, 0x41, 0x00, 0x0B);
            }
            module.section(6, g);
        }
        Out exports = new Out().u32(4);
        exports.name("memory").bytes(2).u32(0);
        exports.name("stint_abi_version").bytes(0).u32(0);
        exports.name("stint_alloc").bytes(0).u32(1);
        exports.name("stint_run").bytes(0).u32(2);
        module.section(7, exports);
        if (elementSegments > 0) {
            Out e = new Out().u32(elementSegments);
            for (int s = 0; s < elementSegments; s++) {
                e.u32(1).bytes(0x00).u32(elementEntries); // passive, funcref, function indexes
                for (int i = 0; i < elementEntries; i++) {
                    e.u32(0);
                }
            }
            module.section(9, e);
        }
        Out code = new Out().u32(3);
        code.body(0x41, 0x01, 0x0B); // stint_abi_version: 1
        code.body(0x41, 0x80, 0x08, 0x0B); // stint_alloc: 1024
        code.body(0x41, 0x00, 0x0B); // stint_run: completed
        module.section(10, code);
        if (dataSegments > 0) {
            Out d = new Out().u32(dataSegments);
            for (int s = 0; s < dataSegments; s++) {
                d.u32(1).u32(dataBytes); // passive
                for (int i = 0; i < dataBytes; i++) {
                    d.bytes(0x2A);
                }
            }
            module.section(11, d);
        }
        return module.toByteArray();
    }

    /** Room for the data: a memory maximum in pages. */
    ModuleBytes memoryMaxPages(int pages) {
        this.memoryMaxPages = pages;
        return this;
    }

    private static final class Out extends ByteArrayOutputStream {
        Out bytes(int... values) {
            for (int v : values) {
                write(v);
            }
            return this;
        }

        Out u32(long value) {
            long v = value;
            do {
                int b = (int) (v & 0x7F);
                v >>>= 7;
                write(v == 0 ? b : b | 0x80);
            } while (v != 0);
            return this;
        }

        Out name(String s) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            u32(b.length);
            write(b, 0, b.length);
            return this;
        }

        Out body(int... code) {
            u32(code.length + 1).bytes(0x00); // size, no locals
            return bytes(code);
        }

        Out section(int id, Out content) {
            write(id);
            u32(content.size());
            write(content.buf, 0, content.size());
            return this;
        }
    }
}
