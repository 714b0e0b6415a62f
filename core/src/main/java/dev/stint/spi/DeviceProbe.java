package dev.stint.spi;

/**
 * Reads the machine's power and network state for device conditions ({@code Condition.onAcPower()},
 * {@code batteryAbove}, {@code networkAvailable}, {@code unmeteredNetwork}). The engine has a built-in probe
 * per platform (Linux, macOS, Windows); an application or a test may supply its own, for example to report
 * a state its platform layer already knows, or to flip conditions in a test.
 *
 * <p>The engine calls {@link #read()} from one background thread at a time: when a job that requires a
 * device condition is first considered, and then on a slow timer only while some job waits on, or runs
 * under, such a condition. A probe never throws and never blocks for long: what it cannot tell, it reports
 * as {@link DeviceState.Reading#UNKNOWN}, and the engine applies its documented default. Disk space is not
 * read through a probe: the engine asks the file store directly.
 */
@FunctionalInterface
public interface DeviceProbe {

    /**
     * The current state. Must not throw and should return within a couple of seconds; return
     * {@link DeviceState#UNKNOWN} (or a state with unknown parts) for what cannot be read.
     */
    DeviceState read();
}
