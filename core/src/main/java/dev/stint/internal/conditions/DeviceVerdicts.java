package dev.stint.internal.conditions;

import dev.stint.Condition;
import dev.stint.internal.conditions.ConditionMonitor.Verdict;
import dev.stint.spi.DeviceState;
import dev.stint.spi.DeviceState.Reading;

/**
 * How a probe's reading ({@link DeviceState}) decides the device conditions (power, battery, network,
 * unmetered network), and which conditions need a reading at all. Pure functions: the {@link ConditionMonitor}
 * owns the readings and the timer.
 */
final class DeviceVerdicts {
    private DeviceVerdicts() {
    }

    /** Whether deciding {@code c} needs a probe's reading (power, battery, network, metered). */
    static boolean needsProbe(Condition c) {
        return switch (c) {
            case Condition.AcPower a -> true;
            case Condition.BatteryAbove b -> true;
            case Condition.Network n -> true;
            case Condition.Unmetered u -> true;
            case Condition.DiskSpaceAbove d -> false;
            case Condition.UserIdleFor i -> false;
            case Condition.Named n -> false;
        };
    }

    /** The verdict of a device condition on a reading. */
    static Verdict of(Condition condition, DeviceState s) {
        return switch (condition) {
            case Condition.AcPower a -> of(s.acPower());
            case Condition.BatteryAbove b -> battery(s, b.percent());
            case Condition.Network n -> of(s.network());
            case Condition.Unmetered u -> unmetered(s);
            default -> throw new IllegalArgumentException("not a device condition: " + condition);
        };
    }

    private static Verdict of(Reading r) {
        return switch (r) {
            case YES -> Verdict.HOLDS;
            case NO -> Verdict.FAILS;
            case UNKNOWN -> Verdict.UNKNOWN;
        };
    }

    /** A machine known to have no battery counts as full; otherwise the charge decides. */
    private static Verdict battery(DeviceState s, int percent) {
        if (s.battery() == Reading.NO) {
            return Verdict.HOLDS;
        }
        if (s.batteryPercent().isEmpty()) {
            return Verdict.UNKNOWN;
        }
        return s.batteryPercent().getAsInt() >= percent ? Verdict.HOLDS : Verdict.FAILS;
    }

    /** No network: fails; a network known unmetered: holds; known metered: fails; otherwise unknown. */
    private static Verdict unmetered(DeviceState s) {
        if (s.network() == Reading.NO) {
            return Verdict.FAILS;
        }
        return switch (s.metered()) {
            case NO -> Verdict.HOLDS;
            case YES -> Verdict.FAILS;
            case UNKNOWN -> Verdict.UNKNOWN;
        };
    }
}
