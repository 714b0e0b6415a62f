package dev.stint.internal.codec;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * The engine's own records ({@link ProgressRecord}, {@link StoredError}, lists of them, a spawn step's
 * {@code String[]} of child ids) and the state of a job class without fields, encoded and decoded with
 * msgpack-core alone, so that opening a library and running a job with no state never creates a Jackson
 * {@code ObjectMapper}.
 *
 * <p>The bytes are exactly those Jackson's MessagePack binding wrote for the same values with
 * {@link StateCodec}'s settings (fields in declaration order, nulls written as nil, integers in their
 * smallest form, doubles as float 64, an empty bean as an empty map), so files written before read back and
 * files written now read back in an older Stint; {@code EngineRecordsTest} compares them byte for byte.
 *
 * <p>What this class does not handle exactly as Jackson would, it leaves to Jackson: {@link #encode} and
 * {@link #decode} return {@link #NOT_HANDLED} for a progress record whose phase carries data, for a stored
 * value whose shape is not the one Jackson wrote (a number where text was, say: Jackson's coercions then
 * apply), and for state that is not an empty map.
 */
final class EngineRecords {
    /** Returned when Jackson must do the work. */
    static final Object NOT_HANDLED = new Object();

    private static final byte[] EMPTY_MAP = {(byte) 0x80};

    /** Whether a job class has no state: Jackson with field visibility writes it as an empty map. */
    private static final ClassValue<Constructor<?>> STATELESS = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
            return statelessConstructor(type);
        }
    };

    private EngineRecords() {
    }

    /** The bytes of {@code value}, or null when Jackson must encode it. */
    static byte[] encode(Object value) {
        try {
            if (value instanceof ProgressRecord p) {
                return p.data == null || p.data.isEmpty() ? progress(p) : null;
            }
            if (value instanceof StoredError e) {
                MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
                error(packer, e);
                return packer.toByteArray();
            }
            if (value instanceof StoredError[] errors) {
                MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
                packer.packArrayHeader(errors.length);
                for (StoredError e : errors) {
                    if (e == null) {
                        packer.packNil();
                    } else {
                        error(packer, e);
                    }
                }
                return packer.toByteArray();
            }
            if (value instanceof String[] strings) {
                MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
                packer.packArrayHeader(strings.length);
                for (String s : strings) {
                    string(packer, s);
                }
                return packer.toByteArray();
            }
            if (value != null && STATELESS.get(value.getClass()) != null) {
                return EMPTY_MAP.clone();
            }
            return null;
        } catch (IOException e) {
            return null; // an in-memory packer does not fail; if it did, Jackson gets its turn
        }
    }

    private static byte[] progress(ProgressRecord p) throws IOException {
        MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
        packer.packMapHeader(6);
        packer.packString("kind");
        string(packer, p.kind);
        packer.packString("done");
        packer.packLong(p.done);
        packer.packString("total");
        packer.packLong(p.total);
        packer.packString("value");
        packer.packDouble(p.value);
        packer.packString("message");
        string(packer, p.message);
        packer.packString("data");
        if (p.data == null) {
            packer.packNil();
        } else {
            packer.packMapHeader(0);
        }
        return packer.toByteArray();
    }

    private static void error(MessagePacker packer, StoredError e) throws IOException {
        packer.packMapHeader(4);
        packer.packString("type");
        string(packer, e.type);
        packer.packString("message");
        string(packer, e.message);
        packer.packString("stackTrace");
        string(packer, e.stackTrace);
        packer.packString("at");
        packer.packLong(e.at);
    }

    private static void string(MessagePacker packer, String s) throws IOException {
        if (s == null) {
            packer.packNil();
        } else {
            packer.packString(s);
        }
    }

    /**
     * Decodes a blob (already checked by {@link MessagePackValidator}) into {@code type}, or returns
     * {@link #NOT_HANDLED}.
     */
    static Object decode(byte[] blob, Class<?> type) {
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(blob)) {
            Object value;
            if (type == ProgressRecord.class) {
                value = progress(in);
            } else if (type == StoredError.class) {
                value = error(in);
            } else if (type == StoredError[].class) {
                value = errors(in);
            } else if (type == String[].class) {
                value = strings(in);
            } else if (blob.length == 1 && blob[0] == EMPTY_MAP[0] && STATELESS.get(type) != null) {
                return newStateless(type);
            } else {
                return NOT_HANDLED;
            }
            // trailing bytes: Jackson reads the first value and ignores the rest, as here
            return value == null ? NOT_HANDLED : value;
        } catch (IOException | RuntimeException e) {
            return NOT_HANDLED; // Jackson decides, with its own message
        }
    }

    /** A map of the record's fields; null (to Jackson) on any other shape. */
    private static ProgressRecord progress(MessageUnpacker in) throws IOException {
        if (in.getNextFormat().getValueType() != ValueType.MAP) {
            return null;
        }
        ProgressRecord r = new ProgressRecord();
        int n = in.unpackMapHeader();
        for (int i = 0; i < n; i++) {
            String key = key(in);
            if (key == null) {
                return null;
            }
            switch (key) {
                case "kind" -> r.kind = text(in);
                case "done" -> r.done = integer(in);
                case "total" -> r.total = integer(in);
                case "value" -> r.value = floating(in);
                case "message" -> r.message = text(in);
                case "data" -> {
                    if (in.getNextFormat() == MessageFormat.NIL) {
                        in.unpackNil();
                        r.data = null;
                    } else if (in.getNextFormat().getValueType() == ValueType.MAP && in.unpackMapHeader() == 0) {
                        r.data = new java.util.LinkedHashMap<>();
                    } else {
                        return null; // a phase's data: Jackson's untyped maps, lists and numbers
                    }
                }
                default -> in.skipValue(); // unknown fields are ignored, as Jackson does here
            }
        }
        return r;
    }

    private static StoredError error(MessageUnpacker in) throws IOException {
        if (in.getNextFormat().getValueType() != ValueType.MAP) {
            return null;
        }
        StoredError e = new StoredError();
        int n = in.unpackMapHeader();
        for (int i = 0; i < n; i++) {
            String key = key(in);
            if (key == null) {
                return null;
            }
            switch (key) {
                case "type" -> e.type = text(in);
                case "message" -> e.message = text(in);
                case "stackTrace" -> e.stackTrace = text(in);
                case "at" -> e.at = integer(in);
                default -> in.skipValue();
            }
        }
        return e;
    }

    private static StoredError[] errors(MessageUnpacker in) throws IOException {
        if (in.getNextFormat().getValueType() != ValueType.ARRAY) {
            return null;
        }
        int n = in.unpackArrayHeader();
        StoredError[] out = new StoredError[n];
        for (int i = 0; i < n; i++) {
            if (in.getNextFormat() == MessageFormat.NIL) {
                in.unpackNil();
            } else {
                out[i] = error(in);
                if (out[i] == null) {
                    return null;
                }
            }
        }
        return out;
    }

    private static String[] strings(MessageUnpacker in) throws IOException {
        if (in.getNextFormat().getValueType() != ValueType.ARRAY) {
            return null;
        }
        int n = in.unpackArrayHeader();
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = text(in);
        }
        return out;
    }

    private static String key(MessageUnpacker in) throws IOException {
        return in.getNextFormat().getValueType() == ValueType.STRING ? in.unpackString() : null;
    }

    /** A string or nil; anything else is left to Jackson (which would coerce it). */
    private static String text(MessageUnpacker in) throws IOException {
        MessageFormat f = in.getNextFormat();
        if (f == MessageFormat.NIL) {
            in.unpackNil();
            return null;
        }
        if (f.getValueType() != ValueType.STRING) {
            throw new Shape();
        }
        return in.unpackString();
    }

    /** An integer that fits a long; anything else (nil, a float, text) is left to Jackson. */
    private static long integer(MessageUnpacker in) throws IOException {
        MessageFormat f = in.getNextFormat();
        if (f.getValueType() != ValueType.INTEGER) {
            throw new Shape();
        }
        return in.unpackLong(); // a UINT64 over Long.MAX_VALUE throws, and Jackson decides
    }

    /** A float 64 as written; anything else is left to Jackson. */
    private static double floating(MessageUnpacker in) throws IOException {
        if (in.getNextFormat() != MessageFormat.FLOAT64) {
            throw new Shape();
        }
        return in.unpackDouble();
    }

    /** A stored value of another shape than the one Jackson wrote: Jackson decides. */
    private static final class Shape extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Shape() {
            super(null, null, false, false);
        }
    }

    /**
     * The no-argument constructor of a class whose instances Jackson (fields of any visibility, no getters)
     * writes as an empty map and reads from one with that constructor: a named top-level or static nested
     * class, not abstract, without instance fields in it or its superclasses, and whose class files (its own,
     * its superclasses' and its interfaces') do not mention Jackson at all, so no Jackson annotation can change
     * how it is written. Null for any other class.
     *
     * <p>The class files are searched as bytes rather than asked for their annotations through reflection: on a
     * cold start that would parse every annotation and generate a proxy class for each annotation type (20 ms
     * or more before the first job is stored).
     */
    private static Constructor<?> statelessConstructor(Class<?> type) {
        if (type.isInterface() || type.isArray() || type.isPrimitive() || type.isEnum() || type.isAnonymousClass()
                || type.isLocalClass() || Modifier.isAbstract(type.getModifiers())
                || (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) || type.isRecord()
                || type.isSynthetic() || type.isHidden()) {
            return null;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    return null;
                }
            }
        }
        if (mentionsJackson(type, new java.util.HashSet<>())) {
            return null;
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            if (!Modifier.isPublic(constructor.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
                if (!constructor.trySetAccessible()) {
                    return null;
                }
            }
            return constructor;
        } catch (NoSuchMethodException | SecurityException e) {
            return null;
        }
    }

    /**
     * Whether the class file of {@code type}, of a superclass or of an interface names a Jackson type (or cannot
     * be read: then the answer is yes). The JDK's own types and Stint's {@code Job} are known not to.
     */
    private static boolean mentionsJackson(Class<?> type, java.util.Set<Class<?>> seen) {
        if (type == null || type == Object.class || type == dev.stint.Job.class || !seen.add(type)
                || type.getName().startsWith("java.")) {
            return false;
        }
        if (ClassFiles.mentions(type, "com/fasterxml/jackson/") || mentionsJackson(type.getSuperclass(), seen)) {
            return true;
        }
        for (Class<?> i : type.getInterfaces()) {
            if (mentionsJackson(i, seen)) {
                return true;
            }
        }
        return false;
    }

    private static Object newStateless(Class<?> type) {
        try {
            return STATELESS.get(type).newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return NOT_HANDLED; // Jackson calls it again and reports the failure in its own words
        }
    }

    /** For tests: whether {@code type} takes the path without Jackson. */
    static boolean isStateless(Class<?> type) {
        return STATELESS.get(type) != null;
    }
}
