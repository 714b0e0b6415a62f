package dev.stint.sample.swing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.sample.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code swing} command's arguments and messages, and that console commands never load Swing or AWT windows. */
class SwingCommandTest {

    @TempDir
    Path temp;

    @Test
    void swingTakesOnlyALibrary() {
        Result r = run(Map.of("DISPLAY", ":99"), "swing", "--json");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).contains("'swing' does not take --json");
        assertThat(run(Map.of("DISPLAY", ":99"), "swing", "extra").err()).contains("'swing' got too many arguments");
    }

    @Test
    void withoutADisplayItPointsToTheConsole() {
        Result r = run(Map.of(), "swing", "--library", temp.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no display").contains("stint demo --library " + temp);
    }

    @Test
    void helpListsTheSwingCommand() {
        assertThat(run(Map.of(), "help").out()).contains("  swing  ").contains("Swing window");
    }

    @Test
    void consoleCommandsAndASwingWithoutDisplayLoadNoSwingOrJavaFxClass() throws Exception {
        Path library = temp.resolve("library");
        for (List<String> args : List.of(List.of("list", "--library", library.toString()),
                List.of("swing", "--library", library.toString()))) {
            Path classLog = temp.resolve("classes-" + args.get(0) + ".txt");
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                    "--enable-native-access=ALL-UNNAMED", "-Xlog:class+load=info:file=" + classLog,
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(temp.resolve("out-" + args.get(0) + ".txt").toFile());
            builder.environment().remove("DISPLAY");
            builder.environment().remove("WAYLAND_DISPLAY");
            Process child = builder.start();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(classLog);
            assertThat(log).as(args.get(0) + " ran").contains("dev.stint.sample.Main");
            assertThat(log.lines().filter(l -> l.contains(" javax.swing.") || l.contains(" dev.stint.swing.")
                    || l.contains(" javafx."))).as("Swing or JavaFX classes loaded by '%s'", args.get(0)).isEmpty();
        }
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e, env);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
