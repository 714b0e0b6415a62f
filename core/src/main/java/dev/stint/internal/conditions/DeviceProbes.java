package dev.stint.internal.conditions;

import dev.stint.spi.DeviceProbe;
import dev.stint.spi.DeviceState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** The built-in probe for the platform this JVM runs on. */
public final class DeviceProbes {
    /** How long a probe's command may run before its answer counts as unknown. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(3);

    private DeviceProbes() {
    }

    /**
     * Linux (and other systems with a {@code /sys} tree) reads files; macOS and Windows run their standard
     * commands with {@link #COMMAND_TIMEOUT}; anything else reports {@link DeviceState#UNKNOWN}.
     */
    public static DeviceProbe forThisPlatform() {
        return forPlatform(System.getProperty("os.name", ""), CommandRunner.processes(COMMAND_TIMEOUT));
    }

    static DeviceProbe forPlatform(String osName, CommandRunner commands) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return new WindowsProbe(commands);
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return new MacProbe(commands);
        }
        if (os.startsWith("linux")) {
            return new LinuxProbe(Path.of("/sys"), commands);
        }
        return () -> DeviceState.UNKNOWN;
    }
}
