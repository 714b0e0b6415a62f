package dev.stint.internal.exec;

import dev.stint.internal.log.LogText;
import dev.stint.internal.rules.RuleBook;
import dev.stint.internal.rules.RunRules;
import dev.stint.internal.store.JobRow;
import dev.stint.internal.store.NewJob;
import dev.stint.internal.store.RuledJobs;
import dev.stint.internal.store.WriteSession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the jobs that wait under run rules (resources, concurrency keys, rate limits, conditions). Such a
 * job is left out of the claim of plain jobs; it waits in one line per rule ({@code job_rule_keys}) and this
 * gate, inside the scheduler's claim, looks at the heads of the lines that may have changed (a job joined,
 * a holder stopped, a timer came due) and starts those the {@link RuleBook} allows, in priority and dispatch
 * order. A line nothing happened to is not read: 100,000 jobs waiting on one folder cost one head query per
 * change, not a scan.
 *
 * <p>Calls come from the writer thread (the claim) and from workers (a run ended); the gate serialises them.
 */
final class RuleGate {
    private static final Logger LOG = LoggerFactory.getLogger(RuleGate.class);
    /** How many queued jobs of a line one pass looks at. */
    static final int HEADS_PER_LINE = 8;
    /** How many lines a pass looks at when it must look at every line (at open, after a resume): the rest next pass. */
    static final int LINES_PER_SWEEP = 256;
    /** How many reasons for waiting the gate remembers, for {@code list}. */
    private static final int WAITING_REMEMBERED = 10_000;

    /** Arms a one-shot timer at an epoch-millisecond instant. */
    interface TimerArm {
        void at(long epochMillis, Runnable action);
    }

    private final RuleBook book = new RuleBook();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Set<String> releasedFolders = new LinkedHashSet<>();
    private final TreeMap<Long, Set<String>> dueLines = new TreeMap<>();
    private final ConcurrentLinkedQueue<Long> released = new ConcurrentLinkedQueue<>();
    private final Map<String, String> waiting = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > WAITING_REMEMBERED;
        }
    };
    /** Lines whose head waits for a free worker of its queue, by queue: looked at again when that queue has one. */
    private final Map<String, Set<String>> waitingForWorker = new HashMap<>();
    /** Rules read from heads, by seq: a head looked at again need not be parsed again. */
    private final Map<Long, RunRules> parsed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, RunRules> eldest) {
            return size() > WAITING_REMEMBERED;
        }
    };
    /** Jobs looked at and held back by something that ends by itself (a holder, a key, a rate limit): pending work. */
    private final Set<String> heldForNow = new java.util.HashSet<>();
    private final TimerArm timers;
    private final Runnable wake;
    private Runnable onNothingRuled = () -> { };
    private boolean sweep;
    private String sweepAfter;
    private boolean anyRuled;

    /**
     * @param timers arms the timers of rate limits and delayed jobs
     * @param wake wakes the scheduler (a timer fired, or more lines wait to be looked at)
     */
    RuleGate(TimerArm timers, Runnable wake) {
        this.timers = timers;
        this.wake = wake;
    }

    /** How conditions are checked (see {@link RuleBook#conditions}). */
    synchronized void conditions(Function<List<String>, String> unmet) {
        book.conditions(unmet);
    }

    /** Told (inside a claim) when no job under rules is left, queued or running. */
    synchronized void onNothingRuled(Runnable action) {
        this.onNothingRuled = action;
    }

    /**
     * The ids of running jobs whose conditions no longer hold (see {@link #conditions}): they are to be
     * interrupted, to resume when their conditions hold again.
     */
    synchronized List<String> runningWhereUnmet(Function<List<String>, String> unmet) {
        List<String> ids = new ArrayList<>();
        for (RuleBook.Candidate c : book.holders()) {
            if (!c.rules().conditions().isEmpty() && unmet.apply(c.rules().conditions()) != null) {
                ids.add(c.id());
            }
        }
        return ids;
    }

    /** At open: whether ruled jobs are queued; if so, the first passes look at every line. */
    synchronized void opened(boolean anyQueued) {
        if (anyQueued) {
            anyRuled = true;
            sweepAll();
        }
    }

    /** New jobs were stored: the lines of those with rules may start one. */
    synchronized void queued(Collection<NewJob> rows) {
        for (NewJob row : rows) {
            if (row.rules() != null) {
                anyRuled = true;
                row.rules().lines().forEach(l -> dirty.add(l.key()));
            }
        }
    }

    /**
     * Something that can make any waiting job startable happened (a job or queue resumed, a condition changed,
     * a run was handed back): the next passes look at every line.
     */
    synchronized void sweepAll() {
        if (anyRuled) {
            sweep = true;
            sweepAfter = null;
        }
    }

    /** A run ended (or was handed back unstarted): what it held is free from the next pass on. */
    void released(long seq) {
        released.add(seq);
    }

    /**
     * Whether jobs under rules may start later without anyone's action: lines to look at, timers, full queues,
     * or jobs held by a holder, a key or a rate limit. Jobs held only by a condition that does not hold (as
     * paused jobs) do not count: {@code awaitIdle} does not wait for them.
     */
    synchronized boolean pendingWork() {
        return anyRuled && (sweep || !dirty.isEmpty() || !releasedFolders.isEmpty() || !dueLines.isEmpty()
                || !waitingForWorker.isEmpty() || !heldForNow.isEmpty() || !released.isEmpty());
    }

    /** Why the job {@code id} waits, if this gate looked at it and it has not started since. */
    synchronized String waitingFor(String id) {
        return waiting.get(id);
    }

    /**
     * Inside the claim's write: starts the ruled jobs the rules allow, at most {@code free} per queue (the
     * counts are lowered by what it claims). Returns the claimed rows in claim order.
     */
    synchronized List<JobRow> claim(WriteSession s, long now, Map<String, Integer> free) throws SQLException {
        applyReleases();
        for (Map.Entry<Long, Set<String>> due : dueLines.headMap(now, true).entrySet()) {
            dirty.addAll(due.getValue());
        }
        dueLines.headMap(now, true).clear();
        for (java.util.Iterator<Map.Entry<String, Set<String>>> it = waitingForWorker.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Set<String>> q = it.next();
            if (free.getOrDefault(q.getKey(), 0) > 0) {
                dirty.addAll(q.getValue());
                it.remove();
            }
        }
        if (!anyRuled || (dirty.isEmpty() && releasedFolders.isEmpty() && !sweep)) {
            return List.of();
        }
        Set<String> lines = new LinkedHashSet<>(dirty);
        dirty.clear();
        for (String folder : releasedFolders) {
            lines.addAll(RuledJobs.linesInside(s, folder, LINES_PER_SWEEP));
        }
        releasedFolders.clear();
        boolean more = false;
        if (sweep) {
            if (sweepAfter == null) {
                heldForNow.clear(); // rebuilt by this sweep from what still waits
            }
            String line = sweepAfter;
            int n = 0;
            while (n < LINES_PER_SWEEP && (line = RuledJobs.nextLine(s, line)) != null) {
                lines.add(line);
                n++;
            }
            if (line == null) {
                sweep = false;
                sweepAfter = null;
            } else {
                sweepAfter = line;
                more = true;
            }
        }
        Map<Long, RuledJobs.Head> heads = new HashMap<>();
        for (String line : lines) {
            for (RuledJobs.Head h : RuledJobs.heads(s, line, HEADS_PER_LINE)) {
                heads.putIfAbsent(h.seq(), h);
            }
        }
        if (heads.isEmpty()) {
            if (!sweep && dirty.isEmpty() && dueLines.isEmpty() && book.holderCount() == 0) {
                anyRuled = RuledJobs.anyQueuedIn(s);
                if (!anyRuled) {
                    heldForNow.clear();
                    onNothingRuled.run();
                }
            }
            return List.of();
        }
        List<RuledJobs.Head> ordered = new ArrayList<>(heads.values());
        ordered.sort(RuledJobs.CLAIM_ORDER);
        List<JobRow> claimed = new ArrayList<>();
        List<RuleBook.Candidate> acquired = new ArrayList<>();
        for (RuledJobs.Head h : ordered) {
            RunRules rules = parsed.get(h.seq());
            try {
                if (rules == null) {
                    rules = RunRules.fromJson(h.rules());
                    parsed.put(h.seq(), rules);
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("job {} has run rules this version cannot read and does not start: {}", LogText.escape(h.id()),
                        LogText.escape(e.getMessage()));
                waiting.put(h.id(), "unreadable run rules: " + e.getMessage());
                continue;
            }
            RuleBook.Candidate c = new RuleBook.Candidate(h.seq(), h.id(), h.priority(), rules);
            if (h.runAt() != null && h.runAt() > now) {
                lookAgainAt(h.runAt(), keys(rules));
                continue;
            }
            if (free.getOrDefault(h.queue(), 0) <= 0) {
                // its queue is full (or paused): look again when the queue has a free worker
                waitingForWorker.computeIfAbsent(h.queue(), q -> new LinkedHashSet<>()).addAll(keys(rules));
                continue;
            }
            loadRate(s, rules, now);
            RuleBook.Block block = book.check(c, now);
            while (block instanceof RuleBook.Reserved r && !RuledJobs.isQueued(s, r.waiterSeq())) {
                book.unreserve(r.waiterSeq()); // the job that reserved it left the line (paused, cancelled)
                block = book.check(c, now);
            }
            if (block == null) {
                JobRow row = RuledJobs.claim(s, h.seq(), now);
                if (row == null) {
                    continue;
                }
                book.acquire(c, now);
                acquired.add(c);
                for (RunRules.Rate rate : rules.rates()) {
                    RuledJobs.recordStart(s, rate.key(), now, h.seq(), now - rate.periodMillis());
                }
                free.merge(h.queue(), -1, Integer::sum);
                waiting.remove(h.id());
                heldForNow.remove(h.id());
                parsed.remove(h.seq());
                claimed.add(row);
                dirty.addAll(keys(rules)); // the next in its lines may start too
                more = true;
                continue;
            }
            waiting.put(h.id(), block.text());
            if (block instanceof RuleBook.Unmet) {
                heldForNow.remove(h.id());
            } else {
                heldForNow.add(h.id());
            }
            if (block instanceof RuleBook.Held || block instanceof RuleBook.Reserved) {
                book.reserve(c);
            } else if (block instanceof RuleBook.Rated rated) {
                lookAgainAt(rated.untilMillis(), List.of("r:" + rated.key()));
            }
        }
        if (!acquired.isEmpty()) {
            s.onRollback(() -> rolledBack(acquired));
        }
        if (more) {
            s.afterCommit(wake);
        }
        return claimed;
    }

    /** Looks at {@code lines} again at {@code epochMillis} (one timer per instant). */
    private void lookAgainAt(long epochMillis, List<String> lines) {
        Set<String> at = dueLines.get(epochMillis);
        if (at == null) {
            at = new LinkedHashSet<>();
            dueLines.put(epochMillis, at);
            timers.at(epochMillis, wake);
        }
        at.addAll(lines);
    }

    private synchronized void rolledBack(List<RuleBook.Candidate> acquired) {
        for (RuleBook.Candidate c : acquired) {
            book.release(c.seq());
            dirty.addAll(keys(c.rules()));
            for (RunRules.Rate rate : c.rules().rates()) {
                book.forgetRate(rate.key()); // read again from jobs.db, where the start was rolled back
            }
        }
    }

    private void loadRate(WriteSession s, RunRules rules, long now) throws SQLException {
        for (RunRules.Rate rate : rules.rates()) {
            if (!book.rateKnown(rate.key())) {
                book.rateLoaded(rate.key(), RuledJobs.recentStarts(s, rate.key(), now - rate.periodMillis()));
            }
        }
    }

    private void applyReleases() {
        for (Long seq; (seq = released.poll()) != null; ) {
            RunRules rules = book.release(seq);
            if (rules == null) {
                continue;
            }
            for (RunRules.Line line : rules.lines()) {
                dirty.add(line.key());
                if (line.key().startsWith("p:")) {
                    // waiters on the folders it is in, and on everything inside it
                    dirty.addAll(RuleBook.pathAndAncestors(line.key()));
                    releasedFolders.add(line.key());
                }
            }
        }
    }

    private static List<String> keys(RunRules rules) {
        List<String> keys = new ArrayList<>();
        rules.lines().forEach(l -> keys.add(l.key()));
        return keys;
    }

    /** Forgets everything in memory (the library closes). */
    synchronized void clear() {
        book.clear();
        dirty.clear();
        dueLines.clear();
        waiting.clear();
        waitingForWorker.clear();
        parsed.clear();
        heldForNow.clear();
        released.clear();
    }
}
