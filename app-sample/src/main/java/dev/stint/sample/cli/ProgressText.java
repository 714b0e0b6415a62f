package dev.stint.sample.cli;

import dev.stint.Progress;

/** Short human-readable progress, for progress lines and the {@code list} table. */
final class ProgressText {

    private ProgressText() {
    }

    /** {@code 40/100}, {@code 1024/4096 bytes}, {@code 12.5%}, {@code process 3/10}, or the message. */
    static String of(Progress progress) {
        if (progress == null) {
            return "";
        }
        return switch (progress) {
            case Progress.Phase ph when ph.data().get("done") != null && ph.data().get("total") != null ->
                    ph.name() + " " + ph.data().get("done") + "/" + ph.data().get("total");
            default -> progress.describe();
        };
    }
}
