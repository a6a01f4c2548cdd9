package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.wormsign.detect.Verdict;
import org.wormsign.format.LogRecord;

/**
 * A source's attempt times back the side-effect check ({@link SourceSummary#nearestAttempt}); a source
 * seen once keeps its time without an array, so merges into and out of that state must keep each time
 * with its own target.
 */
class SourceSummaryTest {
    private static final String[] TARGETS = {"web1", "web2", "web3"};

    record Attempt(long when, String target) {}

    private static SourceSummary of(List<Attempt> attempts) {
        SourceSummary s = new SourceSummary("10.9.8.7");
        // Both variants: Code Red I is counted by phase of the worm's month.
        for (Attempt a : attempts) s.addAttempt(a.when() % 2 == 0 ? Verdict.CODE_RED : Verdict.CODE_RED_II, a.when(), 400, a.target());
        return s;
    }

    /** The nearest attempt by definition: the one to {@code target} closest to {@code t}, the earlier on a tie. */
    private static long expectedNearest(List<Attempt> attempts, String target, long t, long window) {
        long best = Long.MIN_VALUE;
        for (Attempt a : attempts) {
            if (!a.target().equals(target) || Math.abs(a.when() - t) > window) continue;
            if (best == Long.MIN_VALUE || Math.abs(a.when() - t) < Math.abs(best - t)) best = a.when();
        }
        return best;
    }

    @Test
    void timesStayWithTheirTargetsThroughMerges() {
        SplittableRandom r = new SplittableRandom(5);
        for (int round = 0; round < 3000; round++) {
            List<Attempt> all = new ArrayList<>();
            // One to three parts of zero to three attempts: the merges go from and into one-attempt sources.
            SourceSummary merged = new SourceSummary("10.9.8.7");
            int parts = 1 + r.nextInt(3);
            for (int p = 0; p < parts; p++) {
                List<Attempt> part = new ArrayList<>();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) part.add(new Attempt(997_000_000L + r.nextInt(5_000), TARGETS[r.nextInt(TARGETS.length)]));
                all.addAll(part);
                merged.merge(of(part));
            }
            SourceSummary direct = of(all);
            assertEquals(all.size(), merged.attempts(), "round " + round);
            long codeRedI = all.stream().filter(a -> a.when() % 2 == 0).count();
            assertEquals(codeRedI, merged.codeRed());
            assertEquals(all.size() - codeRedI, merged.codeRedII());
            assertEquals(merged.codeRed(), merged.propagation() + merged.flood() + merged.dormant());
            for (int q = 0; q < 8; q++) {
                String target = TARGETS[r.nextInt(TARGETS.length)];
                long t = 997_000_000L + r.nextInt(5_000);
                long want = expectedNearest(all, target, t, 600);
                assertEquals(want, direct.nearestAttempt(target, t, 600), "direct, round " + round);
                assertEquals(want, merged.nearestAttempt(target, t, 600), "merged, round " + round + ", " + all);
            }
            List<String> targets = all.stream().map(Attempt::target).distinct().sorted().toList();
            assertEquals(targets, merged.servers(), "round " + round);
            assertEquals(targets.size(), merged.serverCount());
            for (String t : TARGETS) assertEquals(targets.contains(t), merged.reached(t));
            if (!all.isEmpty()) {
                assertEquals(all.stream().mapToLong(Attempt::when).min().getAsLong(), merged.firstSeen());
                assertEquals(all.stream().mapToLong(Attempt::when).max().getAsLong(), merged.lastSeen());
            }
        }
    }
    record Logged(long when, String target, boolean codeRedII) {}

    private static SourceSummary ofLogged(List<Logged> attempts) {
        SourceSummary s = new SourceSummary("10.9.8.7");
        for (Logged a : attempts) s.addAttempt(a.codeRedII() ? Verdict.CODE_RED_II : Verdict.CODE_RED, a.when(), 404, a.target());
        return s;
    }

    /**
     * Attempts of a log that records no time count for their source and its targets, but are in no phase,
     * no first or last seen and no nearest attempt, however the summaries were split and merged (a source's
     * first target may come without a time, and its first time with a later target).
     */
    @Test
    void attemptsWithoutATimeCountButAreNeverATime() {
        SplittableRandom r = new SplittableRandom(11);
        int untimedSeen = 0;
        for (int round = 0; round < 3000; round++) {
            List<Logged> all = new ArrayList<>();
            SourceSummary merged = new SourceSummary("10.9.8.7");
            int parts = 1 + r.nextInt(3);
            for (int p = 0; p < parts; p++) {
                List<Logged> part = new ArrayList<>();
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    long when = r.nextInt(3) == 0 ? LogRecord.NO_TIME : 997_000_000L + r.nextInt(5_000);
                    part.add(new Logged(when, TARGETS[r.nextInt(TARGETS.length)], r.nextBoolean()));
                }
                all.addAll(part);
                merged.merge(ofLogged(part));
            }
            List<Logged> timed = all.stream().filter(a -> a.when() != LogRecord.NO_TIME).toList();
            List<Attempt> timedAttempts = timed.stream().map(a -> new Attempt(a.when(), a.target())).toList();
            long untimedCodeRed = all.stream().filter(a -> a.when() == LogRecord.NO_TIME && !a.codeRedII()).count();
            untimedSeen += all.size() - timed.size();
            for (SourceSummary s : List.of(ofLogged(all), merged)) {
                assertEquals(all.size(), s.attempts(), "round " + round);
                assertEquals(all.stream().filter(Logged::codeRedII).count(), s.codeRedII());
                assertEquals(untimedCodeRed, s.codeRedWithoutTime());
                assertEquals(s.codeRed(), s.propagation() + s.flood() + s.dormant() + s.codeRedWithoutTime());
                assertEquals(timed.stream().mapToLong(Logged::when).min().orElse(Long.MAX_VALUE), s.firstSeen(), "round " + round);
                assertEquals(timed.stream().mapToLong(Logged::when).max().orElse(Long.MIN_VALUE), s.lastSeen());
                assertEquals(all.stream().map(Logged::target).distinct().sorted().toList(), s.servers());
                for (int q = 0; q < 8; q++) {
                    String target = TARGETS[r.nextInt(TARGETS.length)];
                    long t = 997_000_000L + r.nextInt(5_000);
                    assertEquals(expectedNearest(timedAttempts, target, t, 600), s.nearestAttempt(target, t, 600), "round " + round + ", " + all);
                }
            }
        }
        assertTrue(untimedSeen > 1000, "attempts without a time were tried: " + untimedSeen);
    }
}
