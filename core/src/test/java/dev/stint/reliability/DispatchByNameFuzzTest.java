package dev.stint.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.stint.DispatchOptions;
import dev.stint.JobHandle;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.StintException;
import dev.stint.UniquePolicy;
import dev.stint.jobs.CountJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dispatch by name with generated names, JSON arguments, queue names and unique keys (seeded, so a failure
 * names the seed that reproduces it; {@code -Dstint.seed=N} picks another series). Every call either stores
 * a job or throws a {@link StintException} subtype; afterwards the library still runs jobs.
 */
class DispatchByNameFuzzTest {
    private static final int CALLS_PER_SEED = 250;
    /** Registered names whose run is harmless whatever their arguments (no loops sized by the input). */
    private static final List<String> NAMES = List.of("test.flaky", "test.failing", "test.count", "test.sized");
    /** Field names of the registered jobs, minus those naming files or sizing loops and allocations. */
    private static final List<String> FIELDS = List.of("failTimes", "why", "count", "sum", "resumedFrom", "refused",
            "payload", "done", "unknown", "", "@class", "__proto__");

    @TempDir
    Path dir;

    static LongStream seeds() {
        long base = Long.getLong("stint.seed", 20261123L);
        return LongStream.range(base, base + 4);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void every_dispatch_by_name_stores_a_job_or_fails_with_a_typed_error(long seed) throws Exception {
        Random random = new Random(seed);
        Map<String, Integer> outcomes = new HashMap<>();
        try (Library library = Libraries.builder(dir).queue("q1", 2).autoStart(false).open()) {
            for (int i = 0; i < CALLS_PER_SEED; i++) {
                String name = random.nextInt(4) == 0 ? randomText(random, 40) : NAMES.get(random.nextInt(NAMES.size()));
                String json = random.nextInt(5) == 0 ? randomText(random, 60) : randomObject(random, 0);
                DispatchOptions options = randomOptions(random);
                String label = "seed " + seed + " call " + i + ": " + name + " " + json;
                try {
                    JobHandle<Object> handle = library.dispatch(name, json, options);
                    assertThat(library.job(handle.id())).as(label).isPresent();
                    outcomes.merge("stored", 1, Integer::sum);
                } catch (StintException typed) {
                    assertThat(typed.getMessage()).as(label).isNotBlank();
                    outcomes.merge(typed.getClass().getSimpleName(), 1, Integer::sum);
                } catch (Throwable t) {
                    fail(label + ": untyped " + t, t);
                }
            }
            // the jobs the fuzz stored run (or fail) like any others; count jobs are cancelled: their "to" is
            // input-sized
            for (var info : library.activeJobs()) {
                if (info.name().equals("test.count") || info.name().equals("test.sized")) {
                    library.cancel(info.id());
                }
            }
            library.start();
            assertThat(library.awaitIdle(Duration.ofSeconds(30))).as("seed %d: idle", seed).isTrue();
            assertThat(library.activeJobs()).as("seed %d", seed).allMatch(i -> i.status() == JobStatus.PAUSED);
            assertThat(library.dispatch(new CountJob(3, 1, 0, null)).result().get(10, TimeUnit.SECONDS).sum())
                    .isEqualTo(6);
        }
        assertThat(outcomes).as("seed %d: both outcomes occur %s", seed, outcomes).containsKey("stored").hasSizeGreaterThan(1);
    }

    private static DispatchOptions randomOptions(Random random) {
        DispatchOptions options = DispatchOptions.defaults();
        if (random.nextInt(3) == 0) {
            options = options.withQueue(random.nextBoolean() ? "q1" : "q" + randomText(random, 8));
        }
        if (random.nextInt(3) == 0) {
            UniquePolicy policy = UniquePolicy.values()[random.nextInt(UniquePolicy.values().length)];
            options = options.withUniqueKey("k" + random.nextInt(5) + randomText(random, random.nextInt(3)), policy);
        }
        if (random.nextInt(4) == 0) {
            options = options.withPriority(random.nextInt()).withMaxAttempts(1 + random.nextInt(3))
                    .withBackoff(Duration.ZERO);
        }
        if (random.nextInt(10) == 0) {
            options = options.withInitiator(randomText(random, 500));
        }
        return options;
    }

    /** A JSON object of known and unknown fields with values of every JSON type, sometimes malformed. */
    private static String randomObject(Random random, int depth) {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(depth == 0 ? 5 : 3);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(escape(FIELDS.get(random.nextInt(FIELDS.size())))).append("\":")
                    .append(randomValue(random, depth));
        }
        json.append('}');
        if (random.nextInt(10) == 0) {
            json.setLength(random.nextInt(json.length()));
        }
        return json.toString();
    }

    private static String randomValue(Random random, int depth) {
        return switch (random.nextInt(depth < 3 ? 9 : 7)) {
            case 0 -> "null";
            case 1 -> String.valueOf(random.nextBoolean());
            case 2 -> String.valueOf(random.nextInt(7) - 3);
            case 3 -> String.valueOf(random.nextLong());
            case 4 -> random.nextBoolean() ? "1e400" : "-0.5";
            case 5 -> "\"" + escape(randomText(random, 30)) + "\"";
            case 6 -> "99999999999999999999999999";
            case 7 -> "[" + randomValue(random, depth + 1) + "," + randomValue(random, depth + 1) + "]";
            default -> randomObject(random, depth + 1);
        };
    }

    /** Text of up to {@code max} characters: ASCII, quotes, control characters, surrogates, emoji. */
    private static String randomText(Random random, int max) {
        String alphabet = "abcXYZ019 ._-'\"\\/{}[]:,\u0000\n\t\u00e9\u30b8\ud83d\ude00\ud800%;";
        int length = random.nextInt(max + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
