package dev.stint.internal.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.PackageNotOpenException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a failure of Jackson that comes from a package not opened to it (the module path's most common
 * mistake) and turns it into a {@link PackageNotOpenException} that gives the exact {@code opens} line, instead
 * of Jackson's text about {@code setAccessible}.
 */
final class ModuleOpens {
    /** The JDK's words: {@code module m does not "opens p" to module j} (or {@code to unnamed module @1a2b}). */
    private static final Pattern NOT_OPEN = Pattern.compile(
            "module (\\S+) does not \"opens ([^\"]+)\" to (unnamed module|module (\\S+))");

    private ModuleOpens() {
    }

    /**
     * The problem as a {@link PackageNotOpenException} if {@code failure} (or a cause) says a package is not
     * open, or if {@code type} sits in a named module's package that is not open to Jackson; else null.
     */
    static PackageNotOpenException diagnose(Throwable failure, Class<?> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher m = t.getMessage() == null ? null : NOT_OPEN.matcher(t.getMessage());
            if (m != null && m.find()) {
                String target = m.group(4); // null when Jackson is on the class path
                return new PackageNotOpenException(m.group(1), m.group(2), directive(m.group(2), target),
                        describe(type), failure);
            }
        }
        if (type != null && mentionsAccess(failure)) {
            Module module = type.getModule();
            Module jackson = ObjectMapper.class.getModule();
            String pkg = type.getPackageName();
            if (module.isNamed() && !module.isOpen(pkg, jackson)) {
                return new PackageNotOpenException(module.getName(), pkg,
                        directive(pkg, jackson.isNamed() ? jackson.getName() : null), describe(type), failure);
            }
        }
        return null;
    }

    /** Whether the failure is about reflective access (and not, say, a missing constructor). */
    private static boolean mentionsAccess(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.lang.reflect.InaccessibleObjectException
                    || t.getMessage() != null && t.getMessage().contains("InaccessibleObjectException")) {
                return true;
            }
        }
        return false;
    }

    private static String directive(String pkg, String jacksonModule) {
        return jacksonModule == null ? "opens " + pkg + ";" : "opens " + pkg + " to " + jacksonModule + ";";
    }

    private static String describe(Class<?> type) {
        return type == null ? "the value being stored" : type.getName();
    }
}
