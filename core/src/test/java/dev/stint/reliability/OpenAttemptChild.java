package dev.stint.reliability;

import dev.stint.Library;
import dev.stint.LibraryLockedException;
import java.nio.file.Path;

/**
 * A second process: tries to open the library given as its first argument (with its database in the folder given
 * as the second, if any) and prints what happened.
 */
public final class OpenAttemptChild {
    private OpenAttemptChild() {
    }

    public static void main(String[] args) {
        Library.Builder builder = Libraries.builder(Path.of(args[0])).autoStart(false);
        if (args.length > 1) {
            builder.databaseFolder(Path.of(args[1]));
        }
        try (Library library = builder.open()) {
            System.out.println("OPENED " + library.activeJobs().size());
        } catch (LibraryLockedException e) {
            System.out.println("LOCKED " + e.getMessage());
        }
    }
}
