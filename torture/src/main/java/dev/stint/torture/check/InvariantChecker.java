package dev.stint.torture.check;

import dev.stint.JobTimedOutException;
import dev.stint.torture.JobSpec;
import dev.stint.torture.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the invariants after every kill (with the worker dead, before the next open) and at the end
 * (after the final drain): {@link DbInvariants} on {@code jobs.db}, {@link SideFileInvariants} on the
 * jobs' side files, {@link OutputInvariants} on completed jobs, the allowed final statuses, and at the end
 * that nothing is left active and history holds every stored job exactly once.
 *
 * <p>Finished jobs are checked in full when first seen in history and again in the final check; in between
 * only jobs still active are re-read, so a long run stays linear.
 */
public final class InvariantChecker {
    private final Path library;
    private final Path sideDir;
    private final Path dispatchLog;
    private final ControlRecord control;
    private final CommitLedger ledger = new CommitLedger();
    private final SideFileInvariants sideFiles;
    private final Set<String> finalized = new HashSet<>();
    private Tally tally = new Tally(0, 0, 0, 0, 0, 0, 0, 0);

    /** A checker for the library, the side files and the dispatch log of one torture run. */
    public InvariantChecker(Path library, Path sideDir, Path dispatchLog, ControlRecord control) {
        this.library = library;
        this.sideDir = sideDir;
        this.dispatchLog = dispatchLog;
        this.control = control;
        this.sideFiles = new SideFileInvariants(sideDir, ledger);
    }

    /** Checks what kill {@code round} left behind; returns the violations found. */
    public List<Violation> afterKill(int round) throws IOException, SQLException {
        return check(round, false);
    }

    /** The final check, after the drain: everything of {@link #afterKill}, over every job, and nothing active. */
    public List<Violation> atEnd() throws IOException, SQLException {
        finalized.clear();
        return check(-1, true);
    }

    /** The counts of the latest check. */
    public Tally tally() {
        return tally;
    }

    /** Jobs active in the latest check (the driver's backlog). */
    public int active() {
        return tally.active();
    }

    private List<Violation> check(int round, boolean end) throws IOException, SQLException {
        List<Violation> out = new ArrayList<>();
        DbSnapshot snap = DbSnapshot.read(library);
        DispatchRecord dispatches = DispatchRecord.read(dispatchLog);
        DbInvariants.check(round, snap, dispatches, out);
        checkQueuePause(round, snap, out);
        ledger.record(round, snap, out);
        Map<String, Expectation> expectations = expectations(snap, dispatches);
        int active = 0;
        int completed = 0;
        int cancelled = 0;
        int failed = 0;
        int children = 0;
        for (StoredJob job : snap.jobs()) {
            children += job.parentId() != null ? 1 : 0;
            if (!job.inHistory()) {
                active++;
                if (end) {
                    out.add(new Violation(round, "job still active after the drain", job.id() + " " + job.name() + " "
                            + job.status()));
                }
            } else {
                switch (job.status()) {
                    case "completed" -> completed++;
                    case "cancelled" -> cancelled++;
                    default -> failed++;
                }
            }
            Expectation exp = expectations.get(job.id());
            if (exp == null || finalized.contains(job.id())) {
                continue;
            }
            SideFileInvariants.Summary side = sideFiles.check(round, job, exp, out);
            if (job.inHistory()) {
                checkOutcome(round, job, exp, side, dispatches, out);
                finalized.add(job.id());
            }
        }
        tally = new Tally(dispatches.intents().size(), dispatches.acks().size(), snap.jobs().size() - children, children,
                active, completed, cancelled, failed);
        return out;
    }

    /**
     * A queue pause or resume the worker confirmed before the kill is in the file; one still in flight may
     * or may not be. Either way the file's state is what the next worker starts from.
     */
    private void checkQueuePause(int round, DbSnapshot snap, List<Violation> out) {
        boolean paused = snap.pausedQueues().contains(ControlRecord.QUEUE);
        // at the end the drain has resumed every queue
        Boolean expected = round < 0 ? Boolean.FALSE : control.expectedQueuePaused();
        if (expected != null && expected != paused) {
            out.add(new Violation(round, expected ? "a confirmed queue pause was lost" : "a confirmed queue resume was lost",
                    "queue " + ControlRecord.QUEUE + " is " + (paused ? "paused" : "not paused")));
        }
        control.queueSettled(paused);
    }

    private void checkOutcome(int round, StoredJob job, Expectation exp, SideFileInvariants.Summary side,
            DispatchRecord dispatches, List<Violation> out) throws IOException {
        switch (job.status()) {
            case "completed" -> OutputInvariants.check(round, job, exp, side, out);
            case "cancelled" -> {
                if (!mayBeCancelled(job, dispatches)) {
                    out.add(new Violation(round, "cancelled without a cancel", job.id() + " " + job.name()));
                }
            }
            default -> {
                boolean treeCancelled = exp.kind() == Kind.TREE && mayBeCancelled(job, dispatches);
                boolean timedOut = exp.kind() == Kind.TIMED && job.error() != null
                        && job.error().startsWith(JobTimedOutException.class.getName() + ":");
                if (!treeCancelled && !timedOut) {
                    out.add(new Violation(round, "job failed", job.id() + " " + job.name() + ": " + job.error()));
                }
            }
        }
    }

    /** Cancelled by the driver (itself or its parent), or replaced by a later unique dispatch with its key. */
    private boolean mayBeCancelled(StoredJob job, DispatchRecord dispatches) {
        if (control.wasCancelAsked(job.id()) || (job.parentId() != null && control.wasCancelAsked(job.parentId()))) {
            return true;
        }
        // a replaced job gives its key up (so that its replacement can take it) before it is cancelled, so its
        // history row has no key: the key comes from its own dispatch
        JobSpec own = job.initiator() == null ? null : dispatches.intents().get(job.initiator());
        String key = job.uniqueKey() != null ? job.uniqueKey()
                : own != null && own.kind() == Kind.UNIQUE ? own.text("key") : null;
        if (key == null) {
            return false;
        }
        for (JobSpec spec : dispatches.intents().values()) {
            if (spec.kind() == Kind.UNIQUE && key.equals(spec.text("key"))
                    && "REPLACE".equals(spec.text("policy")) && !spec.token().equals(job.initiator())) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Expectation> expectations(DbSnapshot snap, DispatchRecord dispatches) {
        Map<String, Expectation> out = new HashMap<>();
        for (StoredJob job : snap.jobs()) {
            JobSpec spec = job.initiator() == null ? null : dispatches.intents().get(job.initiator());
            if (spec != null && job.parentId() == null) {
                out.put(job.id(), new Expectation(spec, false));
            }
        }
        for (StoredJob job : snap.jobs()) {
            Expectation parent = job.parentId() == null ? null : out.get(job.parentId());
            if (parent != null && !parent.child()) {
                out.put(job.id(), new Expectation(parent.spec(), true));
            }
        }
        return out;
    }
}
