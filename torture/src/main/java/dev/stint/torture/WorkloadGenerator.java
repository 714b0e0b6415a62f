package dev.stint.torture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The dispatches of one round, drawn from the round's seed: a mix of every {@link Kind} (WASM only when
 * enabled), sized so that a job takes from a tenth of a second to about a second of work.
 */
public final class WorkloadGenerator {
    private static final String[] POLICIES = {"KEEP_EXISTING", "REPLACE", "APPEND"};

    private final Random random;
    private final int round;
    private final boolean wasm;
    private int next;

    /** A generator for {@code round}, seeded with {@code seed}. */
    public WorkloadGenerator(long seed, int round, boolean wasm) {
        this.random = new Random(seed);
        this.round = round;
        this.wasm = wasm;
    }

    /** {@code count} dispatches, the first of kind {@code first} when it is not null. */
    public List<JobSpec> next(int count, Kind first) {
        List<JobSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            specs.add(nextSpec(i == 0 ? first : null));
        }
        return specs;
    }

    /** The kind of job whose commits a targeted kill mode waits for, or null. */
    public static Kind kindFor(KillMode mode) {
        return switch (mode) {
            case AFTER_CHECKPOINT -> Kind.COUNT;
            case AFTER_STEP -> Kind.STEPS;
            case AFTER_SPAWN -> Kind.TREE;
            case AFTER_BATCH_CHUNK -> Kind.BATCH;
            default -> null;
        };
    }

    private JobSpec nextSpec(Kind wanted) {
        Kind[] kinds = Kind.values();
        Kind kind = wanted;
        while (kind == null || (kind == Kind.WASM && !wasm)) {
            kind = kinds[random.nextInt(kinds.length)];
        }
        Map<String, String> p = new LinkedHashMap<>();
        switch (kind) {
            case COUNT, DELAYED, UNIQUE -> {
                put(p, "to", 40 + random.nextInt(160));
                put(p, "every", 5 + random.nextInt(16));
                put(p, "sleep", 1500 + random.nextInt(3500));
                if (kind == Kind.DELAYED) {
                    put(p, "delay", 100 + random.nextInt(2500));
                }
                if (kind == Kind.UNIQUE) {
                    p.put("key", "u" + random.nextInt(3));
                    p.put("policy", POLICIES[random.nextInt(POLICIES.length)]);
                }
            }
            case TIMED -> {
                put(p, "to", 60 + random.nextInt(140));
                put(p, "every", 5 + random.nextInt(16));
                put(p, "sleep", 1500 + random.nextInt(3500));
                put(p, "timeout", 100 + random.nextInt(1400));
            }
            case FLAKY -> {
                put(p, "to", 30 + random.nextInt(70));
                put(p, "every", 4 + random.nextInt(6));
                put(p, "sleep", 1500 + random.nextInt(2500));
                put(p, "fail", 1 + random.nextInt(2));
            }
            case STEPS -> {
                put(p, "steps", 10 + random.nextInt(50));
                put(p, "sleep", 2000 + random.nextInt(10000));
            }
            case BATCH -> {
                put(p, "items", 40 + random.nextInt(160));
                put(p, "chunk", 5 + random.nextInt(16));
                put(p, "sleep", 1500 + random.nextInt(3000));
            }
            case TREE -> {
                put(p, "children", 2 + random.nextInt(3));
                put(p, "childTo", 15 + random.nextInt(50));
                put(p, "sleep", 2000 + random.nextInt(3000));
            }
            case GROUP -> {
                put(p, "n", 2 + random.nextInt(3));
                put(p, "to", 20 + random.nextInt(80));
                put(p, "every", 5 + random.nextInt(10));
                put(p, "sleep", 1500 + random.nextInt(3000));
            }
            case RULED -> {
                put(p, "to", 40 + random.nextInt(120));
                put(p, "every", 5 + random.nextInt(16));
                put(p, "sleep", 1500 + random.nextInt(3500));
                put(p, "res", random.nextInt(4));
                put(p, "write", random.nextInt(2));
                put(p, "key", random.nextInt(3));
                put(p, "limit", 1 + random.nextInt(2));
            }
            case WASM -> {
                put(p, "to", 200 + random.nextInt(600));
                put(p, "every", 10 + random.nextInt(40));
                put(p, "spin", 2000 + random.nextInt(20000));
            }
        }
        return new JobSpec("r" + round + "-" + (next++), kind, p);
    }

    private static void put(Map<String, String> p, String name, long value) {
        p.put(name, Long.toString(value));
    }
}
