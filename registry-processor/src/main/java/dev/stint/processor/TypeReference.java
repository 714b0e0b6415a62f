package dev.stint.processor;

/**
 * A type that the generated catalog names: how to write it in source, and what the catalog must know to
 * refer to it (whether it can see it, whether naming it raises a deprecation warning).
 *
 * @param literal the type as written in source, fully qualified, with canonical names for nested types
 *     ({@code p.Outer.Inner}) and {@code []} for arrays
 * @param packageName the package of the type (of its element type, for arrays)
 * @param access from where code may refer to the type
 * @param deprecation whether the type, or a type it is nested in, is deprecated
 */
record TypeReference(String literal, String packageName, Access access, Deprecation deprecation) {

    /** From where generated code may refer to a type. */
    enum Access {
        /** The type and every type it is nested in are public. */
        PUBLIC,
        /** Only code in the same package may refer to the type. */
        PACKAGE,
        /** The type is private, local or anonymous, or nested in such a type. */
        PRIVATE
    }

    /** Whether naming a type raises a deprecation warning. */
    enum Deprecation {
        NONE,
        /** Raises a {@code deprecation} warning. */
        DEPRECATED,
        /** Raises a {@code removal} warning. */
        FOR_REMOVAL
    }

    /** {@code java.lang.Object}, the output type used when a job's output type is unknown. */
    static final TypeReference OBJECT =
            new TypeReference("java.lang.Object", "java.lang", Access.PUBLIC, Deprecation.NONE);

    /** A primitive type, such as {@code int}. */
    static TypeReference primitive(String keyword) {
        return new TypeReference(keyword, "java.lang", Access.PUBLIC, Deprecation.NONE);
    }

    /** The array type whose elements are of this type. */
    TypeReference arrayOf() {
        return new TypeReference(literal + "[]", packageName, access, deprecation);
    }

    /** Whether code in package {@code pkg} (the empty string for the unnamed package) may refer to this type. */
    boolean accessibleFrom(String pkg) {
        return switch (access) {
            case PUBLIC -> true;
            case PACKAGE -> packageName.equals(pkg);
            case PRIVATE -> false;
        };
    }
}
