package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the console in-process against one library folder and captures what it prints. */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one command did. */
    record Result(int exitCode, String out, String err) {
        String firstLine() {
            return out.lines().findFirst().orElse("");
        }
    }

    private final Path library;

    Cli(Path library) {
        this.library = library;
    }

    /** Runs a command with {@code --library} appended and an empty environment. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--library");
        all.add(library.toString());
        return runRaw(Map.of(), all.toArray(String[]::new));
    }

    /** Runs a command exactly as given, with the given environment. */
    static Result runRaw(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e, env);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Dispatches a job and returns its id, asserting success. */
    String dispatch(String name, String json, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "dispatch";
        args[1] = name;
        args[2] = json;
        System.arraycopy(options, 0, args, 3, options.length);
        Result r = run(args);
        assertThat(r.exitCode()).as("dispatch exit code; stderr: %s", r.err()).isZero();
        return r.out().strip();
    }

    /** Runs jobs until idle, asserting success. */
    Result runUntilIdle() {
        Result r = run("run");
        assertThat(r.exitCode()).as("run exit code; stderr: %s", r.err()).isZero();
        return r;
    }

    /** {@code list --json}, parsed. */
    JsonNode listJson() {
        Result r = run("list", "--json");
        assertThat(r.exitCode()).as("list exit code; stderr: %s", r.err()).isZero();
        try {
            JsonNode array = JSON.readTree(r.out());
            assertThat(array.isArray()).as("list --json prints one array: %s", r.out()).isTrue();
            return array;
        } catch (java.io.IOException e) {
            throw new AssertionError("list --json is not JSON: " + r.out(), e);
        }
    }

    /** The job with the given id in {@code list --json}. */
    JsonNode job(String id) {
        for (JsonNode job : listJson()) {
            if (job.path("id").asText().equals(id)) {
                return job;
            }
        }
        throw new AssertionError("job " + id + " not listed");
    }
}
