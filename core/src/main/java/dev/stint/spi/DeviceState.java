package dev.stint.spi;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One reading of the machine's power and network state, as a {@link DeviceProbe} reports it. Every part may
 * be unknown. Immutable.
 *
 * @param acPower whether the machine runs on mains power; a machine without a battery that the probe can
 *     see as such (a desktop) reports {@link Reading#YES}
 * @param battery whether the machine has a system battery (peripheral batteries such as a mouse's do not
 *     count)
 * @param batteryPercent the charge of the system batteries together, 0 to 100, or empty when there is none
 *     or it cannot be read
 * @param network whether a network connection other than loopback and virtual bridges is up
 * @param metered whether the connection in use is metered (mobile, tethered, or marked metered by the
 *     system); {@link Reading#UNKNOWN} when the platform does not say
 */
public record DeviceState(Reading acPower, Reading battery, OptionalInt batteryPercent, Reading network,
        Reading metered) {

    /** A state of which nothing is known. */
    public static final DeviceState UNKNOWN = new DeviceState(Reading.UNKNOWN, Reading.UNKNOWN, OptionalInt.empty(),
            Reading.UNKNOWN, Reading.UNKNOWN);

    /** A yes, a no, or "the probe cannot tell". */
    public enum Reading {
        /** The probe read that it is so. */
        YES,
        /** The probe read that it is not so. */
        NO,
        /** The probe could not tell (no such interface on this platform, a command missing or too slow). */
        UNKNOWN;

        /** YES for true, NO for false. */
        public static Reading of(boolean value) {
            return value ? YES : NO;
        }
    }

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if a part is null
     * @throws IllegalArgumentException if the battery percent is outside 0..100
     */
    public DeviceState {
        Objects.requireNonNull(acPower, "acPower");
        Objects.requireNonNull(battery, "battery");
        Objects.requireNonNull(batteryPercent, "batteryPercent");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(metered, "metered");
        if (batteryPercent.isPresent() && (batteryPercent.getAsInt() < 0 || batteryPercent.getAsInt() > 100)) {
            throw new IllegalArgumentException("battery percent must be 0..100, was " + batteryPercent.getAsInt());
        }
    }

    /** This state with the power parts replaced. */
    public DeviceState withPower(Reading acPower, Reading battery, OptionalInt batteryPercent) {
        return new DeviceState(acPower, battery, batteryPercent, network, metered);
    }

    /** This state with the network parts replaced. */
    public DeviceState withNetwork(Reading network, Reading metered) {
        return new DeviceState(acPower, battery, batteryPercent, network, metered);
    }
}
