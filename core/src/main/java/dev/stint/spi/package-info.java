/**
 * The service-provider interface: what generated job catalogs implement ({@link dev.stint.spi.JobCatalog}),
 * and what the test kit implements or uses ({@link dev.stint.spi.AdvanceableClock}, the test-only
 * {@link dev.stint.spi.TestHooks} and {@link dev.stint.spi.CrashPoint}), and the device probe behind device
 * conditions ({@link dev.stint.spi.DeviceProbe}, {@link dev.stint.spi.DeviceState}). Applications rarely use it directly:
 * the annotation processor generates catalogs, and the library builder accepts them.
 */
package dev.stint.spi;
