package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.RemoteLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console while another process holds the library: {@code stint run} in a child JVM (its control endpoint on),
 * and from this one {@code dispatch}, {@code list}, {@code pause}, {@code resume}, {@code cancel}, {@code retry} and
 * {@code watch} through that endpoint. Each command prints and exits as the same command does on a library that
 * nobody holds; every change is in {@code jobs.db} once the holder has gone; a holder killed with SIGKILL leaves a
 * stale {@code control.json} that the next command ignores; a holder without an endpoint is named.
 */
class ConsoleThroughEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COUNT = "{\"to\": 5, \"checkpointEvery\": 1, \"sleepMillis\": 0}";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    @TempDir
    Path temp;
    private ChildJvm holder;

    private final Map<String, String> heldIds = new HashMap<>();
    private final Map<String, String> localIds = new HashMap<>();
    private Cli held;
    private Cli local;

    @AfterEach
    void killHolder() {
        if (holder != null) {
            holder.close();
        }
    }

    @Test
    void commands_through_the_holder_print_and_exit_as_they_do_on_a_library_nobody_holds() throws Exception {
        Path heldDir = temp.resolve("held");
        held = new Cli(heldDir);
        local = new Cli(temp.resolve("local"));
        // a job delayed by an hour keeps 'run' waiting while nothing runs: the library holds still between commands
        sameId("keeper", "dispatch", "demo.count", COUNT, "--delay", "1h");
        holder = startHolder(heldDir);
        assertThat(Files.exists(heldDir.resolve("control.json"))).isTrue();

        sameId("a", "dispatch", "demo.count", COUNT, "--delay", "1h");
        sameId("b", "dispatch", "demo.count", COUNT, "--delay", "2h", "--priority", "3", "--unique", "u1",
                "--max-attempts", "4", "--backoff", "2s", "--timeout", "5m");
        assertThat(same("dispatch", "demo.count", COUNT, "--unique", "u1").out()).isEqualTo("{b}\n");
        assertThat(same("dispatch", "demo.nope", "{}").exitCode()).isEqualTo(2);
        assertThat(same("dispatch", "demo.count", "{\"tooo\": 5}").exitCode()).isEqualTo(2);
        assertThat(same("dispatch", "demo.count", "{\"to\": ").exitCode()).isEqualTo(2);
        assertThat(same("pause", "{a}").out()).isEqualTo("job {a} (demo.count) is now paused\n");
        assertThat(same("pause", "{a}").out()).as("pausing again changes nothing")
                .isEqualTo("job {a} (demo.count) is now paused\n");
        assertThat(same("resume", "{a}").out()).isEqualTo("job {a} (demo.count) is now queued\n");
        assertThat(same("cancel", "{b}").out()).isEqualTo("job {b} (demo.count) is now cancelled\n");
        assertThat(same("cancel", "{b}").exitCode()).isEqualTo(2);
        assertThat(same("pause", "no-such-id").err()).isEqualTo("stint: no job with id no-such-id\n");
        assertThat(same("retry", "{a}").exitCode()).isEqualTo(2);
        assertThat(same("list").out()).contains("{b}  demo.count  cancelled");
        assertThat(withoutTimes(held.listJson(), heldIds)).isEqualTo(withoutTimes(local.listJson(), localIds));
        assertThat(held.job(heldIds.get("b")).path("initiator").asText()).isEqualTo("console");
        // a retry runs at once: the holder runs it, so the libraries part ways here
        sameId("c", "retry", "{b}");
        await("the holder runs the retry").atMost(STARTUP)
                .until(() -> held.job(heldIds.get("c")).path("status").asText().equals("completed"));
        assertThat(held.job(heldIds.get("c")).path("retryOf").asText()).isEqualTo(heldIds.get("b"));
        // jobs the holder ran into what the listing shows best: an error with its attempts, a phase with its data
        String flaky = held.dispatch("demo.flaky", "{\"failTimes\": 3}");
        String phased = held.dispatch("demo.phased", "{\"items\": 400, \"sleepMillis\": 20}");
        await("the flaky job fails").atMost(STARTUP)
                .until(() -> held.job(flaky).path("status").asText().equals("failed"));
        await("the phased job is in a phase").atMost(STARTUP)
                .until(() -> held.job(phased).path("progress").path("kind").asText().equals("phase"));
        assertThat(held.run("pause", phased).exitCode()).isZero();
        await("the phased job pauses").atMost(STARTUP)
                .until(() -> held.job(phased).path("status").asText().equals("paused"));
        assertThat(held.job(flaky).path("attemptErrors")).isNotEmpty();

        String jsonThroughHolder = held.run("list", "--json").out();
        String tableThroughHolder = held.run("list").out();
        assertThat(held.run("list").exitCode()).isZero();
        holder.process().destroy(); // SIGTERM: run's shutdown hook closes the library; the JVM exits with 128 + 15
        assertThat(holder.waitFor()).isEqualTo(143);

        assertThat(Files.exists(heldDir.resolve("control.json"))).as("removed on close").isFalse();
        assertThat(held.run("list", "--json").out()).as("the library itself, byte for byte")
                .isEqualTo(jsonThroughHolder);
        assertThat(held.run("list").out()).isEqualTo(tableThroughHolder);
        try (Library library = Library.builder(heldDir).autoStart(false).open()) {
            assertThat(library.job(heldIds.get("a")).map(JobInfo::status)).hasValue(JobStatus.QUEUED);
            assertThat(library.job(heldIds.get("b")).map(JobInfo::status)).hasValue(JobStatus.CANCELLED);
            JobInfo c = library.job(heldIds.get("c")).orElseThrow();
            assertThat(c.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(c.retryOf()).isEqualTo(heldIds.get("b"));
            assertThat(c.priority()).isEqualTo(3);
            assertThat(c.maxAttempts()).isEqualTo(4);
            assertThat(library.job(flaky).map(JobInfo::status)).hasValue(JobStatus.FAILED);
            assertThat(library.job(phased).map(JobInfo::status)).hasValue(JobStatus.PAUSED);
        }
    }

    @Test
    void watch_piped_prints_a_running_jobs_progress_and_ends_when_the_holder_goes() throws Exception {
        Path dir = temp.resolve("library");
        Cli cli = new Cli(dir);
        String id = cli.dispatch("demo.count", "{\"to\": 100000, \"checkpointEvery\": 50, \"sleepMillis\": 20}");
        holder = startHolder(dir);

        LiveCli watch = LiveCli.start("watch", "--library", dir.toString());
        Pattern progress = Pattern.compile("^" + Pattern.quote(id) + " demo\\.count running (\\d+)/100000");
        await("two progress lines").atMost(STARTUP).until(() -> watch.out().stream().map(progress::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).distinct().count() >= 2);
        // through the endpoint: with its only job paused, 'run' has nothing left to do and closes the library
        Cli.Result paused = cli.run("pause", id);
        assertThat(paused.exitCode()).as(paused.err()).isZero();
        assertThat(holder.waitFor()).isZero();

        assertThat(watch.exitCode()).isZero();
        assertThat(watch.out()).contains(id + " demo.count paused");
        assertThat(watch.out()).allSatisfy(line -> assertThat(line).startsWith(id + " demo.count "));
        assertThat(watch.err()).anySatisfy(line -> assertThat(line).contains("closed library", "watch ends"));
        try (Library library = Library.builder(dir).autoStart(false).open()) {
            assertThat(library.job(id).map(JobInfo::status)).hasValue(JobStatus.PAUSED);
        }
    }

    @Test
    void after_a_kill_9_of_the_holder_the_next_command_opens_the_library_itself() throws Exception {
        Path dir = temp.resolve("library");
        Cli cli = new Cli(dir);
        Cli.Result dispatched = cli.run("dispatch", "demo.count", COUNT, "--delay", "1h");
        String keeper = dispatched.out().strip();
        holder = startHolder(dir);
        Cli.Result through = cli.run("list");
        assertThat(through.exitCode()).as(through.err()).isZero();
        Cli.Result secondRun = cli.run("run");
        assertThat(secondRun.exitCode()).as("run needs the library to itself").isEqualTo(Main.EXIT_LOCKED);
        assertThat(secondRun.err()).contains("is already open (by process " + holder.pid(),
                "'stint watch --library " + dir + "' follows them");
        LiveCli watch = LiveCli.start("watch", "--library", dir.toString());
        await("the watch shows the queued job").atMost(STARTUP)
                .until(() -> watch.out().contains(keeper + " demo.count queued"));

        holder.process().destroyForcibly(); // SIGKILL: no close, control.json stays
        holder.waitFor();

        assertThat(watch.exitCode()).as("the watch ends when the holder goes").isZero();
        assertThat(watch.err()).anySatisfy(line -> assertThat(line).contains("watch ends"));
        assertThat(Files.exists(dir.resolve("control.json"))).as("left by the killed holder").isTrue();
        Cli.Result after = cli.run("list");
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(after.out()).isEqualTo(through.out());
        Cli.Result pause = cli.run("pause", keeper);
        assertThat(pause.exitCode()).isZero();
        assertThat(pause.out()).isEqualTo("job " + keeper + " (demo.count) is now paused" + System.lineSeparator());
        Cli.Result nobody = cli.run("watch");
        assertThat(nobody.exitCode()).isEqualTo(Main.EXIT_NOT_HELD);
        assertThat(nobody.err()).contains("no process has library", "stint run --library");
    }

    @Test
    void a_holder_without_a_control_endpoint_is_named_with_how_to_turn_one_on() throws Exception {
        Path dir = temp.resolve("library");
        Cli cli = new Cli(dir);
        String id = cli.dispatch("demo.count", COUNT);
        holder = ChildJvm.start(temp.resolve("holder.err"), HoldWithoutEndpoint.class.getName(), dir.toString());
        await("the holder has the library open").atMost(STARTUP).until(() -> holder.lines().contains("open"));

        for (String[] command : List.of(new String[] {"list"}, new String[] {"pause", id},
                new String[] {"dispatch", "demo.count", COUNT}, new String[] {"watch"})) {
            Cli.Result r = cli.run(command);

            assertThat(r.exitCode()).as(String.join(" ", command)).isEqualTo(Main.EXIT_LOCKED);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith("stint: library " + dir + " is already open (by process " + holder.pid())
                    .contains("Process " + holder.pid() + " holds it without a control endpoint, so '" + command[0]
                            + "' cannot go through it")
                    .contains("'stint run'", "Library.Builder.controlEndpoint(ControlEndpoint.loopback())")
                    .doesNotContain("\tat ");
        }
        holder.process().getOutputStream().close(); // the holder closes the library and exits
        assertThat(holder.waitFor()).isZero();
        assertThat(cli.run("list").exitCode()).isZero();
    }

    @Test
    void watch_says_when_no_process_holds_the_library_and_creates_none() {
        Path missing = temp.resolve("missing");
        Cli.Result none = new Cli(missing).run("watch");
        assertThat(none.exitCode()).isEqualTo(Main.EXIT_NOT_HELD);
        assertThat(none.err()).contains("no library in " + missing, "stint run --library " + missing);
        assertThat(Files.exists(missing)).isFalse();

        Path dir = temp.resolve("library");
        Cli cli = new Cli(dir);
        cli.dispatch("demo.count", COUNT);
        Cli.Result idle = cli.run("watch");
        assertThat(idle.exitCode()).isEqualTo(Main.EXIT_NOT_HELD);
        assertThat(idle.out()).isEmpty();
        assertThat(idle.err()).startsWith("stint: no process has library " + dir + " open")
                .contains("1 queued and 0 paused jobs", "Start 'stint run --library " + dir + "'");
    }

    /** Starts {@code stint run} on {@code dir} in a child JVM and waits until its control endpoint is announced. */
    private ChildJvm startHolder(Path dir) throws IOException {
        ChildJvm child = ChildJvm.stint(temp.resolve("holder.err"), "run", "--library", dir.toString());
        await("the holder's control endpoint").atMost(STARTUP)
                .until(() -> !child.process().isAlive() || announced(dir));
        assertThat(child.process().isAlive()).as("holder runs; stderr: %s", Files.readString(child.stderr())).isTrue();
        return child;
    }

    private static boolean announced(Path dir) {
        return RemoteLibrary.find(dir).map(remote -> {
            remote.close();
            return true;
        }).orElse(false);
    }

    /**
     * Runs a command on the held library (through its holder) and on the local one; {@code {name}} stands for the
     * id recorded under that name in each. Asserts the same exit code, output and errors, ids aside; returns the
     * held library's result with its ids shown as {@code {name}} and line breaks as {@code \n}.
     */
    private Cli.Result same(String... args) {
        Cli.Result h = held.run(substitute(args, heldIds));
        Cli.Result l = local.run(substitute(args, localIds));
        Cli.Result heldShown = new Cli.Result(h.exitCode(), names(h.out(), heldIds), names(h.err(), heldIds));
        Cli.Result localShown = new Cli.Result(l.exitCode(), names(l.out(), localIds), names(l.err(), localIds));
        assertThat(heldShown).as(String.join(" ", args)).isEqualTo(localShown);
        return heldShown;
    }

    /** {@link #same} for a command that prints a new id, recorded under {@code name}. */
    private void sameId(String name, String... args) {
        Cli.Result h = held.run(substitute(args, heldIds));
        Cli.Result l = local.run(substitute(args, localIds));
        assertThat(h.exitCode()).as("%s: %s", String.join(" ", args), h.err()).isZero();
        assertThat(l.exitCode()).as("%s: %s", String.join(" ", args), l.err()).isZero();
        heldIds.put(name, h.out().strip());
        localIds.put(name, l.out().strip());
        assertThat(h.out()).matches("[0-9a-f-]{36}\\R").isNotEqualTo(l.out());
        assertThat(h.err()).isEqualTo(l.err());
    }

    private static String[] substitute(String[] args, Map<String, String> ids) {
        String[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            for (Map.Entry<String, String> e : ids.entrySet()) {
                out[i] = out[i].replace("{" + e.getKey() + "}", e.getValue());
            }
        }
        return out;
    }

    private static String names(String text, Map<String, String> ids) {
        String out = text.replace(System.lineSeparator(), "\n");
        for (Map.Entry<String, String> e : ids.entrySet()) {
            out = out.replace(e.getValue(), "{" + e.getKey() + "}");
        }
        return out;
    }

    /** The listing with ids named and the times (which differ between two libraries) left out. */
    private static String withoutTimes(JsonNode jobs, Map<String, String> ids) {
        for (JsonNode job : jobs) {
            ((ObjectNode) job).remove(List.of("createdAt", "startedAt", "finishedAt", "runAt"));
        }
        return names(jobs.toPrettyString(), ids);
    }
}
