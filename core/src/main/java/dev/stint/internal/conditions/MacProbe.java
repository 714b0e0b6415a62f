package dev.stint.internal.conditions;

import dev.stint.spi.DeviceProbe;
import dev.stint.spi.DeviceState;
import dev.stint.spi.DeviceState.Reading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * macOS: power from {@code pmset -g batt}; network from {@code route -n get default} (a default route means
 * a connection is up); metered from the kind of port carrying the default route, read from
 * {@code networksetup -listallhardwareports} (an iPhone over USB or Bluetooth PAN is metered, Ethernet and
 * Thunderbolt are not, Wi-Fi cannot tell: it may be a phone's hotspot). Each command runs with a short
 * timeout; a missing or slow command leaves its part unknown.
 */
final class MacProbe implements DeviceProbe {
    static final List<String> PMSET = List.of("pmset", "-g", "batt");
    static final List<String> ROUTE = List.of("route", "-n", "get", "default");
    static final List<String> PORTS = List.of("networksetup", "-listallhardwareports");
    private final CommandRunner commands;

    MacProbe(CommandRunner commands) {
        this.commands = commands;
    }

    @Override
    public DeviceState read() {
        DeviceState power = commands.run(PMSET, false).map(Pmset::parse).orElse(DeviceState.UNKNOWN);
        Optional<String> route = commands.run(ROUTE, true);
        Optional<String> routeInterface = route.flatMap(Route::defaultInterface);
        Reading network = route.map(Route::available).orElse(Reading.UNKNOWN);
        Reading metered = Reading.UNKNOWN;
        if (routeInterface.isPresent()) {
            metered = commands.run(PORTS, false).map(HardwarePorts::parse)
                    .map(ports -> HardwarePorts.metered(ports.get(routeInterface.get())))
                    .orElse(Reading.UNKNOWN);
        }
        return power.withNetwork(network, metered);
    }

    /** {@code pmset -g batt}: the power source line and one line per internal battery. */
    static final class Pmset {
        private static final Pattern SOURCE = Pattern.compile("drawing from '([^']+)'");
        private static final Pattern BATTERY = Pattern.compile("-InternalBattery-\\d+.*?\\t?\\s*(\\d{1,3})%;\\s*([^;]*)");

        private Pmset() {
        }

        static DeviceState parse(String output) {
            Reading ac = Reading.UNKNOWN;
            Matcher source = SOURCE.matcher(output);
            if (source.find()) {
                String s = source.group(1).toLowerCase(Locale.ROOT);
                ac = s.startsWith("ac") ? Reading.YES : s.startsWith("battery") || s.startsWith("ups") ? Reading.NO
                        : Reading.UNKNOWN;
            }
            List<Integer> percents = new ArrayList<>();
            Reading charging = Reading.UNKNOWN;
            for (String line : output.split("\\R")) {
                Matcher m = BATTERY.matcher(line);
                if (m.find()) {
                    percents.add(Math.clamp(Integer.parseInt(m.group(1)), 0, 100));
                    String state = m.group(2).strip().toLowerCase(Locale.ROOT);
                    if (state.equals("charging") || state.equals("charged") || state.startsWith("ac attached")
                            || state.equals("finishing charge")) {
                        charging = Reading.YES;
                    } else if (state.equals("discharging") && charging != Reading.YES) {
                        charging = Reading.NO;
                    }
                }
            }
            if (ac == Reading.UNKNOWN) {
                ac = charging;
            }
            if (percents.isEmpty()) {
                // a desktop Mac lists no battery; if pmset named no source either, nothing is known
                return source.find(0) ? new DeviceState(ac, Reading.NO, OptionalInt.empty(), Reading.UNKNOWN,
                        Reading.UNKNOWN) : DeviceState.UNKNOWN;
            }
            int mean = (int) Math.round(percents.stream().mapToInt(Integer::intValue).average().orElseThrow());
            return new DeviceState(ac, Reading.YES, OptionalInt.of(mean), Reading.UNKNOWN, Reading.UNKNOWN);
        }
    }

    /** {@code route -n get default}: a default route and the interface it leaves by. */
    static final class Route {
        private static final Pattern INTERFACE = Pattern.compile("(?m)^\\s*interface:\\s*(\\S+)");

        private Route() {
        }

        static Reading available(String output) {
            if (INTERFACE.matcher(output).find()) {
                return Reading.YES;
            }
            return output.contains("not in table") ? Reading.NO : Reading.UNKNOWN;
        }

        static Optional<String> defaultInterface(String output) {
            Matcher m = INTERFACE.matcher(output);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }
    }

    /** {@code networksetup -listallhardwareports}: device name to hardware port name. */
    static final class HardwarePorts {
        private HardwarePorts() {
        }

        static Map<String, String> parse(String output) {
            Map<String, String> ports = new HashMap<>();
            String port = null;
            for (String raw : output.split("\\R")) {
                String line = raw.strip();
                if (line.startsWith("Hardware Port:")) {
                    port = line.substring("Hardware Port:".length()).strip();
                } else if (line.startsWith("Device:") && port != null) {
                    ports.put(line.substring("Device:".length()).strip(), port);
                    port = null;
                }
            }
            return ports;
        }

        /** Whether a hardware port is metered, by its kind; null or unrecognised: unknown. */
        static Reading metered(String port) {
            if (port == null) {
                return Reading.UNKNOWN;
            }
            String p = port.toLowerCase(Locale.ROOT);
            if (p.contains("iphone") || p.contains("ipad") || p.contains("bluetooth pan") || p.contains("modem")
                    || p.contains("wwan") || p.contains("cellular")) {
                return Reading.YES;
            }
            if (p.contains("ethernet") || p.contains("thunderbolt") || p.contains(" lan") || p.startsWith("lan")) {
                return Reading.NO;
            }
            return Reading.UNKNOWN;
        }
    }
}
