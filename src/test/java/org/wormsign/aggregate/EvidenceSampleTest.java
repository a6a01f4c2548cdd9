package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * EvidenceSample keeps lines packed into longs: every field comes back as it went in, and the lines kept
 * are those the definition names (first five, last, first unusual ones), checked against a plain model.
 */
class EvidenceSampleTest {
    private static final String[] KINDS = {"code-red", "code-red-truncated", "code-red-ii", "code-red-ii-truncated"};

    private static Evidence random(SplittableRandom r, int inputs) {
        int input = r.nextInt(inputs);
        String raw = r.nextInt(3) == 0 ? null : "line " + r.nextInt(1000);
        int status = r.nextInt(5) == 0 ? -1 : 100 + r.nextInt(900);
        return new Evidence("10.1.2.3", 995_000_000L + r.nextInt(20_000_000), KINDS[r.nextInt(KINDS.length)], status,
                (long) input << 32 | r.nextInt(3), "logs/ex" + input + ".log", 1 + r.nextInt(5_000_000),
                r.nextLong(1L << 47), raw, r.nextInt(4) == 0);
    }

    /** What the sample should keep, from its definition. */
    private static List<Evidence> expected(List<Evidence> added) {
        TreeSet<Evidence> all = new TreeSet<>(Evidence.ORDER);
        all.addAll(added);
        TreeSet<Evidence> kept = new TreeSet<>(Evidence.ORDER);
        all.stream().limit(EvidenceSample.FIRST).forEach(kept::add);
        kept.add(all.last());
        all.stream().filter(Evidence::unusual).limit(EvidenceSample.UNUSUAL).forEach(kept::add);
        return new ArrayList<>(kept);
    }

    @Test
    void keepsTheDefinedLinesWithEveryField() {
        SplittableRandom r = new SplittableRandom(21);
        for (int round = 0; round < 2000; round++) {
            // Up to 600 inputs: a source seen in more files than the sample's table of names holds at once.
            int inputs = round % 4 == 0 ? 600 : 1 + r.nextInt(5);
            List<Evidence> added = new ArrayList<>();
            EvidenceSample s = new EvidenceSample();
            int n = 1 + r.nextInt(round % 4 == 0 ? 3000 : 60);
            for (int i = 0; i < n; i++) {
                Evidence e = random(r, inputs);
                // Equal positions are one line: the first one added stands (as the sample keeps it).
                if (added.stream().anyMatch(x -> Evidence.ORDER.compare(x, e) == 0)) continue;
                added.add(e);
                s.add(e);
            }
            assertEquals(expected(added), s.lines("10.1.2.3"), "round " + round);
        }
    }

    /**
     * Lines as a log brings them, nearly all later than every kept one (the sample's quick path for a new latest
     * line), with a few stragglers and repeats, half of them added as the aggregator adds them (placeFor, then
     * addAt at that place): the same lines as the definition keeps.
     */
    @Test
    void aLogInTimeOrderKeepsTheDefinedLines() {
        SplittableRandom r = new SplittableRandom(24);
        for (int round = 0; round < 1000; round++) {
            List<Evidence> added = new ArrayList<>();
            EvidenceSample s = new EvidenceSample();
            long t = 995_000_000L, line = 0;
            int unusualEvery = 1 + r.nextInt(round % 3 == 0 ? 2 : 40);
            for (int i = 0, n = 1 + r.nextInt(400); i < n; i++) {
                Evidence e;
                if (i > 0 && r.nextInt(25) == 0) {
                    e = r.nextBoolean() ? added.get(r.nextInt(added.size()))   // a line read twice
                            : line(r, t - r.nextInt(1000), 1 + r.nextInt((int) line), r.nextInt(unusualEvery) == 0);
                } else {
                    t += r.nextInt(3);
                    e = line(r, t, ++line, r.nextInt(unusualEvery) == 0);
                }
                if (added.stream().noneMatch(x -> Evidence.ORDER.compare(x, e) == 0)) added.add(e);
                if (r.nextBoolean()) {
                    s.add(e);
                } else {
                    int at = s.placeFor(e.epochSecond(), e.inputIndex(), e.line(), e.unusual());
                    if (at >= 0) s.addAt(at, e.epochSecond(), e.inputIndex(), e.input(), e.line(), e.offset(), e.status(),
                            org.wormsign.detect.Verdict.valueOf(e.kind().toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
                            e.unusual(), e.raw(), e.spillAt());
                }
            }
            assertEquals(expected(added), s.lines("10.1.2.3"), "round " + round);
        }
    }

    private static Evidence line(SplittableRandom r, long t, long line, boolean unusual) {
        String raw = r.nextInt(3) == 0 ? null : "line " + line;
        long spillAt = raw == null && r.nextBoolean() ? r.nextLong(1L << 40) : -1;
        return new Evidence("10.1.2.3", t, KINDS[r.nextInt(KINDS.length)], r.nextBoolean() ? 400 : 404, 0, "logs/access.log",
                line, line * 300, raw, unusual, spillAt);
    }

    @Test
    void mergingInAnyGroupingKeepsTheSameLines() {
        SplittableRandom r = new SplittableRandom(22);
        for (int round = 0; round < 500; round++) {
            List<Evidence> added = new ArrayList<>();
            for (int i = 0; i < 1 + r.nextInt(80); i++) {
                Evidence e = random(r, 1 + r.nextInt(8));
                if (added.stream().noneMatch(x -> Evidence.ORDER.compare(x, e) == 0)) added.add(e);
            }
            EvidenceSample left = new EvidenceSample(), right = new EvidenceSample(), whole = new EvidenceSample();
            int cut = r.nextInt(added.size() + 1);
            for (int i = 0; i < added.size(); i++) {
                (i < cut ? left : right).add(added.get(i));
                whole.add(added.get(i));
            }
            right.merge(left);
            assertEquals(whole.lines("10.1.2.3"), right.lines("10.1.2.3"), "round " + round);
        }
    }

    @Test
    void shiftedLinesKeepTheirOtherFields() {
        SplittableRandom r = new SplittableRandom(23);
        EvidenceSample s = new EvidenceSample();
        for (int i = 0; i < 50; i++) s.add(random(r, 3));
        List<Evidence> before = s.lines("10.1.2.3");
        s.shiftLines(1_000_000_000L);
        List<Evidence> after = s.lines("10.1.2.3");
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            Evidence b = before.get(i), a = after.get(i);
            assertEquals(new Evidence(b.source(), b.epochSecond(), b.kind(), b.status(), b.inputIndex(), b.input(),
                    b.line() + 1_000_000_000L, b.offset(), b.raw(), b.unusual()), a);
        }
        assertEquals(before.stream().sorted(Comparator.comparingLong(Evidence::line)).toList().size(), after.size());
    }

    @Test
    void valuesThatDoNotFitAreRefusedNotCut() {
        EvidenceSample s = new EvidenceSample();
        assertThrows(IllegalArgumentException.class,
                () -> s.add(new Evidence("1.2.3.4", 0, "code-red", 400, 0, "in", 1, 1L << 50, null, false)));
        assertThrows(IllegalArgumentException.class,
                () -> s.add(new Evidence("1.2.3.4", 0, "nonsense", 400, 0, "in", 1, 1, null, false)));
    }
}
