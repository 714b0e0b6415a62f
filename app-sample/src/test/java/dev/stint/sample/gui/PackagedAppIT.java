package dev.stint.sample.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample desktop app packaged with jpackage (app-sample/package-app: an app image with a bundled runtime
 * that has JavaFX linked in) works as a shipped app: launched without arguments under Xvfb it opens the
 * default library under the user's home, runs a job there, closes on SIGTERM with the job saved, and,
 * launched again, resumes the job without running its committed steps again. This proves sqlite-jdbc's native
 * library, JavaFX and the launcher's JVM options inside the packaged runtime.
 *
 * <p>Runs after {@code package} (failsafe), on the app's jar and {@code target/lib}. Skipped where the JDK
 * running it has no {@code jpackage} (or is older than 23) or no X display can be had.
 */
class PackagedAppIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LAUNCH = Duration.ofSeconds(90);
    private static final int STEPS = 6;

    @TempDir
    Path temp;

    @Test
    void packaged_app_runs_a_job_closes_and_resumes_it_when_launched_again() throws Exception {
        Path jpackage = Path.of(System.getProperty("java.home"), "bin", "jpackage");
        assumeTrue(Files.isExecutable(jpackage), "packaged-app test skipped: no jpackage in " + jpackage.getParent());
        assumeTrue(Runtime.version().feature() >= 23,
                "packaged-app test skipped: the bundled runtime would be older than JDK 23");
        XvfbDisplay.Result display = XvfbDisplay.ensure(temp.resolve("xvfb.log"));
        assumeTrue(display.display() != null, display.skipReason());

        Path launcher = packageApp(jpackage);
        Path home = Files.createDirectories(temp.resolve("home"));
        Path library = home.resolve(GuiCommand.DEFAULT_LIBRARY); // where the app opens without arguments
        Path stepsLog = library.resolve("steps.log");

        String id = console(launcher, home, "dispatch", "demo.steps",
                "{\"steps\": " + STEPS + ", \"sleepMillis\": 400}", "--library", library.toString()).strip();

        Process first = launchWindow(launcher, home, "first");
        await("the job's second step starts in the packaged app").atMost(LAUNCH).pollInterval(Duration.ofMillis(100))
                .until(() -> !first.isAlive() || lines(stepsLog).size() >= 2);
        assertThat(first.isAlive()).as("the packaged app is running; its stderr: %s", stderr("first")).isTrue();
        closeGracefully(first, "first");

        JsonNode saved = job(launcher, home, library, id);
        assertThat(saved.path("status").asText()).as("saved by the close: %s", saved).isEqualTo("queued");
        assertThat(saved.path("stopReason").asText()).isEqualTo("shutdown");
        assertThat(saved.path("runCount").asInt()).isEqualTo(1);
        int startedBeforeClose = lines(stepsLog).size();
        assertThat(startedBeforeClose).isLessThan(STEPS);

        Process second = launchWindow(launcher, home, "second");
        await("the job completes after the relaunch").atMost(LAUNCH).pollInterval(Duration.ofMillis(200))
                .until(() -> !second.isAlive() || finished(library.resolve("jobs.db"), id));
        assertThat(second.isAlive()).as("the relaunched app is running; its stderr: %s", stderr("second")).isTrue();
        closeGracefully(second, "second");

        JsonNode done = job(launcher, home, library, id);
        assertThat(done.path("status").asText()).as("%s", done).isEqualTo("completed");
        assertThat(done.path("runCount").asInt()).as("resumed, in a second run").isEqualTo(2);
        assertThat(done.path("output").path("completedSteps").asInt()).isEqualTo(STEPS);
        List<String> started = lines(stepsLog);
        assertThat(started).containsAll(List.of("s1", "s2", "s3", "s4", "s5", "s6"));
        assertThat(Collections.frequency(started, "s1")).as("a committed step never runs again: %s", started)
                .isEqualTo(1);
        assertThat(started.size()).as("at most the step the close interrupted ran twice: %s", started)
                .isLessThanOrEqualTo(STEPS + 1);
    }

    /** Runs package-app on the built jar and target/lib; returns the app image's launcher. */
    private Path packageApp(Path jpackage) throws IOException, InterruptedException {
        Path dest = temp.resolve("image");
        ProcessBuilder build = new ProcessBuilder("bash", Path.of("package-app").toAbsolutePath().toString(),
                "--no-build", "--dest", dest.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("package-app.log").toFile());
        build.environment().put("JPACKAGE", jpackage.toString());
        Process process = build.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("package-app finished").isTrue();
        assertThat(process.exitValue()).as("package-app: %s", Files.readString(temp.resolve("package-app.log")))
                .isZero();
        Path launcher = dest.resolve("Stint/bin/Stint");
        assertThat(Files.isExecutable(launcher)).as("%s", launcher).isTrue();
        return launcher;
    }

    /** The packaged app without arguments (it opens its window on ~/stint-demo), on the test's display. */
    private Process launchWindow(Path launcher, Path home, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString())
                .redirectOutput(temp.resolve(name + ".out").toFile())
                .redirectError(temp.resolve(name + ".err").toFile());
        environment(builder, home);
        return builder.start();
    }

    /** SIGTERM, as a desktop session ending the app: the app closes its library gracefully and exits. */
    private void closeGracefully(Process app, String name) throws InterruptedException, IOException {
        app.destroy();
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the %s app exits on SIGTERM", name).isTrue();
        // No JVM warning (native access, Unsafe) and no error of Stint's. Not "no exception at all": where the
        // pointer rests over the window, JavaFX 21 may print a NullPointerException from a mouse pulse that runs
        // after its graphics pipeline was disposed at exit (its own frames only).
        assertThat(stderr(name)).as("the %s app's stderr", name)
                .doesNotContain("WARNING", "UnsatisfiedLinkError", "stint: unexpected")
                .doesNotContainPattern("\\sat dev\\.stint\\.");
    }

    /** Runs a console command through the packaged launcher and returns its stdout, asserting exit 0. */
    private String console(Path launcher, Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path out = temp.resolve("console.out");
        Path err = temp.resolve("console.err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        environment(builder, home);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, Files.readString(err)).isZero();
        return Files.readString(out);
    }

    private JsonNode job(Path launcher, Path home, Path library, String id) throws IOException, InterruptedException {
        for (JsonNode job : JSON.readTree(console(launcher, home, "list", "--json", "--library", library.toString()))) {
            if (job.path("id").asText().equals(id)) {
                return job;
            }
        }
        throw new AssertionError("job " + id + " not listed");
    }

    /** A private home for the app (Java reads the home from user.home, not $HOME) and the test's display. */
    private static void environment(ProcessBuilder builder, Path home) {
        Map<String, String> env = builder.environment();
        env.put("JAVA_TOOL_OPTIONS", "-Duser.home=" + home);
        env.put("HOME", home.toString());
    }

    /** Whether the job is in history, read from jobs.db read-only while the app holds the library. */
    private static boolean finished(Path database, String id) {
        if (!Files.exists(database)) {
            return false;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + database + "?mode=ro");
                PreparedStatement s = c.prepareStatement("SELECT status FROM job_history WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            return false; // busy or not migrated yet: ask again
        }
    }

    private String stderr(String name) throws IOException {
        Path err = temp.resolve(name + ".err");
        if (!Files.exists(err)) {
            return "";
        }
        // the JVM's notice that it read JAVA_TOOL_OPTIONS is the test's doing, not the app's
        return Files.readString(err).replaceAll("Picked up JAVA_TOOL_OPTIONS: [^\\n]*\\n?", "");
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }
}
