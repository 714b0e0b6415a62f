package dev.stint.internal.exec;

import dev.stint.JobType;
import dev.stint.UnknownJobTypeException;

/**
 * Why a job object's class is in no registered catalog, and what to do: the error of a dispatch (or a spawn) of
 * a class the registry does not know. The type's name stays the name; the hint follows it.
 */
final class UnregisteredJobClass {
    /** The class the registry processor generates in the jobs' package, unless told otherwise. */
    static final String CATALOG_CLASS = "StintJobCatalog";

    private UnregisteredJobClass() {
    }

    /** The error for a job object of {@code type}, which no catalog registers; {@code known} lists the names. */
    static UnknownJobTypeException error(Class<?> type, String known) {
        JobType annotation = type.getAnnotation(JobType.class);
        if (annotation == null) {
            return new UnknownJobTypeException(null, type.getName(), "class " + type.getName() + " has no @JobType:"
                    + " annotate it with @JobType(name = ..., version = ...) and compile it with the registry"
                    + " processor", known);
        }
        return new UnknownJobTypeException(null, annotation.name(), hint(type, annotation), known);
    }

    private static String hint(Class<?> type, JobType annotation) {
        String pkg = type.getPackageName();
        String catalog = (pkg.isEmpty() ? "" : pkg + ".") + CATALOG_CLASS;
        String declared = "class " + type.getName() + " is annotated @JobType(name = \"" + annotation.name()
                + "\", version = " + annotation.version() + ") but is in no registered catalog";
        boolean named = type.getModule().isNamed();
        String provides = "provides dev.stint.spi.JobCatalog with " + catalog + ";";
        String passIt = "Library.builder(dir).catalog(new " + catalog + "())";
        if (catalogExists(type, catalog)) {
            return declared + ": its catalog " + catalog + " exists but was not found"
                    + (named ? ": on the module path ServiceLoader reads no META-INF/services, so declare `" + provides
                            + "` in the module-info.java of " + type.getModule().getName()
                            : " (a builder with useServiceLoader(false) finds none)")
                    + ", or pass it: " + passIt;
        }
        return declared + ": the registry processor did not run on it (no " + catalog + " was generated, unless"
                + " -Astint.catalogPackage put it elsewhere). Put stint-registry-processor on the compiler's annotation"
                + " processor path and compile with -proc:full (javac 23 and later run no processor without it)"
                + (named ? "; on the module path also declare `" + provides + "` in the module-info.java of "
                        + type.getModule().getName() : "")
                + "; or pass the catalog: " + passIt;
    }

    private static boolean catalogExists(Class<?> type, String catalog) {
        try {
            Class.forName(catalog, false, type.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
