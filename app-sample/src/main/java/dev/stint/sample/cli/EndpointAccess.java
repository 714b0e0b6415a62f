package dev.stint.sample.cli;

import java.nio.file.Path;
import java.util.Optional;

/** Placeholder until the control endpoint's client lands (branch ctl-endpoint). */
final class EndpointAccess {
    private EndpointAccess() {
    }

    static Optional<LibraryAccess> find(Path dir) {
        return Optional.empty();
    }
}
