package dev.stint.sample.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/getting-started.md shows the files of the consumer examples (examples/), which CI builds and runs
 * against the installed artifacts: each snippet marked {@code <!-- GettingStartedDocTest: PATH -->} must be
 * that file word for word (a pom from {@code <project} on, without its example-only part), so the page
 * cannot drift from what CI proves works.
 */
class GettingStartedDocTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- GettingStartedDocTest: (\\S+?)(?:,[^>]*)? -->\\n```\\w+\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern EXAMPLE_ONLY = Pattern.compile(
            "\\n\\s*<!-- example-only: begin.*?<!-- example-only: end -->", Pattern.DOTALL);

    @Test
    void every_marked_snippet_is_the_examples_file() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/getting-started.md"));
        Matcher m = SNIPPET.matcher(page);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            String path = m.group(1);
            assertThat(m.group(2)).as("the snippet of %s in docs/getting-started.md", path).isEqualTo(asShown(path));
            checked.add(path);
        }
        assertThat(checked).containsExactlyInAnyOrder(
                "examples/classpath-app/pom.xml",
                "examples/classpath-app/src/main/java/com/example/jobs/WordCountJob.java",
                "examples/classpath-app/src/main/java/com/example/app/Hello.java",
                "examples/modular-app/src/main/java/module-info.java");
    }

    @Test
    void the_module_path_example_uses_the_same_pom_but_its_name() throws IOException {
        String classPath = asShown("examples/classpath-app/pom.xml");
        String modulePath = asShown("examples/modular-app/pom.xml");

        assertThat(modulePath.replace("stint-example-modular", "stint-example-classpath")).isEqualTo(classPath);
    }

    @Test
    void both_examples_share_their_jobs_and_hello() throws IOException {
        for (String file : List.of("jobs/WordCountJob.java", "jobs/SumJob.java", "app/Hello.java")) {
            assertThat(read("examples/modular-app/src/main/java/com/example/" + file)).as(file)
                    .isEqualTo(read("examples/classpath-app/src/main/java/com/example/" + file));
        }
    }

    @Test
    void the_example_poms_import_the_bom_of_this_version_and_pin_every_plugin() throws IOException {
        String parent = read("pom.xml");
        Matcher version = Pattern.compile("<artifactId>stint-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(parent);
        assertThat(version.find()).isTrue();
        assertThat(read("bom/pom.xml")).contains("<artifactId>stint-bom</artifactId>\n  <version>" + version.group(1) + "</version>");
        for (String example : List.of("classpath-app", "modular-app")) {
            String pom = read("examples/" + example + "/pom.xml");
            assertThat(pom).as(example).contains("<stint.version>" + version.group(1) + "</stint.version>",
                    "<artifactId>stint-bom</artifactId>", "<scope>import</scope>", "<proc>full</proc>",
                    "<release>21</release>");
            Matcher plugin = Pattern.compile("<plugin>\\s*<groupId>[^<]+</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*(<version>)?")
                    .matcher(pom.substring(pom.indexOf("<pluginManagement>"), pom.indexOf("</pluginManagement>")));
            int pinned = 0;
            while (plugin.find()) {
                assertThat(plugin.group(2)).as("%s: %s has a version", example, plugin.group(1)).isNotNull();
                pinned++;
            }
            assertThat(pinned).as(example).isGreaterThanOrEqualTo(8);
        }
    }

    private static String asShown(String path) throws IOException {
        String text = read(path);
        if (path.endsWith("pom.xml")) {
            text = EXAMPLE_ONLY.matcher(text.substring(text.indexOf("<project"))).replaceAll("");
        }
        return text.stripTrailing();
    }

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path));
    }
}
