package dev.stint.sample.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void plain_text_is_returned_as_it_is() {
        String plain = "demo.count café ✓ 数 C:\\jobs \\u001b";
        assertThat(TerminalText.safe(plain)).isSameAs(plain);
        assertThat(TerminalText.isPlain(plain)).isTrue();
    }

    @Test
    void control_and_formatting_characters_are_escaped_visibly() {
        assertThat(TerminalText.safe("a\u001b[2Jb")).isEqualTo("a\\u001b[2Jb");
        assertThat(TerminalText.safe("\u0007\b\r\n\t\u0000\u007f")).isEqualTo("\\u0007\\u0008\\u000d\\u000a\\u0009\\u0000\\u007f");
        assertThat(TerminalText.safe("\u0080\u009b\u009f")).isEqualTo("\\u0080\\u009b\\u009f");
        assertThat(TerminalText.safe("\u202eabc\u2066\u200b\u2028\ufeff")).isEqualTo("\\u202eabc\\u2066\\u200b\\u2028\\ufeff");
        assertThat(TerminalText.safe("tag\udb40\udc01")).isEqualTo("tag\\udb40\\udc01");
        assertThat(TerminalText.safe(null)).isEqualTo("null");
    }

    @Test
    void safe_lines_keeps_line_breaks_but_not_other_carriage_returns() {
        assertThat(TerminalText.safeLines("one\u001b\ntwo\r\nthree\rfour\r"))
                .isEqualTo("one\\u001b\ntwo\r\nthree\\u000dfour\\u000d");
    }

    @Test
    void the_safe_stream_escapes_each_line_written_to_it() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream target = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream safe = TerminalText.safeStream(target);

        safe.println("[WARN] job 1 (demo\u001b]0;x\u0007) cannot be loaded ✓");
        safe.print("partial \u009b");
        safe.flush();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "[WARN] job 1 (demo\\u001b]0;x\\u0007) cannot be loaded ✓" + System.lineSeparator() + "partial \\u009b");
    }
}
