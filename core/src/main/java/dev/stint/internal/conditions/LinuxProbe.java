package dev.stint.internal.conditions;

import dev.stint.spi.DeviceProbe;
import dev.stint.spi.DeviceState;
import dev.stint.spi.DeviceState.Reading;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Linux: power from {@code /sys/class/power_supply/*} ({@code type}, {@code online}, {@code scope},
 * {@code present}, {@code capacity}, {@code status}, {@code energy_*} or {@code charge_*}) and network from
 * {@code /sys/class/net/*} ({@code operstate}, {@code carrier}, {@code type}, {@code uevent} and the device's
 * driver). Only file reads, except for one optional command: when no interface in use tells whether it is
 * metered by itself, NetworkManager's {@code nmcli} is asked (if present), with a short timeout.
 *
 * <p>The root ({@code /sys}) is a parameter so that tests read a recorded tree from a temporary folder.
 */
final class LinuxProbe implements DeviceProbe {
    static final List<String> NMCLI = List.of("nmcli", "-t", "-f", "GENERAL.DEVICE,GENERAL.METERED", "device", "show");
    private final Path sys;
    private final CommandRunner commands;

    /**
     * @param sys the sysfs root, normally {@code /sys}
     * @param commands runs {@code nmcli} for the metered answer
     */
    LinuxProbe(Path sys, CommandRunner commands) {
        this.sys = sys;
        this.commands = commands;
    }

    @Override
    public DeviceState read() {
        DeviceState power = LinuxPower.read(entries(sys.resolve("class/power_supply")));
        List<LinuxNetwork.Interface> interfaces = LinuxNetwork.interfaces(entries(sys.resolve("class/net")));
        Reading network = LinuxNetwork.available(interfaces);
        Reading metered = LinuxNetwork.metered(interfaces, () -> commands.run(NMCLI, false));
        return power.withNetwork(network, metered);
    }

    /**
     * The entries of a sysfs class folder: for each, its small attribute files (and the device's
     * {@code uevent}, as {@code device/uevent}), or null when the folder cannot be listed.
     */
    static Map<String, Map<String, String>> entries(Path classFolder) {
        if (!Files.isDirectory(classFolder)) {
            return null;
        }
        Map<String, Map<String, String>> entries = new TreeMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(classFolder)) {
            for (Path entry : dir) {
                Map<String, String> attributes = new TreeMap<>();
                for (String name : ATTRIBUTES) {
                    read(entry.resolve(name)).ifPresent(v -> attributes.put(name, v));
                }
                if (Files.isDirectory(entry.resolve("wireless"))) {
                    attributes.put("wireless", "");
                }
                if (Files.isDirectory(entry.resolve("bridge"))) {
                    attributes.put("bridge", "");
                }
                if (Files.exists(entry.resolve("device"))) {
                    attributes.put("device", "");
                }
                entries.put(entry.getFileName().toString(), attributes);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return entries;
    }

    private static final List<String> ATTRIBUTES = List.of("type", "online", "scope", "present", "capacity", "status",
            "energy_now", "energy_full", "charge_now", "charge_full", "operstate", "carrier", "uevent",
            "device/uevent");

    private static Optional<String> read(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 64 * 1024) {
                return Optional.empty();
            }
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip());
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable attribute (permissions, a device going away): unknown
        }
    }

    /** Power from the power-supply class: pure over the attributes read. */
    static final class LinuxPower {
        private LinuxPower() {
        }

        /** The power parts of a state; the network parts are unknown. */
        static DeviceState read(Map<String, Map<String, String>> supplies) {
            if (supplies == null) {
                return DeviceState.UNKNOWN;
            }
            List<Map<String, String>> mains = new ArrayList<>();
            List<Map<String, String>> batteries = new ArrayList<>();
            for (Map<String, String> supply : supplies.values()) {
                if ("device".equalsIgnoreCase(supply.getOrDefault("scope", "System"))) {
                    continue; // a mouse's or a headset's battery
                }
                String type = supply.getOrDefault("type", "").toLowerCase(Locale.ROOT);
                if (type.equals("battery")) {
                    if (!"0".equals(supply.get("present"))) {
                        batteries.add(supply);
                    }
                } else if (!type.equals("ups")) {
                    mains.add(supply); // Mains, USB, USB_C, USB_PD, Wireless, ...
                }
            }
            Reading ac = acPower(mains, batteries);
            if (batteries.isEmpty()) {
                // no system battery: a desktop (or a VM) runs on mains unless a supply says it is offline
                return new DeviceState(ac == Reading.UNKNOWN ? Reading.YES : ac, Reading.NO, OptionalInt.empty(),
                        Reading.UNKNOWN, Reading.UNKNOWN);
            }
            return new DeviceState(ac, Reading.YES, percent(batteries), Reading.UNKNOWN, Reading.UNKNOWN);
        }

        private static Reading acPower(List<Map<String, String>> mains, List<Map<String, String>> batteries) {
            boolean sawOffline = false;
            for (Map<String, String> supply : mains) {
                String online = supply.get("online");
                if ("1".equals(online) || "2".equals(online)) {
                    return Reading.YES; // 2: USB-PD "online, programmable"
                }
                sawOffline |= "0".equals(online);
            }
            Reading fromBatteries = Reading.UNKNOWN;
            for (Map<String, String> battery : batteries) {
                String status = battery.getOrDefault("status", "").toLowerCase(Locale.ROOT);
                switch (status) {
                    case "charging" -> {
                        return Reading.YES;
                    }
                    case "discharging" -> fromBatteries = Reading.NO;
                    default -> {
                        // "full", "not charging" and "unknown" happen both plugged in and not
                    }
                }
            }
            if (sawOffline) {
                return Reading.NO;
            }
            return fromBatteries;
        }

        /** Energy-weighted charge of all batteries when every one reports energy or charge, else the mean. */
        private static OptionalInt percent(List<Map<String, String>> batteries) {
            double now = 0;
            double full = 0;
            boolean weighted = true;
            long sum = 0;
            int counted = 0;
            for (Map<String, String> battery : batteries) {
                OptionalInt capacity = integer(battery.get("capacity"));
                if (capacity.isPresent()) {
                    sum += Math.clamp(capacity.getAsInt(), 0, 100);
                    counted++;
                }
                OptionalInt eNow = integer(battery.getOrDefault("energy_now", battery.get("charge_now")));
                OptionalInt eFull = integer(battery.getOrDefault("energy_full", battery.get("charge_full")));
                if (eNow.isPresent() && eFull.isPresent() && eFull.getAsInt() > 0) {
                    now += Math.max(0, eNow.getAsInt());
                    full += eFull.getAsInt();
                } else {
                    weighted = false;
                }
            }
            if (weighted && batteries.size() > 1 && full > 0) {
                return OptionalInt.of(Math.clamp(Math.round(100 * now / full), 0, 100));
            }
            return counted == 0 ? OptionalInt.empty() : OptionalInt.of((int) Math.round((double) sum / counted));
        }
    }

    /** Network from the net class: pure over the attributes read. */
    static final class LinuxNetwork {
        private static final List<String> VIRTUAL_PREFIXES = List.of("docker", "veth", "br-", "virbr", "vboxnet",
                "vmnet", "lxcbr", "lxdbr", "cni", "flannel", "podman", "tap", "dummy");
        private static final List<String> TETHER_DRIVERS = List.of("rndis_host", "cdc_ether", "cdc_ncm", "ipheth",
                "cdc_mbim", "qmi_wwan", "huawei_cdc_ncm", "cdc_subset");
        private static final int ARPHRD_LOOPBACK = 772;
        private static final int ARPHRD_PPP = 512;

        private LinuxNetwork() {
        }

        /** An interface that may carry the machine's traffic. */
        record Interface(String name, boolean up, Kind kind) {
        }

        /** What an interface says by itself about being metered. */
        enum Kind {
            WIRED,
            WIRELESS,
            MOBILE,
            OTHER
        }

        /** The interfaces that count (not loopback, bridges or container plumbing), or null if unreadable. */
        static List<Interface> interfaces(Map<String, Map<String, String>> net) {
            if (net == null) {
                return null;
            }
            List<Interface> interfaces = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> e : net.entrySet()) {
                String name = e.getKey();
                Map<String, String> a = e.getValue();
                int type = integer(a.get("type")).orElse(-1);
                if (name.equals("lo") || type == ARPHRD_LOOPBACK || a.containsKey("bridge")
                        || VIRTUAL_PREFIXES.stream().anyMatch(name::startsWith)) {
                    continue;
                }
                String operstate = a.getOrDefault("operstate", "").toLowerCase(Locale.ROOT);
                boolean carrier = "1".equals(a.get("carrier"));
                boolean up = operstate.equals("up") || (operstate.equals("unknown") && carrier);
                interfaces.add(new Interface(name, up, kind(name, type, a)));
            }
            return interfaces;
        }

        private static Kind kind(String name, int type, Map<String, String> a) {
            String uevent = a.getOrDefault("uevent", "");
            String driver = ueventValue(a.getOrDefault("device/uevent", ""), "DRIVER");
            if (uevent.contains("DEVTYPE=wwan") || name.startsWith("wwan") || name.startsWith("ppp")
                    || type == ARPHRD_PPP || TETHER_DRIVERS.contains(driver)) {
                return Kind.MOBILE;
            }
            if (a.containsKey("wireless") || uevent.contains("DEVTYPE=wlan")) {
                return Kind.WIRELESS;
            }
            if (type == 1 && a.containsKey("device") && !uevent.contains("DEVTYPE=")) {
                return Kind.WIRED;
            }
            return Kind.OTHER;
        }

        private static String ueventValue(String uevent, String key) {
            for (String line : uevent.split("\n")) {
                if (line.startsWith(key + "=")) {
                    return line.substring(key.length() + 1).strip();
                }
            }
            return "";
        }

        static Reading available(List<Interface> interfaces) {
            if (interfaces == null) {
                return Reading.UNKNOWN;
            }
            return Reading.of(interfaces.stream().anyMatch(Interface::up));
        }

        /**
         * Among the interfaces that are up (tunnels left out when a wired, wireless or mobile one is up):
         * unmetered when some interface in use is known unmetered (wired, or said so by NetworkManager); metered
         * when every interface in use is known metered (mobile or tethered, or said so); otherwise unknown. Asks
         * NetworkManager only when the interfaces alone leave it open.
         */
        static Reading metered(List<Interface> interfaces, java.util.function.Supplier<Optional<String>> nmcli) {
            if (interfaces == null) {
                return Reading.UNKNOWN;
            }
            List<Interface> up = interfaces.stream().filter(Interface::up).toList();
            if (up.isEmpty()) {
                return Reading.UNKNOWN;
            }
            List<Interface> physical = up.stream().filter(i -> i.kind() != Kind.OTHER).toList();
            if (!physical.isEmpty()) {
                up = physical; // a VPN tunnel rides on one of these: they decide
            }
            if (up.stream().anyMatch(i -> i.kind() == Kind.WIRED)) {
                return Reading.NO;
            }
            if (up.stream().allMatch(i -> i.kind() == Kind.MOBILE)) {
                return Reading.YES;
            }
            Map<String, Reading> said = nmcli.get().map(NmcliMetered::parse).orElse(Map.of());
            boolean allMetered = true;
            for (Interface i : up) {
                Reading r = i.kind() == Kind.MOBILE ? Reading.YES : said.getOrDefault(i.name(), Reading.UNKNOWN);
                if (r == Reading.NO) {
                    return Reading.NO;
                }
                allMetered &= r == Reading.YES;
            }
            return allMetered ? Reading.YES : Reading.UNKNOWN;
        }
    }

    /** NetworkManager's per-device metered flag from {@code nmcli -t -f GENERAL.DEVICE,GENERAL.METERED device show}. */
    static final class NmcliMetered {
        private NmcliMetered() {
        }

        /** Device name to metered reading ({@code yes}, {@code no}, {@code yes (guessed)}, {@code unknown}). */
        static Map<String, Reading> parse(String output) {
            Map<String, Reading> metered = new TreeMap<>();
            String device = null;
            for (String raw : output.split("\\R")) {
                String line = raw.strip();
                if (line.startsWith("GENERAL.DEVICE:")) {
                    device = line.substring("GENERAL.DEVICE:".length()).strip();
                } else if (line.startsWith("GENERAL.METERED:") && device != null) {
                    String value = line.substring("GENERAL.METERED:".length()).strip().toLowerCase(Locale.ROOT);
                    metered.put(device, value.startsWith("yes") ? Reading.YES
                            : value.startsWith("no") ? Reading.NO : Reading.UNKNOWN);
                }
            }
            return metered;
        }
    }

    static OptionalInt integer(String text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        try {
            long value = Long.parseLong(text.strip());
            return OptionalInt.of(Math.clamp(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
