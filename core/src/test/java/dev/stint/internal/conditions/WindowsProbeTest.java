package dev.stint.internal.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.spi.DeviceState;
import dev.stint.spi.DeviceState.Reading;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The Windows probe over recorded PowerShell and WMIC outputs. */
class WindowsProbeTest {

    private static DeviceState ps(String name) {
        return WindowsProbe.parse(Recorded.text("windows/" + name + ".txt"));
    }

    private static DeviceState state(Reading ac, Reading battery, Integer percent, Reading network, Reading metered) {
        return new DeviceState(ac, battery, percent == null ? OptionalInt.empty() : OptionalInt.of(percent), network,
                metered);
    }

    @Test
    void powershell_outputs() {
        assertThat(ps("ps-on-battery-wifi")).isEqualTo(state(Reading.NO, Reading.YES, 76, Reading.YES, Reading.NO));
        assertThat(ps("ps-plugged-full")).isEqualTo(state(Reading.YES, Reading.YES, 100, Reading.YES, Reading.NO));
        assertThat(ps("ps-charging-metered-mobile")).isEqualTo(state(Reading.YES, Reading.YES, 43, Reading.YES,
                Reading.YES));
        assertThat(ps("ps-captive-portal-fixed-cost")).isEqualTo(state(Reading.NO, Reading.YES, 76, Reading.YES,
                Reading.YES));
    }

    @Test
    void a_desktop_without_battery_is_on_ac() {
        assertThat(ps("ps-desktop-no-battery")).isEqualTo(state(Reading.YES, Reading.NO, null, Reading.YES, Reading.NO));
    }

    @Test
    void two_batteries_average_and_any_on_ac_means_ac() {
        // 97 and 12: mean 55 (rounded); no internet profile: offline, metered unknown
        assertThat(ps("ps-two-batteries-offline")).isEqualTo(state(Reading.YES, Reading.YES, 55, Reading.NO,
                Reading.UNKNOWN));
    }

    @Test
    void odd_values_are_unknown() {
        // status 10 (undefined), charge 255 (out of range), local access only, cost unknown
        assertThat(ps("ps-odd-values")).isEqualTo(state(Reading.UNKNOWN, Reading.YES, null, Reading.NO,
                Reading.UNKNOWN));
    }

    @Test
    void wmic_list_outputs() {
        assertThat(WindowsProbe.parseWmic(Recorded.text("windows/wmic-on-battery.txt")))
                .isEqualTo(state(Reading.NO, Reading.YES, 64, Reading.UNKNOWN, Reading.UNKNOWN));
        assertThat(WindowsProbe.parseWmic(Recorded.text("windows/wmic-two-batteries.txt")))
                .isEqualTo(state(Reading.YES, Reading.YES, 65, Reading.UNKNOWN, Reading.UNKNOWN));
        assertThat(WindowsProbe.parseWmic(Recorded.text("windows/wmic-no-battery.txt")))
                .isEqualTo(state(Reading.YES, Reading.NO, null, Reading.UNKNOWN, Reading.UNKNOWN));
    }

    @Test
    void a_broken_powershell_falls_back_to_wmic() {
        WindowsProbe probe = new WindowsProbe(Recorded.commands(Map.of("powershell", "windows/ps-broken-no-marker.txt",
                "wmic", "windows/wmic-on-battery.txt")));
        assertThat(probe.read()).isEqualTo(state(Reading.NO, Reading.YES, 64, Reading.UNKNOWN, Reading.UNKNOWN));
    }

    @Test
    void the_whole_probe_uses_powershell_when_it_answers() {
        WindowsProbe probe = new WindowsProbe(Recorded.commands(Map.of("powershell", "windows/ps-on-battery-wifi.txt",
                "wmic", "windows/wmic-two-batteries.txt")));
        assertThat(probe.read()).isEqualTo(state(Reading.NO, Reading.YES, 76, Reading.YES, Reading.NO));
    }

    @Test
    void no_commands_at_all_is_unknown() {
        assertThat(new WindowsProbe(Recorded.noCommands()).read()).isEqualTo(DeviceState.UNKNOWN);
    }

    @Test
    void the_platform_picks_its_probe() {
        assertThat(DeviceProbes.forPlatform("Windows 11", Recorded.noCommands())).isInstanceOf(WindowsProbe.class);
        assertThat(DeviceProbes.forPlatform("Mac OS X", Recorded.noCommands())).isInstanceOf(MacProbe.class);
        assertThat(DeviceProbes.forPlatform("Linux", Recorded.noCommands())).isInstanceOf(LinuxProbe.class);
        assertThat(DeviceProbes.forPlatform("FreeBSD", Recorded.noCommands()).read()).isEqualTo(DeviceState.UNKNOWN);
    }
}
