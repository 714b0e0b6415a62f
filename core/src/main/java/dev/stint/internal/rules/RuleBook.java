package dev.stint.internal.rules;

import dev.stint.Resource;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Who holds what, in memory: the resources and concurrency keys of the jobs started under run rules, the
 * reservations of waiting jobs, the recent starts of each rate limit; and the one decision made from them:
 * may this waiting job start now, and if not, why ({@link Block}). Only jobs with rules are in it, so its
 * size follows the jobs running under rules and the lines with a blocked head, never the queue.
 *
 * <p>Fairness: a job blocked by a conflicting holder <em>reserves</em> its resources; a job that comes after
 * it (in priority, then dispatch order) and conflicts with a reservation waits too. So a writer waiting for
 * readers to finish is not overtaken by readers dispatched after it. A job blocked by anything else (a
 * concurrency key, a rate limit, a condition) reserves nothing: it must not hold back jobs that could run.
 *
 * <p>Not thread-safe: its owner ({@code RuleGate}) serialises the calls.
 */
public final class RuleBook {

    /** A job's place in the claim order: priority, then dispatch order. */
    public record Order(int priority, long seq) implements Comparable<Order> {
        @Override
        public int compareTo(Order o) {
            int c = Integer.compare(priority, o.priority);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** A waiting job as the book sees it. */
    public record Candidate(long seq, String id, int priority, RunRules rules) {
        Order order() {
            return new Order(priority, seq);
        }
    }

    /** Why a job may not start now; {@link #text} is what {@code list} shows as its {@code waitingFor}. */
    public sealed interface Block {
        String text();
    }

    /** A running job uses a resource in a conflicting way. */
    public record Held(Resource resource, String holderId) implements Block {
        @Override
        public String text() {
            return "resource " + resource.text() + " held by job " + holderId;
        }
    }

    /** A job dispatched before it waits for a resource it would conflict with. */
    public record Reserved(Resource resource, String waiterId, long waiterSeq) implements Block {
        @Override
        public String text() {
            return "resource " + resource.text() + " awaited by job " + waiterId + " (before it in line)";
        }
    }

    /** Its concurrency key has as many jobs running as its limit allows. */
    public record AtLimit(String key, int limit) implements Block {
        @Override
        public String text() {
            return "concurrency key " + key + " at its limit of " + limit;
        }
    }

    /** Its rate limit's window is full until {@code untilMillis}. */
    public record Rated(String key, long untilMillis) implements Block {
        @Override
        public String text() {
            return "rate limit " + key + " until " + Instant.ofEpochMilli(untilMillis);
        }
    }

    /** A condition it requires does not hold. */
    public record Unmet(String condition) implements Block {
        @Override
        public String text() {
            return "condition " + condition;
        }
    }

    /** The users of one line: counts by mode and who they are. */
    private static final class Use {
        int readers;
        int writers;
        final Set<Long> seqs = new LinkedHashSet<>();

        boolean conflicts(boolean write) {
            return write ? readers + writers > 0 : writers > 0;
        }
    }

    /** The reservations of one line, by mode, in claim order. */
    private static final class Reservations {
        final TreeSet<Order> readers = new TreeSet<>();
        final TreeSet<Order> writers = new TreeSet<>();

        /** The earliest reservation before {@code order} that a use in mode {@code write} conflicts with. */
        Order earliestConflict(boolean write, Order order) {
            Order w = writers.isEmpty() ? null : writers.first();
            Order r = write && !readers.isEmpty() ? readers.first() : null;
            Order first = w == null ? r : r == null ? w : (w.compareTo(r) <= 0 ? w : r);
            return first != null && first.compareTo(order) < 0 ? first : null;
        }

        boolean isEmpty() {
            return readers.isEmpty() && writers.isEmpty();
        }
    }

    private final Map<String, Use> keyUses = new HashMap<>();
    private final TreeMap<String, Use> pathUses = new TreeMap<>();
    private final Map<String, Reservations> keyReservations = new HashMap<>();
    private final TreeMap<String, Reservations> pathReservations = new TreeMap<>();
    private final Map<Long, Candidate> holders = new HashMap<>();
    private final Map<Long, Candidate> reservers = new HashMap<>();
    private final Map<String, Integer> runningByKey = new HashMap<>();
    private final Map<String, ArrayDeque<Long>> rateStarts = new HashMap<>();
    private Function<List<String>, String> unmetCondition = conditions -> null;

    /** How conditions are checked: the first one that does not hold, or null if all do. */
    public void conditions(Function<List<String>, String> unmet) {
        this.unmetCondition = unmet;
    }

    /** Whether the recent starts of this rate limit are known (see {@link #rateLoaded}). */
    public boolean rateKnown(String key) {
        return rateStarts.containsKey(key);
    }

    /** The stored recent starts of a rate limit (epoch ms, oldest first), read once before its first check. */
    public void rateLoaded(String key, List<Long> starts) {
        rateStarts.put(key, new ArrayDeque<>(starts));
    }

    /** Forgets the recent starts of a rate limit: read again from {@code jobs.db} before its next check. */
    public void forgetRate(String key) {
        rateStarts.remove(key);
    }

    /** Why {@code c} may not start at {@code now}, or null if it may. */
    public Block check(Candidate c, long now) {
        RunRules rules = c.rules();
        Order order = c.order();
        for (Resource r : rules.resources()) {
            Block b = resourceBlock(r, order);
            if (b != null) {
                return b;
            }
        }
        if (rules.concurrencyKey() != null
                && runningByKey.getOrDefault(rules.concurrencyKey(), 0) >= rules.concurrencyLimit()) {
            return new AtLimit(rules.concurrencyKey(), rules.concurrencyLimit());
        }
        for (RunRules.Rate rate : rules.rates()) {
            ArrayDeque<Long> starts = rateStarts.computeIfAbsent(rate.key(), k -> new ArrayDeque<>());
            long windowStart = now - rate.periodMillis();
            while (!starts.isEmpty() && starts.peekFirst() <= windowStart) {
                starts.pollFirst();
            }
            if (starts.size() >= rate.starts()) {
                // the window frees a start when the start that many starts back leaves it
                long[] all = starts.stream().mapToLong(Long::longValue).toArray();
                return new Rated(rate.key(), all[all.length - rate.starts()] + rate.periodMillis());
            }
        }
        if (!rules.conditions().isEmpty()) {
            String unmet = unmetCondition.apply(rules.conditions());
            if (unmet != null) {
                return new Unmet(unmet);
            }
        }
        return null;
    }

    private Block resourceBlock(Resource r, Order order) {
        boolean write = r.mode() == Resource.Mode.WRITE;
        String line = RunRules.lineKey(r);
        if (!r.isPath()) {
            Use use = keyUses.get(line);
            if (use != null && use.conflicts(write)) {
                return new Held(r, holderId(use));
            }
            Reservations res = keyReservations.get(line);
            Order first = res == null ? null : res.earliestConflict(write, order);
            return first == null ? null : reserved(r, first);
        }
        // the same path, the folders it is in, and everything inside it
        for (String l : pathAndAncestors(line)) {
            Use use = pathUses.get(l);
            if (use != null && use.conflicts(write)) {
                return new Held(r, holderId(use));
            }
        }
        for (Use use : inside(pathUses, line).values()) {
            if (use.conflicts(write)) {
                return new Held(r, holderId(use));
            }
        }
        Order first = null;
        for (String l : pathAndAncestors(line)) {
            first = earlier(first, pathReservations.get(l), write, order);
        }
        for (Reservations res : inside(pathReservations, line).values()) {
            first = earlier(first, res, write, order);
        }
        return first == null ? null : reserved(r, first);
    }

    private static Order earlier(Order first, Reservations res, boolean write, Order order) {
        Order o = res == null ? null : res.earliestConflict(write, order);
        return o == null ? first : first == null || o.compareTo(first) < 0 ? o : first;
    }

    private Block reserved(Resource r, Order first) {
        Candidate waiter = reservers.get(first.seq());
        return new Reserved(r, waiter == null ? "#" + first.seq() : waiter.id(), first.seq());
    }

    private String holderId(Use use) {
        Long seq = use.seqs.iterator().next();
        Candidate h = holders.get(seq);
        return h == null ? "#" + seq : h.id();
    }

    /** Records that {@code c} started: it holds its resources and counts under its key and rate limit. */
    public void acquire(Candidate c, long now) {
        unreserve(c.seq());
        holders.put(c.seq(), c);
        RunRules rules = c.rules();
        for (Resource r : rules.resources()) {
            String line = RunRules.lineKey(r);
            Use use = (r.isPath() ? pathUses : keyUses).computeIfAbsent(line, k -> new Use());
            if (r.mode() == Resource.Mode.WRITE) {
                use.writers++;
            } else {
                use.readers++;
            }
            use.seqs.add(c.seq());
        }
        if (rules.concurrencyKey() != null) {
            runningByKey.merge(rules.concurrencyKey(), 1, Integer::sum);
        }
        for (RunRules.Rate rate : rules.rates()) {
            rateStarts.computeIfAbsent(rate.key(), k -> new ArrayDeque<>()).addLast(now);
        }
    }

    /** Records that the job {@code seq} stopped running; returns its rules, or null if it held nothing here. */
    public RunRules release(long seq) {
        Candidate c = holders.remove(seq);
        if (c == null) {
            return null;
        }
        for (Resource r : c.rules().resources()) {
            String line = RunRules.lineKey(r);
            Map<String, Use> uses = r.isPath() ? pathUses : keyUses;
            Use use = uses.get(line);
            if (use == null) {
                continue;
            }
            if (r.mode() == Resource.Mode.WRITE) {
                use.writers--;
            } else {
                use.readers--;
            }
            use.seqs.remove(seq);
            if (use.readers + use.writers <= 0) {
                uses.remove(line);
            }
        }
        String key = c.rules().concurrencyKey();
        if (key != null) {
            runningByKey.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
        }
        return c.rules();
    }

    /** Whether the job {@code seq} holds its rules here (it started under them and has not stopped). */
    public boolean holds(long seq) {
        return holders.containsKey(seq);
    }

    /** The job {@code c}, blocked by a conflict, reserves its resources (see the class comment). */
    public void reserve(Candidate c) {
        if (reservers.containsKey(c.seq()) || c.rules().resources().isEmpty()) {
            return;
        }
        reservers.put(c.seq(), c);
        for (Resource r : c.rules().resources()) {
            Reservations res = (r.isPath() ? pathReservations : keyReservations)
                    .computeIfAbsent(RunRules.lineKey(r), k -> new Reservations());
            (r.mode() == Resource.Mode.WRITE ? res.writers : res.readers).add(c.order());
        }
    }

    /** Drops the reservations of the job {@code seq} (it started, or left the queue). */
    public void unreserve(long seq) {
        Candidate c = reservers.remove(seq);
        if (c == null) {
            return;
        }
        for (Resource r : c.rules().resources()) {
            Map<String, Reservations> all = r.isPath() ? pathReservations : keyReservations;
            String line = RunRules.lineKey(r);
            Reservations res = all.get(line);
            if (res != null) {
                (r.mode() == Resource.Mode.WRITE ? res.writers : res.readers).remove(c.order());
                if (res.isEmpty()) {
                    all.remove(line);
                }
            }
        }
    }

    /** Whether the job {@code seq} holds reservations. */
    public boolean reserves(long seq) {
        return reservers.containsKey(seq);
    }

    /** The jobs that hold rules here (started under them and not stopped). */
    public List<Candidate> holders() {
        return List.copyOf(holders.values());
    }

    /** How many jobs hold rules here (for tests and metrics). */
    public int holderCount() {
        return holders.size();
    }

    /** Drops everything (the library closes). */
    public void clear() {
        keyUses.clear();
        pathUses.clear();
        keyReservations.clear();
        pathReservations.clear();
        holders.clear();
        reservers.clear();
        runningByKey.clear();
        rateStarts.clear();
    }

    /** A path line and the lines of the folders it is in ({@code p:/a/b/}, {@code p:/a/}, {@code p:/}). */
    public static List<String> pathAndAncestors(String line) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        out.add(line);
        // the line ends with '/': each earlier '/' after "p:" ends a folder that contains it
        for (int i = line.length() - 2; i >= 2; i--) {
            if (line.charAt(i) == '/') {
                out.add(line.substring(0, i + 1));
            }
        }
        return out;
    }

    /** The entries strictly inside a folder's line (their keys start with it). */
    static <V> NavigableMap<String, V> inside(TreeMap<String, V> map, String line) {
        // '/' + 1 is '0': every key that starts with line sorts before line-without-slash + '0'
        return map.subMap(line, false, line.substring(0, line.length() - 1) + '0', false);
    }
}
