package dev.stint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConditionTest {
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:";

    @Test
    void every_condition_reads_back_from_its_text_over_many_random_values() {
        Random random = new Random(20261206);
        for (int i = 0; i < 20_000; i++) {
            Condition condition = randomCondition(random);
            String text = condition.text();
            Condition parsed = Condition.parse(text);
            assertThat(parsed).as(text).isEqualTo(condition);
            assertThat(parsed.text()).isEqualTo(text);
            assertThat(parsed.toString()).isEqualTo(text);
            assertThat(parsed.hashCode()).isEqualTo(condition.hashCode());
        }
    }

    @Test
    void built_in_conditions_have_their_documented_texts() {
        assertThat(Condition.onAcPower().text()).isEqualTo("ac-power");
        assertThat(Condition.batteryAbove(30).text()).isEqualTo("battery>=30");
        assertThat(Condition.networkAvailable().text()).isEqualTo("network");
        assertThat(Condition.unmeteredNetwork().text()).isEqualTo("unmetered");
        assertThat(Condition.diskSpaceAbove(500, null).text()).isEqualTo("disk>=500");
        Path data = Path.of("data").toAbsolutePath();
        assertThat(Condition.diskSpaceAbove(500, Path.of("data")).text()).isEqualTo("disk>=500@" + data);
        assertThat(Condition.userIdleFor(Duration.ofMinutes(5)).text()).isEqualTo("idle>=PT5M");
        assertThat(Condition.named("vpn").text()).isEqualTo("vpn");
        assertThat(Condition.onAcPower()).isEqualTo(Condition.parse("ac-power"));
    }

    @Test
    void disk_amounts_accept_decimal_and_binary_units_and_print_plain_bytes() {
        assertThat(Condition.parse("disk>=10GB")).isEqualTo(Condition.diskSpaceAbove(10_000_000_000L, null));
        assertThat(Condition.parse("disk>=500MB")).isEqualTo(Condition.diskSpaceAbove(500_000_000L, null));
        assertThat(Condition.parse("disk>=1GiB").text()).isEqualTo("disk>=1073741824");
        assertThat(Condition.parse("disk>=1.5 KiB").text()).isEqualTo("disk>=1536");
        assertThat(Condition.parse("disk>=2tb").text()).isEqualTo("disk>=2000000000000");
        assertThat(Condition.parse("disk>=12B").text()).isEqualTo("disk>=12");
        assertThat(Condition.parse("disk >= 3kB@/tmp/a@b").text())
                .isEqualTo("disk>=3000@" + Path.of("/tmp/a@b").toAbsolutePath());
        assertThat(Condition.parse("disk>=1MB@/var/../tmp")).isEqualTo(Condition.diskSpaceAbove(1_000_000, Path.of("/tmp")));
    }

    @Test
    void idle_durations_accept_short_forms_and_print_iso_8601() {
        assertThat(Condition.parse("idle>=5m").text()).isEqualTo("idle>=PT5M");
        assertThat(Condition.parse("idle>=30s").text()).isEqualTo("idle>=PT30S");
        assertThat(Condition.parse("idle>=1h").text()).isEqualTo("idle>=PT1H");
        assertThat(Condition.parse("idle>=2d").text()).isEqualTo("idle>=PT48H");
        assertThat(Condition.parse("idle>=pt1m30s").text()).isEqualTo("idle>=PT1M30S");
        assertThat(Condition.parse("  IDLE>=PT5M ")).isEqualTo(Condition.userIdleFor(Duration.ofMinutes(5)));
    }

    @Test
    void parse_is_lenient_about_case_blanks_and_a_percent_sign() {
        assertThat(Condition.parse(" AC-Power ")).isEqualTo(Condition.onAcPower());
        assertThat(Condition.parse("Battery >= 40%")).isEqualTo(Condition.batteryAbove(40));
        assertThat(Condition.parse("NETWORK")).isEqualTo(Condition.networkAvailable());
        assertThat(Condition.parse("Unmetered")).isEqualTo(Condition.unmeteredNetwork());
        assertThat(Condition.parse("VPN")).isEqualTo(Condition.named("VPN")).isNotEqualTo(Condition.named("vpn"));
    }

    @Test
    void invalid_values_are_refused_with_a_message_naming_the_problem() {
        assertThatThrownBy(() -> Condition.batteryAbove(101)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..100");
        assertThatThrownBy(() -> Condition.batteryAbove(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Condition.diskSpaceAbove(-1, null)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> Condition.diskSpaceAbove(1, Path.of("/tmp/ends with blank "))).hasMessageContaining("blank");
        assertThatThrownBy(() -> Condition.userIdleFor(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Condition.userIdleFor(Duration.ofMillis(1500))).hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> Condition.userIdleFor(Duration.ZERO)).hasMessageContaining(">= 1 s");
        assertThatThrownBy(() -> Condition.named("")).hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> Condition.named(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Condition.named("a b")).hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> Condition.named("x".repeat(65))).hasMessageContaining("1 to 64");
        for (String reserved : new String[] {"ac-power", "battery", "network", "unmetered", "disk", "idle", "Disk"}) {
            assertThatThrownBy(() -> Condition.named(reserved)).as(reserved).hasMessageContaining("built-in");
        }
    }

    @Test
    void malformed_texts_are_refused() {
        assertThatThrownBy(() -> Condition.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Condition.parse("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Condition.parse("battery>=many")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Condition.parse("battery>=120")).hasMessageContaining("0..100");
        assertThatThrownBy(() -> Condition.parse("battery")).hasMessageContaining("built-in");
        assertThatThrownBy(() -> Condition.parse("disk>=10XB")).hasMessageContaining("KiB");
        assertThatThrownBy(() -> Condition.parse("disk>=1.5")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Condition.parse("disk>=99999999999TB")).hasMessageContaining("fits a long");
        assertThatThrownBy(() -> Condition.parse("disk>=10@")).hasMessageContaining("path is empty");
        assertThatThrownBy(() -> Condition.parse("idle>=soon")).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> Condition.parse("idle>=PT0.5S")).hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> Condition.parse("cpu>=50")).hasMessageContaining("unknown condition");
        assertThatThrownBy(() -> Condition.parse("vpn on")).hasMessageContaining("letters, digits");
    }

    private static Condition randomCondition(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> Condition.onAcPower();
            case 1 -> Condition.batteryAbove(random.nextInt(101));
            case 2 -> Condition.networkAvailable();
            case 3 -> Condition.unmeteredNetwork();
            case 4 -> Condition.diskSpaceAbove(randomBytes(random), random.nextBoolean() ? null : randomPath(random));
            case 5 -> Condition.userIdleFor(Duration.ofSeconds(1 + (random.nextBoolean()
                    ? random.nextInt(86_400) : Math.floorMod(random.nextLong(), Long.MAX_VALUE / 2))));
            default -> randomNamed(random);
        };
    }

    private static long randomBytes(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> random.nextInt(1_000_000);
            case 1 -> (1L + random.nextInt(1024)) << (10 * (1 + random.nextInt(4)));
            default -> random.nextLong() & Long.MAX_VALUE;
        };
    }

    private static Path randomPath(Random random) {
        StringBuilder p = new StringBuilder();
        int parts = 1 + random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            p.append('/');
            int len = 1 + random.nextInt(8);
            for (int j = 0; j < len; j++) {
                p.append("abcXYZ019 @=>-._ä".charAt(random.nextInt(17)));
            }
        }
        String s = p.toString().strip();
        while (s.endsWith(" ")) {
            s = s.substring(0, s.length() - 1);
        }
        return Path.of(s.replace(" /", "_/"));
    }

    private static Condition randomNamed(Random random) {
        while (true) {
            int len = 1 + random.nextInt(random.nextInt(10) == 0 ? 64 : 12);
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < len; i++) {
                name.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
            }
            String n = name.toString();
            if (!ConditionText.RESERVED.contains(n.toLowerCase(java.util.Locale.ROOT))) {
                return Condition.named(n);
            }
        }
    }
}
