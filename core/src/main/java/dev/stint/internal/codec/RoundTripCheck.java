package dev.stint.internal.codec;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a value with what decoding its encoding gave back, part by part, and names the first difference.
 *
 * <p>Lists and arrays are compared element by element, maps key by key, sets by membership; objects Jackson
 * writes as beans (job classes, records, the job author's classes) property by property, through the same
 * property writers Jackson stored them with, so exactly the stored fields are compared (never transient ones)
 * and no access beyond Jackson's is needed; any other value must come back as an equal instance of the same
 * class (for a class without its own {@code equals}, one that encodes to the same bytes). Collections may come
 * back as another implementation ({@code List.of(..)} as an {@code ArrayList}); their elements may not change
 * class ({@code Path} as {@code String}, a record as a map): that is what breaks a job after a resume. Numbers
 * are the exception: one held as {@code Object} may come back narrower or wider ({@code Long} 5 as
 * {@code Integer} 5, {@code Float} as {@code Double}) as long as it is the same number.
 */
final class RoundTripCheck {
    /** Deeper than this the comparison stops (the encoder bounds nesting already). */
    private static final int MAX_DEPTH = 500;
    private static final int MAX_SHOWN = 80;

    /** The first difference: where, the declared type of the outermost field (or null), and both sides. */
    record Difference(String path, String declaredType, String stored, String cameBack) {
    }

    private final ObjectMapper mapper;
    private final SerializerProvider serializers;

    RoundTripCheck(ObjectMapper mapper) {
        this.mapper = mapper;
        this.serializers = mapper.getSerializerProviderInstance();
    }

    /**
     * The first difference between {@code stored} and {@code back}, or null when they are the same; with
     * {@code fieldsOnTop}, the top-level properties are named as fields (the job object) and their declared
     * types reported.
     */
    Difference compare(Object stored, Object back, boolean fieldsOnTop) {
        if (fieldsOnTop && stored != null && back != null && stored.getClass() == back.getClass()) {
            JsonSerializer<Object> serializer = serializerOf(stored.getClass());
            if (serializer instanceof BeanSerializerBase bean) {
                Iterator<PropertyWriter> properties = bean.properties();
                while (properties.hasNext()) {
                    if (properties.next() instanceof BeanPropertyWriter property) {
                        Difference d = walk(valueOf(property, stored), valueOf(property, back), property.getName(), 0);
                        if (d != null) {
                            return new Difference(d.path(), property.getType().toCanonical(), d.stored(), d.cameBack());
                        }
                    }
                }
                return null;
            }
        }
        return walk(stored, back, "", 0);
    }

    private Difference walk(Object a, Object b, String path, int depth) {
        if (a == b || depth > MAX_DEPTH) {
            return null;
        }
        if (a == null || b == null) {
            return differ(path, a, b);
        }
        if (a instanceof Collection<?> ca && b instanceof Collection<?> cb) {
            return collections(ca, cb, path, depth);
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            return maps(ma, mb, path, depth);
        }
        Class<?> type = a.getClass();
        if (type != b.getClass()) {
            return sameNumber(a, b) ? null : differ(path, a, b);
        }
        if (type.isArray()) {
            return arrays(a, b, path, depth);
        }
        if (a.equals(b)) {
            return null;
        }
        JsonSerializer<Object> serializer = serializerOf(type);
        if (serializer instanceof BeanSerializerBase bean) {
            Iterator<PropertyWriter> properties = bean.properties();
            while (properties.hasNext()) {
                if (properties.next() instanceof BeanPropertyWriter property) {
                    Difference d = walk(valueOf(property, a), valueOf(property, b),
                            path.isEmpty() ? property.getName() : path + "." + property.getName(), depth + 1);
                    if (d != null) {
                        return d;
                    }
                }
            }
            return null;
        }
        if (!ownEquals(type) && Arrays.equals(bytes(a), bytes(b))) {
            return null; // a class compared by identity: the same bytes are the same value
        }
        return differ(path, a, b);
    }

    /**
     * A number held as {@code Object} comes back in the smallest type that holds it (MessagePack does not keep
     * Java's widths): a {@code Long} 5 as an {@code Integer} 5 is the same number, read as {@link Number}.
     */
    private static boolean sameNumber(Object a, Object b) {
        if (!(a instanceof Number x) || !(b instanceof Number y)) {
            return false;
        }
        if (fixedWidth(x) && fixedWidth(y)) {
            return x.longValue() == y.longValue();
        }
        boolean integralA = x instanceof Long || x instanceof Integer || x instanceof Short || x instanceof Byte
                || x instanceof java.math.BigInteger;
        boolean integralB = y instanceof Long || y instanceof Integer || y instanceof Short || y instanceof Byte
                || y instanceof java.math.BigInteger;
        if (integralA && integralB) {
            return new java.math.BigInteger(x.toString()).equals(new java.math.BigInteger(y.toString()));
        }
        boolean floatingA = x instanceof Double || x instanceof Float;
        boolean floatingB = y instanceof Double || y instanceof Float;
        return floatingA && floatingB && Double.compare(x.doubleValue(), y.doubleValue()) == 0;
    }

    private static boolean fixedWidth(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    private Difference collections(Collection<?> a, Collection<?> b, String path, int depth) {
        if ((a instanceof Set<?>) != (b instanceof Set<?>) || (a instanceof List<?>) != (b instanceof List<?>)) {
            return differ(path, a, b);
        }
        if (a.size() != b.size()) {
            return new Difference(path, null, describeSize(a), describeSize(b));
        }
        if (a instanceof Set<?> sa && !sa.equals(b)) {
            return sets(sa, (Set<?>) b, path, depth);
        }
        if (a instanceof Set<?>) {
            return null;
        }
        Iterator<?> ia = a.iterator();
        Iterator<?> ib = b.iterator();
        for (int i = 0; ia.hasNext(); i++) {
            Difference d = walk(ia.next(), ib.next(), path + "[" + i + "]", depth + 1);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** Sets that are not equal: each element must have a counterpart (equal, or the same part by part). */
    private Difference sets(Set<?> a, Set<?> b, String path, int depth) {
        List<Object> unmatched = new ArrayList<>(b);
        for (Object element : a) {
            if (b.contains(element)) {
                unmatched.remove(element);
                continue;
            }
            Object twin = null;
            for (Object candidate : unmatched) {
                if (walk(element, candidate, path, depth + 1) == null) {
                    twin = candidate;
                    break;
                }
            }
            if (twin == null) {
                Object other = unmatched.isEmpty() ? null : unmatched.get(0);
                return new Difference(path + "{}", null, "the element " + describe(element),
                        other == null ? "nothing equal to it" : "elements such as " + describe(other));
            }
            unmatched.remove(twin);
        }
        return null;
    }

    private Difference maps(Map<?, ?> a, Map<?, ?> b, String path, int depth) {
        if (a.size() != b.size()) {
            return new Difference(path, null, describeSize(a), describeSize(b));
        }
        for (Map.Entry<?, ?> entry : a.entrySet()) {
            Object key = entry.getKey();
            String at = path + "[" + (key instanceof CharSequence ? String.valueOf(key) : shown(key)) + "]";
            if (!b.containsKey(key)) {
                Object other = b.keySet().iterator().next();
                return new Difference(at, null, "the key " + describe(key), "keys such as " + describe(other));
            }
            Difference d = walk(entry.getValue(), b.get(key), at, depth + 1);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private Difference arrays(Object a, Object b, String path, int depth) {
        int length = Array.getLength(a);
        if (length != Array.getLength(b)) {
            return new Difference(path, null, "an array of " + length, "an array of " + Array.getLength(b));
        }
        for (int i = 0; i < length; i++) {
            Difference d = walk(Array.get(a, i), Array.get(b, i), path + "[" + i + "]", depth + 1);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private JsonSerializer<Object> serializerOf(Class<?> type) {
        try {
            return serializers.findValueSerializer(type, null);
        } catch (JsonMappingException e) {
            return null;
        }
    }

    private static Object valueOf(BeanPropertyWriter property, Object bean) {
        try {
            return property.get(bean);
        } catch (Exception e) {
            throw new CodecException("cannot read " + property.getName() + " of " + bean.getClass().getName()
                    + ": " + e.getMessage(), e);
        }
    }

    private byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (Exception e) {
            return new byte[0];
        }
    }

    private static boolean ownEquals(Class<?> type) {
        try {
            return type.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Difference differ(String path, Object a, Object b) {
        return new Difference(path, null, describe(a), describe(b));
    }

    private static String describeSize(Object container) {
        int size = container instanceof Collection<?> c ? c.size() : ((Map<?, ?>) container).size();
        return "a " + typeName(container.getClass()) + " of " + size;
    }

    /** A value as a type and a short rendering: {@code java.nio.file.Path /tmp/a}, {@code java.lang.String "a"}. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        return typeName(value.getClass()) + " " + shown(value);
    }

    private static String shown(Object value) {
        String text = value.getClass().isArray() ? "[...]" : String.valueOf(value);
        if (text.length() > MAX_SHOWN) {
            text = text.substring(0, MAX_SHOWN) + "...";
        }
        return value instanceof CharSequence ? "\"" + text + "\"" : text;
    }

    /** The class's name, or for a hidden implementation class the public interface it stands for. */
    static String typeName(Class<?> type) {
        if (type.isArray()) {
            return typeName(type.getComponentType()) + "[]";
        }
        String name = type.getName();
        boolean platform = name.startsWith("java.") || name.startsWith("sun.") || name.startsWith("jdk.");
        if (!platform || java.lang.reflect.Modifier.isPublic(type.getModifiers()) && !type.isAnonymousClass()) {
            return name;
        }
        for (Class<?> known : List.of(Path.class, List.class, Set.class, Map.class, Collection.class)) {
            if (known.isAssignableFrom(type)) {
                return known.getName();
            }
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (java.lang.reflect.Modifier.isPublic(c.getModifiers()) && !c.isAnonymousClass()) {
                return c.getName();
            }
        }
        return type.getName();
    }
}
