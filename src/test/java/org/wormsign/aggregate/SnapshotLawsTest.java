package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The merge laws on snapshots, compared by {@link Snapshot#equals} (their canonical binary form) and
 * {@link Snapshot#sameContent}, not through the renderers: identity, grouping, order, and "split the inputs
 * anywhere, merge the snapshots" equals one run. Snapshots are spent by a merge, so each side of a law is
 * made afresh from the same seeded runs.
 */
class SnapshotLawsTest {
    private static final long SEED = 42;

    /** The run over inputs [from, to), started at a time of its own. */
    private static Snapshot run(int from, int to) {
        return RandomRuns.run(SEED, from, to);
    }

    private static Snapshot merge(Snapshot... parts) {
        return Snapshot.merge(List.of(parts));
    }

    private static Snapshot empty() {
        return Snapshot.empty(new TextSpill());
    }

    @Test
    void theEmptySnapshotIsTheIdentity() {
        Snapshot expected = run(0, 4);
        assertEquals(expected, merge(run(0, 4), empty()));
        assertEquals(expected, merge(empty(), run(0, 4)));
        assertEquals(expected, merge(run(0, 4)));
        assertEquals(empty(), merge(empty(), empty()));
    }

    @Test
    void groupingDoesNotMatter() {
        Snapshot left = merge(merge(run(0, 2), run(2, 5)), run(5, 7));
        Snapshot right = merge(run(0, 2), merge(run(2, 5), run(5, 7)));
        assertEquals(left, right);
        assertEquals(left, merge(run(0, 2), run(2, 5), run(5, 7)));
    }

    @Test
    void orderDoesNotMatter() {
        Snapshot expected = merge(run(0, 2), run(2, 5), run(5, 7));
        assertEquals(expected, merge(run(5, 7), run(0, 2), run(2, 5)));
        assertEquals(expected, merge(run(2, 5), run(5, 7), run(0, 2)));
        // Runs whose inputs interleave by name: placed by their first input, whatever order they are merged in.
        TextBudget b = new TextBudget(TextBudget.DEFAULT_BYTES);
        Instant t = Instant.ofEpochSecond(1_000_000_000L);
        Snapshot one = merge(RandomRuns.run(SEED, new int[] {0, 6}, b, t), RandomRuns.run(SEED, new int[] {3, 1}, b, t.plusSeconds(1)));
        Snapshot other = merge(RandomRuns.run(SEED, new int[] {3, 1}, b, t.plusSeconds(1)), RandomRuns.run(SEED, new int[] {0, 6}, b, t));
        assertEquals(one, other);
        assertEquals(List.of("in-00.log", "in-06.log", "in-03.log", "in-01.log"), other.inputs().stream().map(Snapshot.Input::path).toList(),
                "the ledger: runs by their first input, each run's inputs in its own order");
    }

    @RepeatedTest(8)
    void splittingTheInputsAnywhereThenMergingEqualsOneRun(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        int n = 4 + random.nextInt(8);
        Snapshot whole = RandomRuns.run(SEED + repetition.getCurrentRepetition(), 0, n, new TextBudget(TextBudget.DEFAULT_BYTES),
                Instant.ofEpochSecond(1_000_000_000L));
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int k = 1 + random.nextInt(3); k > 0; k--) cuts.add(1 + random.nextInt(n - 1));
        List<Snapshot> parts = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            parts.add(part(repetition.getCurrentRepetition(), from, cut, random));
            from = cut;
        }
        parts.add(part(repetition.getCurrentRepetition(), from, n, random));
        Collections.shuffle(parts, random);
        Snapshot merged = Snapshot.merge(parts);
        assertTrue(whole.sameContent(merged), "cut at " + cuts);
        assertEquals(cuts.size() + 1, merged.runs().size());
        citationsNameTheirInputs(merged);
    }

    @RepeatedTest(5)
    void aFileReadInLineAlignedPiecesEqualsItReadWhole(RepetitionInfo repetition) {
        Random random = new Random(100 + repetition.getCurrentRepetition());
        int[] inputs = {0, 1, 2};
        TextBudget budget = new TextBudget(TextBudget.DEFAULT_BYTES);
        Instant started = Instant.ofEpochSecond(1_000_000_000L);
        int[] cuts = random.ints(1 + random.nextInt(4), 1, 160).sorted().distinct().toArray();
        Snapshot whole = RandomRuns.run(SEED, inputs, budget, started);
        Snapshot pieces = RandomRuns.run(SEED, inputs, budget, started, cuts);
        assertEquals(whole, pieces, "cut before lines " + java.util.Arrays.toString(cuts));
    }

    /**
     * A run over [from, to), some of them keeping no text in memory (each part its own budget and spill: the
     * merge moves spilled texts into the first part's spill).
     */
    private static Snapshot part(long seed, int from, int to, Random random) {
        TextBudget budget = new TextBudget(random.nextBoolean() ? 0 : TextBudget.DEFAULT_BYTES);
        return RandomRuns.run(SEED + seed, from, to, budget, Instant.ofEpochSecond(1_000_000_000L + random.nextInt(1000) * 7L + from));
    }

    /** Every input index a reject sample, an evidence line or a salvaged line cites is the one of the input it names. */
    private static void citationsNameTheirInputs(Snapshot s) {
        Map<Long, String> byIndex = new HashMap<>();
        for (Snapshot.Input i : s.inputs()) assertEquals(null, byIndex.put(i.index(), i.path()), "an index given twice: " + i.index());
        assertFalse(s.rejectSamples().isEmpty());
        for (RejectSample r : s.rejectSamples()) assertEquals(byIndex.get(r.inputIndex()), r.input(), "reject sample " + r);
        for (Evidence e : s.salvaged()) assertEquals(byIndex.get(e.inputIndex()), e.input(), "salvaged " + e);
        for (SourceSummary src : s.sources()) {
            for (Evidence e : src.evidenceLines()) assertEquals(byIndex.get(e.inputIndex()), e.input(), "evidence " + e);
        }
        Map<String, Integer> samplesPerInput = new HashMap<>();
        for (RejectSample r : s.rejectSamples()) samplesPerInput.merge(r.input() + " " + r.reason(), 1, Integer::sum);
        assertTrue(samplesPerInput.values().stream().allMatch(n -> n <= Aggregate.REJECT_SAMPLES), samplesPerInput.toString());
    }

    @Test
    void theComparisonSeesADifference() {
        assertFalse(run(0, 4).sameContent(run(0, 3)));
        assertFalse(run(0, 4).sameContent(merge(run(0, 2), run(3, 4))));
    }

    @Test
    void aMergedSnapshotIsSpentAndAMergedRunIsRefusedTwice() {
        Snapshot a = run(0, 2);
        merge(a, run(2, 3));
        assertThrows(IllegalStateException.class, a::sources);
        assertThrows(IllegalStateException.class, () -> merge(a, run(3, 4)));
        assertThrows(IllegalArgumentException.class, () -> merge(run(0, 2), run(0, 2)), "the same run twice");
    }
}
