package dev.stint.internal.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.spi.DeviceState;
import dev.stint.spi.DeviceState.Reading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linux probe over recorded sysfs trees written into a temporary folder. */
class LinuxProbeTest {
    @TempDir
    Path sys;

    private DeviceState read(String tree) {
        return new LinuxProbe(Recorded.sysTree(tree, sys), Recorded.noCommands()).read();
    }

    private DeviceState read(String tree, String nmcliOutput) {
        List<List<String>> ran = new ArrayList<>();
        CommandRunner recorded = Recorded.commands(Map.of("nmcli", "linux/" + nmcliOutput));
        DeviceState state = new LinuxProbe(Recorded.sysTree(tree, sys), (command, anyExit) -> {
            ran.add(command);
            return recorded.run(command, anyExit);
        }).read();
        assertThat(ran).containsOnly(LinuxProbe.NMCLI);
        return state;
    }

    @Test
    void laptop_on_battery_over_wifi_ignores_the_mouse_battery_and_the_docker_bridge() {
        assertThat(read("thinkpad-on-battery")).isEqualTo(new DeviceState(Reading.NO, Reading.YES, OptionalInt.of(76),
                Reading.YES, Reading.UNKNOWN));
    }

    @Test
    void two_batteries_are_weighted_by_energy_and_a_wired_link_is_unmetered() {
        // (23.0 + 9.0) / (23.0 + 22.0) Wh = 71 %
        assertThat(read("thinkpad-two-batteries-charging-wired")).isEqualTo(new DeviceState(Reading.YES, Reading.YES,
                OptionalInt.of(71), Reading.YES, Reading.NO));
    }

    @Test
    void desktop_without_a_battery_is_on_mains_and_container_plumbing_is_not_a_network() {
        assertThat(read("desktop-no-battery")).isEqualTo(new DeviceState(Reading.YES, Reading.NO, OptionalInt.empty(),
                Reading.YES, Reading.NO));
        // only veth and docker0 up, the cable out: no network; the mouse's battery is not the machine's
        DeviceState unplugged = new LinuxProbe(Recorded.sysTree("desktop-cable-unplugged-with-mouse-battery",
                sys.resolve("other")), Recorded.noCommands()).read();
        assertThat(unplugged).isEqualTo(new DeviceState(Reading.YES, Reading.NO, OptionalInt.empty(), Reading.NO,
                Reading.UNKNOWN));
    }

    @Test
    void usb_c_laptop_not_charging_at_83_percent_is_on_ac() {
        DeviceState state = read("framework-usb-c-not-charging");
        assertThat(state.acPower()).isEqualTo(Reading.YES);
        assertThat(state.batteryPercent()).hasValue(83); // one battery: its own capacity figure
        assertThat(state.network()).isEqualTo(Reading.YES);
        assertThat(state.metered()).isEqualTo(Reading.UNKNOWN); // Wi-Fi, and no NetworkManager to ask
    }

    @Test
    void a_phone_tethered_over_usb_is_a_metered_network() {
        assertThat(read("pi-tethered-to-phone")).isEqualTo(new DeviceState(Reading.YES, Reading.NO, OptionalInt.empty(),
                Reading.YES, Reading.YES));
    }

    @Test
    void a_wwan_modem_is_a_metered_network_even_with_operstate_unknown() {
        assertThat(read("laptop-wwan-only-charging")).isEqualTo(new DeviceState(Reading.YES, Reading.YES,
                OptionalInt.of(18), Reading.YES, Reading.YES));
    }

    @Test
    void odd_values_are_clamped_or_left_unknown() {
        // capacity 103 clamped; status Unknown and no mains entry: power unknown; the absent slot BAT1 skipped;
        // Wi-Fi dormant (not associated): no network
        assertThat(read("odd-values-no-mains-entry")).isEqualTo(new DeviceState(Reading.UNKNOWN, Reading.YES,
                OptionalInt.of(100), Reading.NO, Reading.UNKNOWN));
        DeviceState garbage = new LinuxProbe(Recorded.sysTree("battery-discharging-no-mains-garbage-capacity",
                sys.resolve("other")), Recorded.noCommands()).read();
        assertThat(garbage).isEqualTo(new DeviceState(Reading.NO, Reading.YES, OptionalInt.empty(), Reading.YES,
                Reading.NO));
    }

    @Test
    void wifi_metered_comes_from_network_manager_and_a_vpn_tunnel_does_not_decide() {
        assertThat(read("wifi-only", "nmcli-wifi-metered-guessed.txt").metered()).isEqualTo(Reading.YES);
    }

    @Test
    void wifi_marked_unmetered_by_network_manager_is_unmetered() {
        assertThat(read("wifi-only", "nmcli-wifi-unmetered.txt").metered()).isEqualTo(Reading.NO);
    }

    @Test
    void wifi_marked_metered_by_hand_is_metered() {
        DeviceState state = read("wifi-only", "nmcli-wifi-metered-set.txt");
        assertThat(state).isEqualTo(new DeviceState(Reading.YES, Reading.YES, OptionalInt.of(100), Reading.YES,
                Reading.YES));
    }

    @Test
    void without_network_manager_wifi_metered_is_unknown() {
        assertThat(read("wifi-only").metered()).isEqualTo(Reading.UNKNOWN);
    }

    @Test
    void the_tree_captured_on_the_build_machine_reads_as_a_wired_machine_without_battery() {
        assertThat(read("this-build-machine")).isEqualTo(new DeviceState(Reading.YES, Reading.NO, OptionalInt.empty(),
                Reading.YES, Reading.NO));
    }

    @Test
    void a_missing_sys_tree_is_unknown_and_never_throws() {
        assertThat(new LinuxProbe(sys.resolve("absent"), Recorded.noCommands()).read()).isEqualTo(DeviceState.UNKNOWN);
    }

    @Test
    void the_real_probe_on_this_machine_answers_without_throwing() {
        DeviceState state = DeviceProbes.forThisPlatform().read();
        assertThat(state).isNotNull();
        if (Files.isDirectory(Path.of("/sys/class/net"))) {
            assertThat(state.network()).isNotEqualTo(Reading.UNKNOWN);
        }
    }

    @Test
    void nmcli_output_maps_devices_to_metered_readings() {
        assertThat(LinuxProbe.NmcliMetered.parse(Recorded.text("linux/nmcli-wifi-metered-guessed.txt")))
                .containsEntry("wlp2s0", Reading.YES).containsEntry("tailscale0", Reading.UNKNOWN)
                .containsEntry("lo", Reading.UNKNOWN);
        assertThat(LinuxProbe.NmcliMetered.parse("")).isEmpty();
    }
}
