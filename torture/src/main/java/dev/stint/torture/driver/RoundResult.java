package dev.stint.torture.driver;

import dev.stint.torture.KillMode;

/**
 * How one kill point went.
 *
 * @param round the kill point number, from 1
 * @param mode the kill planned
 * @param powerSafe whether the worker opened the library with {@code powerSafe(true)} ({@code synchronous=FULL})
 * @param hit whether the kill landed where planned (a targeted kill whose instant never came falls back to
 *     a timed kill)
 * @param beforeReady whether the kill landed before the worker reported the library open
 * @param problem a harness-level problem (the worker did not start, or exited by itself), or null
 */
record RoundResult(int round, KillMode mode, boolean powerSafe, boolean hit, boolean beforeReady, String problem) {
}
