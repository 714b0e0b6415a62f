package dev.stint.internal.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.spi.DeviceState;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The parsers never throw, whatever a platform prints: random mutations of the recorded outputs and random
 * attribute values all give a state (perhaps unknown), with any battery percent inside 0..100.
 */
class ProbeParsersFuzzTest {
    private static final List<String> RECORDED = List.of("macos/pmset-on-battery.txt", "macos/pmset-charging.txt",
            "macos/pmset-laptop-and-ups.txt", "macos/route-default.txt", "macos/networksetup-hardware-ports.txt",
            "windows/ps-on-battery-wifi.txt", "windows/ps-two-batteries-offline.txt", "windows/wmic-two-batteries.txt",
            "linux/nmcli-wifi-metered-guessed.txt");
    private static final String ALPHABET = "0123456789%;:=,'\t\r\n -ABCabcyesnoBattery=Connectivity=Cost=InternalBattery-"
            + "GENERAL.METERED:Device:HardwarePort:interface:ä€\u0000";
    private static final List<String> VALUES = List.of("", "0", "1", "2", "-1", "100", "101", "255", "99999999999999999999",
            "Mains", "Battery", "USB", "UPS", "Device", "System", "Charging", "Discharging", "Full", "Not charging",
            "Unknown", "up", "down", "dormant", "unknown", "772", "65534", "512", "n/a", "DEVTYPE=wwan",
            "DEVTYPE=wlan", "DRIVER=rndis_host", "\u0000\u00ff");
    private static final List<String> KEYS = List.of("type", "online", "scope", "present", "capacity", "status",
            "energy_now", "energy_full", "charge_now", "charge_full", "operstate", "carrier", "uevent",
            "device/uevent", "wireless", "bridge", "device");

    @Test
    void command_output_parsers_never_throw() {
        Random random = new Random(1206);
        for (int i = 0; i < 5_000; i++) {
            String text = mutate(Recorded.text(RECORDED.get(random.nextInt(RECORDED.size()))), random);
            check(MacProbe.Pmset.parse(text));
            MacProbe.Route.available(text);
            MacProbe.Route.defaultInterface(text);
            MacProbe.HardwarePorts.parse(text).values().forEach(MacProbe.HardwarePorts::metered);
            check(WindowsProbe.parse(text));
            check(WindowsProbe.parseWmic(text));
            LinuxProbe.NmcliMetered.parse(text);
        }
    }

    @Test
    void sysfs_parsers_never_throw() {
        Random random = new Random(612);
        for (int i = 0; i < 5_000; i++) {
            Map<String, Map<String, String>> entries = new TreeMap<>();
            int count = random.nextInt(6);
            for (int e = 0; e < count; e++) {
                Map<String, String> attributes = new TreeMap<>();
                for (String key : KEYS) {
                    if (random.nextInt(3) == 0) {
                        attributes.put(key, VALUES.get(random.nextInt(VALUES.size())));
                    }
                }
                entries.put(List.of("lo", "BAT0", "AC", "wlan0", "docker0", "eth0", "wwan0", "usb0").get(random.nextInt(8))
                        + e, attributes);
            }
            check(LinuxProbe.LinuxPower.read(entries));
            List<LinuxProbe.LinuxNetwork.Interface> interfaces = LinuxProbe.LinuxNetwork.interfaces(entries);
            assertThat(LinuxProbe.LinuxNetwork.available(interfaces)).isNotNull();
            String nmcli = mutate(Recorded.text("linux/nmcli-wifi-unmetered.txt"), random);
            assertThat(LinuxProbe.LinuxNetwork.metered(interfaces, () -> java.util.Optional.of(nmcli))).isNotNull();
        }
    }

    private static void check(DeviceState state) {
        assertThat(state).isNotNull();
        state.batteryPercent().ifPresent(p -> assertThat(p).isBetween(0, 100));
    }

    private static String mutate(String text, Random random) {
        StringBuilder b = new StringBuilder(text);
        int edits = random.nextInt(12);
        for (int i = 0; i < edits && !b.isEmpty(); i++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(4)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> b.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                default -> b.setLength(at);
            }
        }
        return b.toString();
    }
}
