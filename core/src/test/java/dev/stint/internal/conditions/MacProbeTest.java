package dev.stint.internal.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.spi.DeviceState;
import dev.stint.spi.DeviceState.Reading;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The macOS probe over recorded command outputs. */
class MacProbeTest {

    private static DeviceState pmset(String name) {
        return MacProbe.Pmset.parse(Recorded.text("macos/" + name + ".txt"));
    }

    private static DeviceState state(Reading ac, Reading battery, Integer percent) {
        return new DeviceState(ac, battery, percent == null ? OptionalInt.empty() : OptionalInt.of(percent),
                Reading.UNKNOWN, Reading.UNKNOWN);
    }

    @Test
    void pmset_power_states() {
        assertThat(pmset("pmset-on-battery")).isEqualTo(state(Reading.NO, Reading.YES, 85));
        assertThat(pmset("pmset-charging")).isEqualTo(state(Reading.YES, Reading.YES, 54));
        assertThat(pmset("pmset-charged")).isEqualTo(state(Reading.YES, Reading.YES, 100));
        assertThat(pmset("pmset-ac-attached-not-charging")).isEqualTo(state(Reading.YES, Reading.YES, 80));
        assertThat(pmset("pmset-low-no-estimate")).isEqualTo(state(Reading.NO, Reading.YES, 7));
    }

    @Test
    void a_desktop_mac_has_no_battery_and_a_ups_battery_is_not_the_machines() {
        assertThat(pmset("pmset-desktop")).isEqualTo(state(Reading.YES, Reading.NO, null));
        assertThat(pmset("pmset-desktop-on-ups")).isEqualTo(state(Reading.NO, Reading.NO, null));
        assertThat(pmset("pmset-laptop-and-ups")).isEqualTo(state(Reading.YES, Reading.YES, 100));
    }

    @Test
    void unreadable_pmset_output_is_unknown() {
        assertThat(MacProbe.Pmset.parse("")).isEqualTo(DeviceState.UNKNOWN);
        assertThat(MacProbe.Pmset.parse("pmset: command failed")).isEqualTo(DeviceState.UNKNOWN);
    }

    @Test
    void the_default_route_tells_whether_a_network_is_up_and_by_which_interface() {
        assertThat(MacProbe.Route.available(Recorded.text("macos/route-default.txt"))).isEqualTo(Reading.YES);
        assertThat(MacProbe.Route.defaultInterface(Recorded.text("macos/route-default.txt"))).hasValue("en0");
        assertThat(MacProbe.Route.available(Recorded.text("macos/route-no-network.txt"))).isEqualTo(Reading.NO);
        assertThat(MacProbe.Route.defaultInterface(Recorded.text("macos/route-no-network.txt"))).isEmpty();
        assertThat(MacProbe.Route.available("")).isEqualTo(Reading.UNKNOWN);
    }

    @Test
    void hardware_ports_decide_metered_by_their_kind() {
        Map<String, String> ports = MacProbe.HardwarePorts.parse(Recorded.text("macos/networksetup-hardware-ports.txt"));
        assertThat(ports).containsEntry("en0", "Ethernet").containsEntry("en1", "Wi-Fi")
                .containsEntry("en7", "USB 10/100/1000 LAN").containsEntry("en8", "iPhone USB")
                .containsEntry("bridge0", "Thunderbolt Bridge").hasSize(5);
        assertThat(MacProbe.HardwarePorts.metered(ports.get("en0"))).isEqualTo(Reading.NO);
        assertThat(MacProbe.HardwarePorts.metered(ports.get("en1"))).isEqualTo(Reading.UNKNOWN);
        assertThat(MacProbe.HardwarePorts.metered(ports.get("en7"))).isEqualTo(Reading.NO);
        assertThat(MacProbe.HardwarePorts.metered(ports.get("en8"))).isEqualTo(Reading.YES);
        assertThat(MacProbe.HardwarePorts.metered(null)).isEqualTo(Reading.UNKNOWN);
    }

    @Test
    void the_whole_probe_on_a_laptop_on_battery_over_wifi() {
        MacProbe probe = new MacProbe(Recorded.commands(Map.of("pmset", "macos/pmset-on-battery.txt",
                "route", "macos/route-default.txt", "networksetup", "macos/networksetup-hardware-ports-laptop.txt")));
        assertThat(probe.read()).isEqualTo(new DeviceState(Reading.NO, Reading.YES, OptionalInt.of(85), Reading.YES,
                Reading.UNKNOWN));
    }

    @Test
    void the_whole_probe_tethered_to_an_iphone_is_metered() {
        MacProbe probe = new MacProbe(Recorded.commands(Map.of("pmset", "macos/pmset-charging.txt",
                "route", "macos/route-default-iphone-usb.txt", "networksetup", "macos/networksetup-hardware-ports.txt")));
        assertThat(probe.read()).isEqualTo(new DeviceState(Reading.YES, Reading.YES, OptionalInt.of(54), Reading.YES,
                Reading.YES));
    }

    @Test
    void the_whole_probe_on_a_usb_ethernet_adapter_is_unmetered_and_offline_has_no_metered_answer() {
        MacProbe wired = new MacProbe(Recorded.commands(Map.of("pmset", "macos/pmset-desktop.txt",
                "route", "macos/route-default-ethernet-adapter.txt",
                "networksetup", "macos/networksetup-hardware-ports.txt")));
        assertThat(wired.read()).isEqualTo(new DeviceState(Reading.YES, Reading.NO, OptionalInt.empty(), Reading.YES,
                Reading.NO));
        MacProbe offline = new MacProbe(Recorded.commands(Map.of("pmset", "macos/pmset-desktop.txt",
                "route", "macos/route-no-network.txt", "networksetup", "macos/networksetup-hardware-ports.txt")));
        assertThat(offline.read().network()).isEqualTo(Reading.NO);
        assertThat(offline.read().metered()).isEqualTo(Reading.UNKNOWN);
    }

    @Test
    void missing_commands_leave_everything_unknown() {
        assertThat(new MacProbe(Recorded.noCommands()).read()).isEqualTo(DeviceState.UNKNOWN);
    }
}
