package dev.stint;

/** Arguments given to dispatch by name are not valid JSON or do not fit the job's state. Nothing was stored. */
public final class InvalidJobArgumentsException extends StintException {
    private static final long serialVersionUID = 1L;

    /** The arguments for {@code jobName} were rejected; {@code problem} says why. */
    public InvalidJobArgumentsException(String jobName, String problem, Throwable cause) {
        super("invalid arguments for job '" + jobName + "': " + problem, cause);
    }
}
