package org.wormsign.aggregate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.wormsign.detect.Verdict;

/**
 * Code Red requests found in lines that could not be read as records (rejects): the worm's request is
 * plainly there, but not the record around it, so they prove no source's attempt and stay out of the
 * sources (hosts.csv). They are counted in {@link Totals} and the first {@link #PER_INPUT} of each input
 * are kept as evidence: the source is the line's first address-shaped token ("" when none) and the time
 * its first readable one ({@link org.wormsign.format.RejectedLine}). Mergeable: the kept lines do not
 * depend on how an input was split.
 */
public final class SalvagedAttempts {
    /** Lines kept per input; the rest are only counted. */
    public static final int PER_INPUT = 100;
    /** The evidence {@code kind} of a Code Red I (or II) request in a line that could not be read. */
    public static final String CODE_RED_KIND = "code-red-unparsed", CODE_RED_II_KIND = "code-red-ii-unparsed";

    private static final Comparator<Evidence> INPUT_ORDER =
            Comparator.comparingLong(Evidence::inputIndex).thenComparingLong(Evidence::line);

    private final List<Evidence> kept = new ArrayList<>();

    public static String kind(Verdict.Variant v) {
        return v == Verdict.Variant.CODE_RED ? CODE_RED_KIND : CODE_RED_II_KIND;
    }

    void add(Evidence e) {
        kept.add(e);
    }

    void merge(SalvagedAttempts o) {
        if (o.kept.isEmpty()) return;
        kept.addAll(o.kept);
        kept.sort(INPUT_ORDER);
        Map<Long, Integer> perInput = new HashMap<>();
        kept.removeIf(e -> perInput.merge(e.inputIndex(), 1, Integer::sum) > PER_INPUT);
    }

    void shiftLines(long delta) {
        kept.replaceAll(e -> new Evidence(e.source(), e.epochSecond(), e.kind(), e.status(), e.inputIndex(), e.input(),
                e.line() + delta, e.offset(), e.raw(), e.unusual(), e.spillAt()));
    }

    void renumberInputs(java.util.function.LongUnaryOperator renumber) {
        kept.replaceAll(e -> new Evidence(e.source(), e.epochSecond(), e.kind(), e.status(), renumber.applyAsLong(e.inputIndex()), e.input(),
                e.line(), e.offset(), e.raw(), e.unusual(), e.spillAt()));
    }

    /** The kept lines in input order, then line order; time is {@link org.wormsign.format.RejectedLine#NO_TIME} where none could be read. */
    public List<Evidence> lines() {
        return java.util.Collections.unmodifiableList(kept);
    }
}
