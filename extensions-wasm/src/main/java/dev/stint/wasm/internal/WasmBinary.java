package dev.stint.wasm.internal;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a WebAssembly binary that Stint checks before it runs a module: function types, imports,
 * defined functions, memories, tables, globals, element and data segments, and exports. Other sections
 * are skipped by their declared size; GraalWasm validates the whole module when it is instantiated.
 */
public final class WasmBinary {

    /** A value type code, as in the binary format. */
    public static String valueTypeName(int code) {
        return switch (code) {
            case 0x7F -> "i32";
            case 0x7E -> "i64";
            case 0x7D -> "f32";
            case 0x7C -> "f64";
            case 0x7B -> "v128";
            case 0x70 -> "funcref";
            case 0x6F -> "externref";
            default -> "type 0x" + Integer.toHexString(code);
        };
    }

    /** A function type. */
    public record FuncType(List<Integer> params, List<Integer> results) {
        /** Parses {@code "(i32, i64) -> (i32)"}-style text: the form used in ABI tables. */
        public static FuncType of(String params, String results) {
            return new FuncType(codes(params), codes(results));
        }

        private static List<Integer> codes(String list) {
            List<Integer> out = new ArrayList<>();
            for (String t : list.split(",")) {
                String s = t.strip();
                if (s.isEmpty()) {
                    continue;
                }
                out.add(switch (s) {
                    case "i32" -> 0x7F;
                    case "i64" -> 0x7E;
                    case "f32" -> 0x7D;
                    case "f64" -> 0x7C;
                    default -> throw new IllegalArgumentException("unknown value type " + s);
                });
            }
            return List.copyOf(out);
        }

        @Override
        public String toString() {
            return "(" + String.join(", ", params.stream().map(WasmBinary::valueTypeName).toList()) + ") -> ("
                    + String.join(", ", results.stream().map(WasmBinary::valueTypeName).toList()) + ")";
        }
    }

    /** Import kinds and export kinds, as in the binary format. */
    public static final int KIND_FUNC = 0, KIND_TABLE = 1, KIND_MEMORY = 2, KIND_GLOBAL = 3, KIND_TAG = 4;

    /** Names a kind for messages. */
    public static String kindName(int kind) {
        return switch (kind) {
            case KIND_FUNC -> "function";
            case KIND_TABLE -> "table";
            case KIND_MEMORY -> "memory";
            case KIND_GLOBAL -> "global";
            case KIND_TAG -> "tag";
            default -> "kind " + kind;
        };
    }

    /** One import: {@code funcType} is set for function imports. */
    public record Import(String module, String name, int kind, FuncType funcType) {
    }

    /** One export: {@code funcType} is set for function exports. */
    public record Export(String name, int kind, int index, FuncType funcType) {
    }

    /**
     * A memory's limits.
     *
     * @param minPages initial size in 64 KiB pages
     * @param maxPages declared maximum, or -1 when there is none
     * @param shared whether it is a shared (threads) memory
     * @param memory64 whether it has 64-bit addresses
     * @param imported whether it is imported rather than defined
     */
    public record Memory(long minPages, long maxPages, boolean shared, boolean memory64, boolean imported) {
    }

    /**
     * A table's limits.
     *
     * @param refType its element type code ({@code 0x70} funcref, {@code 0x6F} externref)
     * @param min initial size in elements
     * @param max declared maximum, or -1 when there is none
     * @param imported whether it is imported rather than defined
     */
    public record Table(int refType, long min, long max, boolean imported) {
    }

    private final List<FuncType> types = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private long globals;
    private long elementSegments;
    private long elementEntries;
    private long dataSegments;
    private long dataBytes;
    private final List<Import> imports = new ArrayList<>();
    private final List<Integer> functionTypes = new ArrayList<>(); // function index space -> type index
    private final List<Memory> memories = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();

    private final byte[] b;
    private int pos;

    private WasmBinary(byte[] bytes) {
        this.b = bytes;
    }

    /**
     * Parses a module.
     *
     * @throws MalformedException if the bytes are not a WebAssembly binary of version 1, or a section Stint
     *     reads is malformed
     */
    public static WasmBinary parse(byte[] bytes) {
        WasmBinary w = new WasmBinary(bytes);
        w.parseModule();
        return w;
    }

    /** The bytes are not a WebAssembly module Stint can read. */
    public static final class MalformedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    public List<Import> imports() {
        return List.copyOf(imports);
    }

    public List<Memory> memories() {
        return List.copyOf(memories);
    }

    /** The tables, imported ones first. */
    public List<Table> tables() {
        return List.copyOf(tables);
    }

    /** How many globals the module defines (imported ones not counted). */
    public long globals() {
        return globals;
    }

    /** How many element segments the module has. */
    public long elementSegments() {
        return elementSegments;
    }

    /** How many entries its element segments hold in all. */
    public long elementEntries() {
        return elementEntries;
    }

    /** How many data segments the module has. */
    public long dataSegments() {
        return dataSegments;
    }

    /** How many bytes its data segments hold in all. */
    public long dataBytes() {
        return dataBytes;
    }

    public List<Export> exports() {
        return List.copyOf(exports);
    }

    /** The export with this name, if any. */
    public Optional<Export> export(String name) {
        return exports.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    private void parseModule() {
        if (b.length < 8 || b[0] != 0 || b[1] != 'a' || b[2] != 's' || b[3] != 'm') {
            throw new MalformedException("not a WebAssembly binary (no \\0asm magic number)");
        }
        if (b[4] != 1 || b[5] != 0 || b[6] != 0 || b[7] != 0) {
            throw new MalformedException("unsupported WebAssembly binary version " + (b[4] & 0xFF)
                    + " (only version 1 is supported; component-model binaries are not modules)");
        }
        pos = 8;
        while (pos < b.length) {
            int id = u8();
            long size = u32();
            int end = checkedEnd(size, "section " + id);
            switch (id) {
                case 1 -> typeSection();
                case 2 -> importSection();
                case 3 -> functionSection();
                case 4 -> tableSection();
                case 5 -> memorySection();
                case 6 -> globals = u32(); // the entries' count; GraalWasm checks that the entries match it
                case 7 -> exportSection();
                case 9 -> elementSection();
                case 11 -> dataSection();
                default -> pos = end; // custom, start, code, data count, tag
            }
            if (id == 6) {
                pos = end;
            }
            if (pos != end) {
                throw new MalformedException("section " + id + " has " + (pos < end ? "extra" : "missing")
                        + " bytes (declared size " + size + ")");
            }
        }
        for (Export e : exports) {
            if (e.kind() == KIND_FUNC && e.funcType() == null) {
                throw new MalformedException("export " + e.name() + " refers to function " + e.index()
                        + ", which does not exist");
            }
        }
    }

    private void typeSection() {
        long n = u32();
        for (long i = 0; i < n; i++) {
            int form = u8();
            if (form != 0x60) {
                throw new MalformedException("type " + i + " has form 0x" + Integer.toHexString(form)
                        + "; only plain function types are supported (no GC proposal types)");
            }
            List<Integer> params = valueTypes();
            List<Integer> results = valueTypes();
            types.add(new FuncType(params, results));
        }
    }

    private List<Integer> valueTypes() {
        long n = u32();
        if (n > 1000) {
            throw new MalformedException("a function type with " + n + " values");
        }
        List<Integer> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            int t = u8();
            if (t != 0x7F && t != 0x7E && t != 0x7D && t != 0x7C && t != 0x7B && t != 0x70 && t != 0x6F) {
                throw new MalformedException("unsupported value type 0x" + Integer.toHexString(t));
            }
            out.add(t);
        }
        return List.copyOf(out);
    }

    private void importSection() {
        long n = u32();
        for (long i = 0; i < n; i++) {
            String module = name();
            String name = name();
            int kind = u8();
            switch (kind) {
                case KIND_FUNC -> {
                    long typeIndex = u32();
                    FuncType t = type(typeIndex);
                    functionTypes.add((int) typeIndex);
                    imports.add(new Import(module, name, kind, t));
                }
                case KIND_TABLE -> {
                    tables.add(tableType(true));
                    imports.add(new Import(module, name, kind, null));
                }
                case KIND_MEMORY -> {
                    memories.add(limits(true));
                    imports.add(new Import(module, name, kind, null));
                }
                case KIND_GLOBAL -> {
                    u8(); // value type
                    u8(); // mutability
                    imports.add(new Import(module, name, kind, null));
                }
                case KIND_TAG -> {
                    u8(); // attribute
                    u32(); // type index
                    imports.add(new Import(module, name, kind, null));
                }
                default -> throw new MalformedException("import " + module + "." + name + " has unknown kind " + kind);
            }
        }
    }

    private void functionSection() {
        long n = u32();
        for (long i = 0; i < n; i++) {
            long typeIndex = u32();
            type(typeIndex);
            functionTypes.add((int) typeIndex);
        }
    }

    private void memorySection() {
        long n = u32();
        for (long i = 0; i < n; i++) {
            Memory m = limits(false);
            memories.add(new Memory(m.minPages(), m.maxPages(), m.shared(), m.memory64(), false));
        }
    }

    private void tableSection() {
        long n = u32();
        for (long i = 0; i < n; i++) {
            tables.add(tableType(false));
        }
    }

    private Table tableType(boolean imported) {
        int refType = u8();
        if (refType == 0x40) {
            throw new MalformedException("a table with an initializer expression (function-references proposal) is "
                    + "not supported");
        }
        refType(refType);
        Memory limits = limits(imported);
        if (limits.shared() || limits.memory64()) {
            throw new MalformedException("a table with limits flags of a shared or 64-bit memory");
        }
        return new Table(refType, limits.minPages(), limits.maxPages(), imported);
    }

    private static void refType(int code) {
        if (code != 0x70 && code != 0x6F) {
            throw new MalformedException("unsupported reference type 0x" + Integer.toHexString(code));
        }
    }

    private void elementSection() {
        long n = u32();
        for (long i = 0; i < n; i++) {
            long flags = u32();
            if (flags > 7) {
                throw new MalformedException("element segment " + i + " has unknown flags " + flags);
            }
            boolean passiveOrDeclarative = (flags & 1) != 0;
            boolean explicitTable = (flags & 2) != 0;
            boolean expressions = (flags & 4) != 0;
            if (!passiveOrDeclarative) {
                if (explicitTable) {
                    u32(); // table index
                }
                constExpression();
            }
            if (passiveOrDeclarative || explicitTable) {
                int kind = u8(); // elemkind 0x00 (funcref) for index lists, a reference type for expressions
                if (expressions) {
                    refType(kind);
                } else if (kind != 0) {
                    throw new MalformedException("element segment " + i + " has unknown element kind " + kind);
                }
            }
            long entries = u32();
            elementEntries += entries;
            for (long e = 0; e < entries; e++) {
                if (expressions) {
                    constExpression();
                } else {
                    u32(); // function index
                }
            }
            elementSegments++;
        }
    }

    private void dataSection() {
        long n = u32();
        for (long i = 0; i < n; i++) {
            long flags = u32();
            switch ((int) Math.min(flags, 3)) {
                case 0 -> constExpression();
                case 1 -> {
                }
                case 2 -> {
                    u32(); // memory index
                    constExpression();
                }
                default -> throw new MalformedException("data segment " + i + " has unknown flags " + flags);
            }
            long len = u32();
            pos = checkedEnd(len, "data segment " + i);
            dataBytes += len;
            dataSegments++;
        }
    }

    /** Skips a constant expression (an offset or a global's or element's value) up to its {@code end}. */
    private void constExpression() {
        for (int ops = 0; ops < 10_000; ops++) {
            int op = u8();
            switch (op) {
                case 0x0B -> {
                    return; // end
                }
                case 0x41 -> leb(5); // i32.const
                case 0x42 -> leb(10); // i64.const
                case 0x43 -> pos = checkedEnd(4, "an f32 constant"); // f32.const
                case 0x44 -> pos = checkedEnd(8, "an f64 constant"); // f64.const
                case 0x23, 0xD2 -> u32(); // global.get, ref.func
                case 0xD0 -> u8(); // ref.null with its reference type
                case 0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E -> {
                    // extended constant expressions: i32/i64 add, sub, mul
                }
                case 0xFD -> {
                    if (u32() != 12) {
                        throw new MalformedException("unsupported vector instruction in a constant expression");
                    }
                    pos = checkedEnd(16, "a v128 constant"); // v128.const
                }
                default -> throw new MalformedException("unsupported instruction 0x" + Integer.toHexString(op)
                        + " in a constant expression at offset " + (pos - 1));
            }
        }
        throw new MalformedException("a constant expression longer than 10000 instructions at offset " + pos);
    }

    private Memory limits(boolean imported) {
        int flags = u8();
        if (flags > 7) {
            throw new MalformedException("unknown limits flags 0x" + Integer.toHexString(flags));
        }
        boolean hasMax = (flags & 1) != 0;
        boolean shared = (flags & 2) != 0;
        boolean memory64 = (flags & 4) != 0;
        long min = memory64 ? u64() : u32();
        long max = hasMax ? (memory64 ? u64() : u32()) : -1;
        return new Memory(min, max, shared, memory64, imported);
    }

    private void exportSection() {
        long n = u32();
        for (long i = 0; i < n; i++) {
            String name = name();
            int kind = u8();
            long index = u32();
            FuncType t = null;
            if (kind == KIND_FUNC && index < functionTypes.size()) {
                int ti = functionTypes.get((int) index);
                t = ti >= 0 && ti < types.size() ? types.get(ti) : null;
            }
            exports.add(new Export(name, kind, (int) index, t));
        }
    }

    private FuncType type(long index) {
        if (index >= types.size()) {
            throw new MalformedException("reference to function type " + index + ", but only " + types.size()
                    + " are declared");
        }
        return types.get((int) index);
    }

    private String name() {
        long len = u32();
        int end = checkedEnd(len, "a name");
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b, pos, (int) len))
                    .toString();
            pos = end;
            return s;
        } catch (CharacterCodingException e) {
            throw new MalformedException("a name is not valid UTF-8");
        }
    }

    private int checkedEnd(long size, String what) {
        long end = pos + size;
        if (end > b.length) {
            throw new MalformedException(what + " runs past the end of the module (" + size + " bytes declared at offset "
                    + pos + ", module has " + b.length + ")");
        }
        return (int) end;
    }

    private int u8() {
        if (pos >= b.length) {
            throw new MalformedException("unexpected end of module");
        }
        return b[pos++] & 0xFF;
    }

    private long u32() {
        long v = leb(5);
        if (v > 0xFFFF_FFFFL) {
            throw new MalformedException("u32 out of range at offset " + pos);
        }
        return v;
    }

    private long u64() {
        return leb(10);
    }

    private long leb(int maxBytes) {
        long result = 0;
        int shift = 0;
        for (int i = 0; i < maxBytes; i++) {
            int byt = u8();
            result |= (long) (byt & 0x7F) << shift;
            if ((byt & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
        throw new MalformedException("LEB128 number too long at offset " + pos);
    }
}
