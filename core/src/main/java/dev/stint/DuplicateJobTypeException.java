package dev.stint;

/** Two registered classes claim the same job name and version. Raised when the library opens. */
public final class DuplicateJobTypeException extends StintException {
    private static final long serialVersionUID = 1L;

    /** {@code key} (name@version) maps to both classes. */
    public DuplicateJobTypeException(String key, String firstClass, String secondClass) {
        super("job type " + key + " is registered twice: by " + firstClass + " and by " + secondClass, null);
    }
}
