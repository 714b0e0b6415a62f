package dev.stint.torture.check;

/**
 * A broken invariant: the round after which it was found ({@code -1} for the final check), which
 * invariant, and the evidence.
 *
 * @param round the kill point after which the check ran
 * @param invariant a short stable name of the invariant
 * @param detail what was found (job ids, lines, counts)
 */
public record Violation(int round, String invariant, String detail) {
    @Override
    public String toString() {
        return (round < 0 ? "final" : "after kill " + round) + ": " + invariant + ": " + detail;
    }
}
