package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.jobs.ProbeJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 of a real child JVM while jobs wait on resources, a concurrency key, a rate limit, a condition and a
 * paused tag, then the same jobs.db reopened: the tag is still paused (for a job dispatched before and after
 * the pause), every rule still holds, and every job completes exactly once, from its latest checkpoint.
 */
class RulesCrashTest {
    @TempDir
    Path dir;

    @Test
    void rules_and_a_paused_tag_survive_a_kill_and_every_job_completes_once() throws Exception {
        Path library = dir.resolve("lib");
        Path side = dir.resolve("side");
        Files.createDirectories(side);
        Map<String, String> ids = new HashMap<>();
        try (ChildJvm child = ChildJvm.start(RulesCrashChild.class, dir.resolve("child.log"), library.toString(),
                side.toString())) {
            String line;
            while (!(line = child.awaitLine("")).equals("READY")) {
                if (line.startsWith("JOB ")) {
                    String[] parts = line.split(" ");
                    ids.put(parts[1], parts[2]);
                }
            }
            // let some of them run and checkpoint, then kill
            Path first = side.resolve("write-0");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((!Files.exists(first) || Files.readAllLines(first).size() < 12) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            child.process.destroyForcibly();
            assertThat(child.waitFor(30)).isNotEqualTo(-1);
        }
        assertThat(ids).hasSize(6 * RulesCrashChild.PER_RULE + 1);
        try (Library lib = TestLibraries.builder(library).concurrency(6).open()) {
            lib.setCondition("ok", true);
            List<JobInfo> held = lib.query(JobQuery.tagged("held"));
            // held by the paused tag: every one not finished before the pause (a running one the kill stopped too)
            assertThat(held).hasSize(RulesCrashChild.PER_RULE + 1)
                    .allMatch(j -> j.status() == JobStatus.PAUSED || j.status() == JobStatus.COMPLETED)
                    .anyMatch(j -> j.id().equals(ids.get("tag-late")) && j.status() == JobStatus.PAUSED);
            String late = lib.dispatch(new dev.stint.jobs.HoldJob(10, 5, 0, side.resolve("tag-after").toString()),
                    dev.stint.DispatchOptions.defaults().withTags("held")).id();
            assertThat(lib.job(late).orElseThrow().status()).isEqualTo(JobStatus.PAUSED);
            lib.resume(JobQuery.tagged("held"));
            for (String id : ids.values()) {
                assertThat(lib.handle(id).orElseThrow().result().get(120, java.util.concurrent.TimeUnit.SECONDS))
                        .isEqualTo(60L * 61 / 2);
            }
            assertThat(lib.awaitIdle(Duration.ofSeconds(30))).isTrue();
            // exactly once: each number appended once, or again only after the latest checkpoint (the in-flight step)
            for (Map.Entry<String, String> job : ids.entrySet()) {
                List<Long> counted = Files.readAllLines(side.resolve(job.getKey())).stream().map(Long::parseLong).toList();
                assertThat(counted.get(counted.size() - 1)).isEqualTo(60L);
                long repeats = counted.size() - counted.stream().distinct().count();
                assertThat(repeats).as("%s counted again beyond one checkpoint interval", job.getKey())
                        .isLessThanOrEqualTo(5);
            }
            // the rules held for the runs after the reopen
            assertNoOverlap(ids, "write-", "write-", "read-");
            assertNoOverlap(ids, "key-", "key-");
        }
    }

    @Test
    void a_job_under_rules_that_a_kill_left_running_starts_again_alone() throws Exception {
        Path library = dir.resolve("lib");
        Path side = dir.resolve("side");
        Files.createDirectories(side);
        String id = null;
        try (ChildJvm child = ChildJvm.start(RulesCrashChild.class, dir.resolve("child.log"), library.toString(),
                side.toString(), "single")) {
            String line;
            while (!(line = child.awaitLine("")).equals("READY")) {
                if (line.startsWith("JOB ")) {
                    id = line.split(" ")[2];
                }
            }
            Path file = side.resolve("single");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((!Files.exists(file) || Files.readAllLines(file).size() < 7) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            child.process.destroyForcibly();
            assertThat(child.waitFor(30)).isNotEqualTo(-1);
        }
        try (Library lib = TestLibraries.builder(library).open()) {
            assertThat(lib.handle(id).orElseThrow().result().get(60, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(60L * 61 / 2);
        }
    }

    /** No run of a job named {@code prefix...} overlapped a run of one named {@code others...}. */
    private static void assertNoOverlap(Map<String, String> ids, String prefix, String... others) {
        List<String> mine = new ArrayList<>();
        List<String> theirs = new ArrayList<>();
        ids.forEach((name, id) -> {
            if (name.startsWith(prefix)) {
                mine.add(id);
            }
            for (String o : others) {
                if (name.startsWith(o)) {
                    theirs.add(id);
                }
            }
        });
        for (String a : mine) {
            long[] ra = ProbeJob.RUNS.get(a);
            for (String b : theirs.stream().filter(x -> !x.equals(a)).collect(Collectors.toList())) {
                long[] rb = ProbeJob.RUNS.get(b);
                if (ra == null || rb == null) {
                    continue; // finished in the killed child: no run here
                }
                assertThat(ra[0] < rb[1] && rb[0] < ra[1]).as("%s and %s overlapped", a, b).isFalse();
            }
        }
    }
}
