package dev.stint;

/** {@code jobs.db} was written by a newer Stint whose schema this version does not know. Nothing is changed. */
public final class SchemaVersionException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** The file's schema version {@code found} is newer than {@code supported}. */
    public SchemaVersionException(String file, int found, int supported) {
        super(file + " has schema version " + found + " but this Stint supports up to " + supported
                + "; open it with a newer Stint", null);
    }
}
