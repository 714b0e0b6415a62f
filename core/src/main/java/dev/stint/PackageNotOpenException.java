package dev.stint;

/**
 * A class whose fields Stint stores (a job class, or a class its state, a step's result or its output holds)
 * is in a package of a named module that is not open to Jackson, which reads and writes those fields. Happens
 * on the module path only; the fix is one line in that module's {@code module-info.java}, given by
 * {@link #opensDirective()}:
 *
 * <pre>{@code
 * opens com.acme.jobs to com.fasterxml.jackson.databind;
 * }</pre>
 *
 * <p>Thrown by the dispatch (nothing is stored) or the {@link JobContext} call that stores such a value, or
 * recorded as the failure of a job whose stored state cannot be read back for this reason.
 */
public final class PackageNotOpenException extends StintException {
    private static final long serialVersionUID = 1L;

    private final String moduleName;
    private final String packageName;
    private final String opensDirective;

    /**
     * Package {@code packageName} of module {@code moduleName} is not open to Jackson; {@code opensDirective} is
     * the line that opens it; {@code what} says which class or value was being stored or read.
     */
    public PackageNotOpenException(String moduleName, String packageName, String opensDirective, String what,
            Throwable cause) {
        super("package " + packageName + " of module " + moduleName + " is not open to Jackson, which reads and"
                + " writes the fields of " + what + ": add `" + opensDirective + "` to the module-info.java of "
                + moduleName, cause);
        this.moduleName = moduleName;
        this.packageName = packageName;
        this.opensDirective = opensDirective;
    }

    /** The named module that holds the package. */
    public String moduleName() {
        return moduleName;
    }

    /** The package that must be opened. */
    public String packageName() {
        return packageName;
    }

    /** The line to add to the module's {@code module-info.java}, such as {@code opens p to com.fasterxml.jackson.databind;}. */
    public String opensDirective() {
        return opensDirective;
    }
}
