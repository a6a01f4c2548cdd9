package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * AttemptTimes holds its seconds in a sorted array: it keeps what a set of seconds thinned by the same rule
 * (the ends kept, every other one in the middle dropped past {@link AttemptTimes#MAX}) keeps, and answers
 * as that set does, for seconds in order, out of order and repeated, and after merges.
 */
class AttemptTimesTest {
    /** The rule as it was written over a TreeSet. */
    private static final class Model {
        final TreeSet<Long> times = new TreeSet<>();
        boolean complete = true;

        void add(long t) {
            times.add(t);
            if (times.size() > AttemptTimes.MAX) {
                complete = false;
                Long[] all = times.toArray(new Long[0]);
                for (int i = 1; i < all.length - 1; i += 2) times.remove(all[i]);
            }
        }
    }

    private static void assertSame(Model m, AttemptTimes a, SplittableRandom r) {
        assertEquals(new ArrayList<>(m.times), new ArrayList<>(a.view()));
        assertEquals(m.complete, a.complete());
        for (int k = 0; k < 200; k++) {
            long t = 995_000_000L + r.nextInt(60_000) - 1000;
            long w = r.nextInt(300);
            Long c = m.times.ceiling(t - w);
            assertEquals(c != null && c <= t + w, a.near(t, w), "near " + t + " within " + w);
            assertEquals(m.times.floor(t), a.lastAtOrBefore(t), "last at or before " + t);
        }
    }

    @Test
    void keepsWhatTheSetKeptInAndOutOfOrder() {
        SplittableRandom r = new SplittableRandom(18);
        for (int order = 0; order < 3; order++) {
            Model m = new Model();
            AttemptTimes a = new AttemptTimes();
            long t = 995_000_000L;
            for (int i = 0; i < 25_000; i++) {
                // In order with repeats (a log), shuffled (merged parts), or mostly in order with stragglers.
                long s = order == 0 ? (t += r.nextInt(3)) : order == 1 ? 995_000_000L + r.nextInt(50_000)
                        : (r.nextInt(20) == 0 ? t - r.nextInt(5_000) : (t += r.nextInt(4)));
                m.add(s);
                a.add(s);
            }
            assertSame(m, a, r);
        }
    }

    @Test
    void mergesAsAddingEachSecond() {
        SplittableRandom r = new SplittableRandom(19);
        for (int n : new int[] {0, 1, 500, 9_000, 12_000}) {
            Model m = new Model();
            AttemptTimes a = new AttemptTimes(), b = new AttemptTimes();
            List<Long> theirs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long s = 995_000_000L + r.nextInt(40_000);
                m.add(s);
                a.add(s);
                theirs.add(995_000_000L + r.nextInt(40_000));
            }
            Model other = new Model();
            for (long s : theirs) {
                other.add(s);
                b.add(s);
            }
            for (long s : other.times) m.add(s);
            m.complete &= other.complete;
            a.merge(b);
            assertSame(m, a, r);
        }
    }

    @Test
    void emptyAnswersNothing() {
        AttemptTimes a = new AttemptTimes();
        assertEquals(false, a.near(995_000_000L, 1_000_000));
        assertEquals(null, a.lastAtOrBefore(Long.MAX_VALUE));
        assertEquals(0, a.view().size());
        assertEquals(true, a.complete());
    }
}
