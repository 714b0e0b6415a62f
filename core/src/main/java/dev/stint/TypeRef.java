package dev.stint;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * A full Java type, generic arguments included, for a value Stint stores and reads back: a step's result
 * ({@link JobContext#step(String, TypeRef, JobContext.StepBody)}).
 *
 * <p>A class literal cannot say {@code List<Path>}: {@code List.class} only says "a list", so a list of paths
 * stored as a step result would come back after a resume as a list of strings. Capture the whole type with an
 * anonymous subclass instead:
 *
 * <pre>{@code
 * List<Path> files = ctx.step("discover", new TypeRef<List<Path>>() {}, () -> scan(root));
 * }</pre>
 *
 * <p>The type argument must be a concrete type: a type variable ({@code new TypeRef<T>() {}} inside a generic
 * method) is rejected, since it names nothing Stint could decode into. Two type references are equal when
 * they capture the same type.
 *
 * @param <T> the type captured
 */
public abstract class TypeRef<T> {
    private final Type type;

    /**
     * Captures the type argument of the anonymous subclass being created ({@code new TypeRef<List<Path>>() {}}).
     *
     * @throws IllegalArgumentException if the subclass does not give a concrete type argument
     */
    protected TypeRef() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType parameterized)
                || parameterized.getRawType() != TypeRef.class) {
            throw new IllegalArgumentException("create a TypeRef as an anonymous subclass that names its type:"
                    + " new TypeRef<List<Path>>() {}");
        }
        this.type = checked(parameterized.getActualTypeArguments()[0]);
    }

    private TypeRef(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * The type reference of a plain class, for a value without type arguments ({@code TypeRef.of(Summary.class)}).
     *
     * @throws NullPointerException if {@code type} is null
     */
    public static <T> TypeRef<T> of(Class<T> type) {
        return new TypeRef<>(type) {
        };
    }

    private static Type checked(Type type) {
        if (type instanceof java.lang.reflect.TypeVariable<?> variable) {
            throw new IllegalArgumentException("TypeRef needs a concrete type, not the type variable "
                    + variable.getName() + ": write the type out, e.g. new TypeRef<List<Path>>() {}");
        }
        return type;
    }

    /** The captured type: a {@link Class} or a {@link ParameterizedType} (or an array of either). */
    public Type type() {
        return type;
    }

    /** The captured type's erasure: the class a value of this type is an instance of. */
    public Class<?> rawType() {
        return rawTypeOf(type);
    }

    private static Class<?> rawTypeOf(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof java.lang.reflect.GenericArrayType array) {
            return rawTypeOf(array.getGenericComponentType()).arrayType();
        }
        if (type instanceof java.lang.reflect.WildcardType wildcard) {
            return rawTypeOf(wildcard.getUpperBounds()[0]);
        }
        return Object.class;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TypeRef<?> ref && ref.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    /** The type's name, as in source: {@code java.util.List<java.nio.file.Path>}. */
    @Override
    public String toString() {
        return type.getTypeName();
    }
}
