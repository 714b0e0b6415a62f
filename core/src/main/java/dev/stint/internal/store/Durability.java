package dev.stint.internal.store;

/** How hard a commit is pushed to disk (SQLite's {@code synchronous} setting in WAL mode). */
public enum Durability {
    /** {@code synchronous=FULL}: a committed change survives power loss. */
    FULL,
    /** {@code synchronous=NORMAL}: survives a process crash; the last commits may roll back on power loss. */
    NORMAL
}
