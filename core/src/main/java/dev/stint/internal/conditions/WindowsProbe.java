package dev.stint.internal.conditions;

import dev.stint.spi.DeviceProbe;
import dev.stint.spi.DeviceState;
import dev.stint.spi.DeviceState.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Windows: one Windows PowerShell command prints the batteries ({@code Win32_Battery}'s
 * {@code BatteryStatus} and {@code EstimatedChargeRemaining}) and the internet connection profile
 * (connectivity level and cost type, from {@code Windows.Networking.Connectivity.NetworkInformation}).
 * If PowerShell is missing or too slow, WMIC's list output is tried for the batteries. Either runs with a
 * short timeout; what neither tells stays unknown.
 */
final class WindowsProbe implements DeviceProbe {
    static final String SCRIPT = "Get-CimInstance -ClassName Win32_Battery | ForEach-Object {"
            + " 'Battery=' + $_.BatteryStatus + ',' + $_.EstimatedChargeRemaining };"
            + " $p = [Windows.Networking.Connectivity.NetworkInformation,Windows.Networking.Connectivity,"
            + "ContentType=WindowsRuntime]::GetInternetConnectionProfile();"
            + " if ($p) { 'Connectivity=' + $p.GetNetworkConnectivityLevel();"
            + " 'Cost=' + $p.GetConnectionCost().NetworkCostType } else { 'Connectivity=None' };"
            + " 'Done=1'";
    static final List<String> POWERSHELL = List.of("powershell", "-NoProfile", "-NonInteractive", "-Command", SCRIPT);
    static final List<String> WMIC = List.of("wmic", "path", "Win32_Battery", "get",
            "BatteryStatus,EstimatedChargeRemaining", "/format:list");
    private final CommandRunner commands;

    WindowsProbe(CommandRunner commands) {
        this.commands = commands;
    }

    @Override
    public DeviceState read() {
        Optional<String> output = commands.run(POWERSHELL, true); // the marker line, not the exit code, says it ran
        if (output.isPresent() && output.get().contains("Done=1")) {
            return parse(output.get());
        }
        return commands.run(WMIC, false).map(WindowsProbe::parseWmic).orElse(DeviceState.UNKNOWN);
    }

    /** The output of {@link #SCRIPT}: {@code Battery=STATUS,PERCENT} lines, {@code Connectivity=}, {@code Cost=}. */
    static DeviceState parse(String output) {
        List<int[]> batteries = new ArrayList<>();
        Reading network = Reading.UNKNOWN;
        Reading metered = Reading.UNKNOWN;
        for (String raw : output.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("Battery=")) {
                String[] parts = line.substring("Battery=".length()).split(",", -1);
                batteries.add(new int[] {number(parts[0]), parts.length > 1 ? number(parts[1]) : -1});
            } else if (line.startsWith("Connectivity=")) {
                network = switch (line.substring("Connectivity=".length()).strip().toLowerCase(Locale.ROOT)) {
                    case "internetaccess", "constrainedinternetaccess" -> Reading.YES;
                    case "none", "localaccess" -> Reading.NO;
                    default -> Reading.UNKNOWN;
                };
            } else if (line.startsWith("Cost=")) {
                metered = switch (line.substring("Cost=".length()).strip().toLowerCase(Locale.ROOT)) {
                    case "unrestricted" -> Reading.NO;
                    case "fixed", "variable" -> Reading.YES;
                    default -> Reading.UNKNOWN;
                };
            }
        }
        return power(batteries).withNetwork(network, network == Reading.NO ? Reading.UNKNOWN : metered);
    }

    /** WMIC's {@code /format:list} output: {@code BatteryStatus=N} and {@code EstimatedChargeRemaining=N} per battery. */
    static DeviceState parseWmic(String output) {
        List<int[]> batteries = new ArrayList<>();
        int[] current = null;
        for (String raw : output.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("BatteryStatus=")) {
                current = new int[] {number(line.substring("BatteryStatus=".length())), -1};
                batteries.add(current);
            } else if (line.startsWith("EstimatedChargeRemaining=") && current != null) {
                current[1] = number(line.substring("EstimatedChargeRemaining=".length()));
            }
        }
        return power(batteries);
    }

    /**
     * Power from the batteries' status codes (Win32_Battery): 1, 4, 5 are on battery; 2 (on AC), 3 (full),
     * 6 to 9 (charging) are on AC; 10, 11 and anything else cannot tell. No battery at all: a desktop, on AC.
     */
    private static DeviceState power(List<int[]> batteries) {
        if (batteries.isEmpty()) {
            return new DeviceState(Reading.YES, Reading.NO, OptionalInt.empty(), Reading.UNKNOWN, Reading.UNKNOWN);
        }
        Reading ac = Reading.UNKNOWN;
        long sum = 0;
        int counted = 0;
        for (int[] battery : batteries) {
            Reading r = switch (battery[0]) {
                case 1, 4, 5 -> Reading.NO;
                case 2, 3, 6, 7, 8, 9 -> Reading.YES;
                default -> Reading.UNKNOWN;
            };
            if (r == Reading.YES || (r == Reading.NO && ac == Reading.UNKNOWN)) {
                ac = r;
            }
            if (battery[1] >= 0 && battery[1] <= 100) {
                sum += battery[1];
                counted++;
            }
        }
        OptionalInt percent = counted == 0 ? OptionalInt.empty() : OptionalInt.of((int) Math.round((double) sum / counted));
        return new DeviceState(ac, Reading.YES, percent, Reading.UNKNOWN, Reading.UNKNOWN);
    }

    private static int number(String text) {
        OptionalInt n = LinuxProbe.integer(text);
        return n.isPresent() ? n.getAsInt() : -1;
    }
}
