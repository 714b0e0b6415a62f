package dev.stint.reliability;

import dev.stint.Library;
import dev.stint.LibraryLockedException;
import java.nio.file.Path;

/** A second process: tries to open the library given as its argument and prints what happened. */
public final class OpenAttemptChild {
    private OpenAttemptChild() {
    }

    public static void main(String[] args) {
        try (Library library = Libraries.builder(Path.of(args[0])).autoStart(false).open()) {
            System.out.println("OPENED " + library.activeJobs().size());
        } catch (LibraryLockedException e) {
            System.out.println("LOCKED " + e.getMessage());
        }
    }
}
