package dev.stint.torture.driver;

import dev.stint.torture.check.ControlRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The driver's pause, resume and cancel commands: pauses and cancels aim at recently acknowledged jobs,
 * resumes at jobs the driver paused (in this or an earlier round: a paused job must stay paused across
 * kills until resumed). A cancel is recorded in the {@link ControlRecord} before it is sent.
 */
final class ControlPlanner {
    private static final int RECENT = 40;

    private final ControlRecord record;
    private final Deque<String> recent = new ArrayDeque<>();
    private final List<String> paused = new ArrayList<>();
    private int pauses;
    private int resumes;

    ControlPlanner(ControlRecord record) {
        this.record = record;
    }

    /** Jobs acknowledged by the worker become targets. */
    void acknowledged(List<String> ids) {
        for (String id : ids) {
            recent.addLast(id);
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
    }

    /** The next command, drawn with {@code random}, if any. */
    Optional<String> next(Random random) {
        Optional<String> queueCommand = nextQueueCommand(random);
        if (queueCommand.isPresent()) {
            return queueCommand;
        }
        int r = random.nextInt(100);
        if (r < 35 && !recent.isEmpty()) {
            String id = pick(new ArrayList<>(recent), random);
            if (!paused.contains(id)) {
                paused.add(id);
            }
            pauses++;
            return Optional.of("PAUSE " + id);
        }
        if (r < 85) {
            if (paused.isEmpty()) {
                return Optional.empty();
            }
            resumes++;
            return Optional.of("RESUME " + paused.remove(random.nextInt(paused.size())));
        }
        if (r < 92 && !recent.isEmpty()) {
            String id = pick(new ArrayList<>(recent), random);
            record.cancelAsked(id);
            return Optional.of("CANCEL " + id);
        }
        return Optional.empty();
    }

    /**
     * Now and then pauses the workload's queue, and soon resumes it (a paused queue holds every job back),
     * one command at a time: none while the last one is unconfirmed.
     */
    private Optional<String> nextQueueCommand(Random random) {
        Boolean paused = record.expectedQueuePaused();
        if (paused == null) {
            return Optional.empty();
        }
        int r = random.nextInt(100);
        if (paused && r < 40) {
            record.queueCommandSent(false);
            return Optional.of("RESUME_QUEUE " + ControlRecord.QUEUE);
        }
        if (!paused && r < 4) {
            record.queueCommandSent(true);
            return Optional.of("PAUSE_QUEUE " + ControlRecord.QUEUE);
        }
        return Optional.empty();
    }

    /** The worker answered a queue command ({@code CTL PAUSE_QUEUE default ok}). */
    void queueAnswered(String op, String outcome) {
        if (outcome.equals("ok")) {
            record.queueCommandConfirmed(op.equals("PAUSE_QUEUE"));
        }
    }

    private static String pick(List<String> ids, Random random) {
        return ids.get(random.nextInt(ids.size()));
    }

    int pauses() {
        return pauses;
    }

    int resumes() {
        return resumes;
    }
}
