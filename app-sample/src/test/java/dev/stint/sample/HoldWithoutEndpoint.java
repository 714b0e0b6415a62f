package dev.stint.sample;

import dev.stint.Library;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A test's second process that holds a library the way an app without a control endpoint does: opens it (no
 * endpoint), prints {@code open}, and closes it when its standard input ends.
 */
final class HoldWithoutEndpoint {
    private HoldWithoutEndpoint() {
    }

    public static void main(String[] args) throws IOException {
        try (Library library = Library.builder(Path.of(args[0])).autoStart(false).open()) {
            System.out.println("open");
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
