package dev.stint.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.Condition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The device-condition examples of docs/run-conditions.md: the first code block's conditions (compiled here,
 * keep them in sync) print the texts its comments give, and every text the tables show parses.
 */
class RunConditionsDocTest {
    private static final Path DOC = Path.of("..", "docs", "run-conditions.md");

    /** The first code block of "Device conditions", as code. */
    private static List<Condition> examples() {
        return List.of(
                Condition.onAcPower(),
                Condition.batteryAbove(30),
                Condition.networkAvailable(),
                Condition.unmeteredNetwork(),
                Condition.diskSpaceAbove(10L << 30, Path.of("/photos")),
                Condition.userIdleFor(Duration.ofMinutes(5)),
                Condition.named("vpn"));
    }

    @Test
    void the_examples_print_the_texts_the_guide_gives() throws IOException {
        String doc = Files.readString(DOC);
        String section = doc.substring(doc.indexOf("## Device conditions"));
        String block = section.substring(section.indexOf("```java") + 7, section.indexOf("```", section.indexOf("```java") + 7));
        List<String> comments = new ArrayList<>();
        for (String line : block.strip().split("\n")) {
            comments.add(line.substring(line.indexOf("//") + 2).strip());
        }
        List<String> texts = examples().stream().map(Condition::text).toList();
        assertThat(texts).hasSameSizeAs(comments);
        for (int i = 0; i < texts.size(); i++) {
            // a disk path prints absolute: on Windows /photos gains a drive letter
            assertThat(texts.get(i)).isEqualTo(comments.get(i).replace("@/photos", "@" + Path.of("/photos").toAbsolutePath()));
            assertThat(block).contains(examples().get(i) instanceof Condition.Named n ? "named(\"" + n.name() + "\")" : "Condition.");
        }
    }

    @Test
    void every_text_in_the_text_form_table_parses() throws IOException {
        String doc = Files.readString(DOC);
        String section = doc.substring(doc.indexOf("### Text form"), doc.indexOf("### What each condition reads"));
        Pattern code = Pattern.compile("`([^`]+)`");
        int parsed = 0;
        for (String row : section.split("\n")) {
            if (!row.startsWith("| `")) {
                continue; // not a table row of a condition
            }
            String[] cells = row.split("\\|");
            for (int cell = 2; cell <= 3; cell++) { // the text and the also-accepted columns
                Matcher m = code.matcher(cells[cell]);
                while (m.find()) {
                    String text = m.group(1);
                    if (text.contains("BYTES") || text.endsWith(">=N")) {
                        continue; // a placeholder
                    }
                    Condition c = Condition.parse(text);
                    assertThat(Condition.parse(c.text())).as(text).isEqualTo(c);
                    parsed++;
                }
            }
        }
        assertThat(parsed).isEqualTo(13);
    }
}
