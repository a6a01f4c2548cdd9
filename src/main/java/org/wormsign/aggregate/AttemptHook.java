package org.wormsign.aggregate;

/**
 * Sees every Code Red attempt of an input just before its {@link Aggregator} counts it: where the ISP mode
 * attributes an attempt to the customer who held its source address at its instant (issue 20).
 *
 * <p>A hook is a summary like the aggregate it rides in, not a listener: a {@link Factory} makes one per
 * aggregator, it sees only that aggregator's attempts (one thread at a time: an aggregator is confined to the
 * thread that reads its chunk or input), it lives in that aggregator's {@link Aggregate} and is merged with it.
 * So whatever it concludes (per customer counts, say) goes where the aggregate's counts go: dropped with the
 * aggregates of the formats the sniffer did not choose and of chunks read again with other W3C directives,
 * placed by {@link #shiftLines} with a chunk's line numbers, and merged in input order into the run's. A hook
 * shared by every aggregator would see those discarded attempts too.
 *
 * <p>What it is given: every attempt counted in {@code totals.code_red} and {@code code_red_ii} (records,
 * those without a time included, with {@link Attempt#hasTime} false), and every attempt salvaged from a
 * rejected line ({@code code_red_in_rejects}, {@code code_red_ii_in_rejects}, with {@link Attempt#salvaged}
 * true), not only the salvaged lines kept as evidence. Nothing else: no other line reaches it.
 *
 * <p>Free when unused: the aggregator holds {@link #NONE} by default and then fills no {@link Attempt} and
 * makes no call.
 */
public interface AttemptHook {
    /**
     * One attempt. {@code attempt} is reused for the next one and its text views read the line's buffer:
     * keep what is needed from it during the call, never the object.
     */
    void attempt(Attempt attempt);

    /**
     * This hook's findings joined with {@code other}'s, made by the same factory for a later part of the input
     * or a later input: associative, with {@link #NONE} as identity. May return this (updated) or {@code other};
     * the hook not returned is spent.
     */
    AttemptHook merge(AttemptHook other);

    /** Adds {@code delta} to every line number the hook kept: see {@link Aggregate#shiftLines}. */
    default void shiftLines(long delta) {}

    /** No hook: sees nothing, keeps nothing. */
    AttemptHook NONE = new AttemptHook() {
        @Override public void attempt(Attempt attempt) {}

        @Override public AttemptHook merge(AttemptHook other) { return other; }

        @Override public String toString() { return "AttemptHook.NONE"; }
    };

    /**
     * Makes a new hook for each aggregator. Called from the scanning threads at once: must be safe for that (a
     * constructor call is). The hooks it makes need not be, as each is used by one thread at a time.
     */
    @FunctionalInterface
    interface Factory {
        AttemptHook newHook();

        Factory NONE = () -> AttemptHook.NONE;
    }
}
