package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.wormsign.detect.Verdict;
import org.wormsign.format.SourceAddress;

class SourceTableModelTest {
    static String colliding(int bits, int n) {
        StringBuilder sb = new StringBuilder();
        for (int b = 0; b < bits; b++) sb.append((n >>> b & 1) == 0 ? "Aa" : "BB");
        return sb.toString();
    }

    static String source(SplittableRandom r, boolean hostile) {
        int k = r.nextInt(hostile ? 7 : 6);
        return switch (k) {
            case 0, 1 -> r.nextInt(3) + "." + r.nextInt(3) + "." + r.nextInt(40) + "." + r.nextInt(256);
            case 2 -> "0" + r.nextInt(3) + ".1.2." + r.nextInt(50);
            case 3 -> "255.255.255.25" + r.nextInt(10);
            // RFC 5952's text (no "::0"), as the table keys it: the model is a HashMap of the texts.
            case 4 -> "2001:db8::" + Integer.toHexString(1 + r.nextInt(300));
            case 5 -> "host" + r.nextInt(300) + ".example";
            default -> colliding(11, r.nextInt(2048));
        };
    }

    private static long ipv4(String s) {
        SourceAddress a = SourceAddress.parse(s);
        return a.isIpv4() ? a.low() : SourceAddress.NOT_IPV4;
    }

    private static void check(Map<String, SourceSummary> model, SourceTable t, SplittableRandom r) {
        assertEquals(model.size(), t.size());
        assertEquals(model, t);
        assertEquals(t, model);
        assertEquals(model.hashCode(), t.hashCode());
        assertEquals(model.keySet(), t.keySet());
        assertEquals(t.keySet(), model.keySet());
        assertEquals(model.entrySet(), t.entrySet());
        assertEquals(new HashSet<>(model.values()), new HashSet<>(t.values()));
        assertEquals(model.size(), t.values().size());
        Map<String, SourceSummary> seen = new HashMap<>();
        t.forEach(seen::put);
        assertEquals(model, seen);
        for (int i = 0; i < 50; i++) {
            String p = source(r, true);
            assertSame(model.get(p), t.get(p), p);
            assertEquals(model.containsKey(p), t.containsKey(p), p);
            assertEquals(model.containsKey(p), t.keySet().contains(p), p);
        }
        for (SourceSummary s : t.values()) assertSame(s, t.get(s.source()));
    }

    @Test
    void modelWithFallback() {
        for (int seed = 0; seed < 30; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            boolean hostile = seed % 3 != 0;
            SourceTable t = new SourceTable();
            Map<String, SourceSummary> model = new HashMap<>();
            for (int i = 0; i < 6000; i++) {
                String s = source(r, hostile);
                switch (r.nextInt(5)) {
                    case 0 -> { SourceSummary f = new SourceSummary(s); assertSame(model.put(s, f), t.put(s, f)); }
                    case 1 -> {
                        long a = ipv4(s);
                        if (a != SourceAddress.NOT_IPV4) {
                            SourceSummary had = model.get(s), got = t.ofIpv4((int) a);
                            if (had != null) assertSame(had, got); else model.put(s, got);
                            assertEquals(s, got.source());
                        }
                        else assertSame(model.computeIfAbsent(s, SourceSummary::new), t.computeIfAbsent(s, x -> model.get(x)));
                    }
                    case 2 -> {
                        SourceSummary f = new SourceSummary(s);
                        SourceSummary want = model.merge(s, f, (a, b) -> a);
                        assertSame(want, t.merge(s, f, (a, b) -> a));
                    }
                    case 3 -> { SourceSummary f = new SourceSummary(s); assertSame(model.putIfAbsent(s, f), t.putIfAbsent(s, f)); if (!model.containsKey(s)) throw new AssertionError(); }
                    default -> assertSame(model.computeIfAbsent(s, SourceSummary::new), t.computeIfAbsent(s, x -> model.get(x)));
                }
                if (i % 500 == 0) check(model, t, r);
            }
            check(model, t, r);
            if (hostile) assertTrue(t.fellBack(), "seed " + seed);
        }
    }

    /** absorb against a HashMap model; either side (or both) fallen back before, or falling back during. */
    @Test
    void absorbWithFallback() {
        for (int seed = 0; seed < 60; seed++) {
            SplittableRandom r = new SplittableRandom(1000 + seed);
            boolean leftHostile = seed % 2 == 0, rightHostile = seed / 2 % 2 == 0;
            SourceTable left = new SourceTable(), right = new SourceTable();
            Map<String, Long> attempts = new HashMap<>();
            Map<String, SourceSummary> rightOnly = new HashMap<>();
            int nl = 200 + r.nextInt(4000), nr = 200 + r.nextInt(4000);
            for (int i = 0; i < nl + nr; i++) {
                boolean toLeft = i < nl;
                String s = source(r, toLeft ? leftHostile : rightHostile);
                SourceTable side = toLeft ? left : right;
                SourceSummary sum;
                long a = ipv4(s);
                sum = a != SourceAddress.NOT_IPV4 && r.nextBoolean() ? side.ofIpv4((int) a) : side.computeIfAbsent(s, SourceSummary::new);
                sum.addAttempt(Verdict.CODE_RED, 997_000_000L + i, 404, "t" + (i % 3));
                attempts.merge(s, 1L, Long::sum);
            }
            boolean lf = left.fellBack(), rf = right.fellBack();
            for (SourceSummary s : right.values()) if (!left.containsKey(s.source())) rightOnly.put(s.source(), s);
            left.absorb(right);
            assertEquals(attempts.keySet(), left.keySet(), "seed " + seed + " " + lf + rf);
            assertEquals(attempts.size(), left.size());
            for (var e : attempts.entrySet()) assertEquals(e.getValue(), left.get(e.getKey()).attempts(), e.getKey());
            for (var e : rightOnly.entrySet()) assertSame(e.getValue(), left.get(e.getKey()));
            for (SourceSummary s : left.values()) assertSame(s, left.get(s.source()));
            long total = 0;
            for (SourceSummary s : left.values()) total += s.attempts();
            assertEquals(nl + nr, total);
        }
    }

    /** absorb into an empty table, with the hostile names arriving only from the other side: the fallback happens mid-absorb. */
    @Test
    void fallbackMidAbsorb() {
        SourceTable left = new SourceTable();
        List<SourceTable> parts = new ArrayList<>();
        Map<String, Long> attempts = new HashMap<>();
        for (int p = 0; p < 4; p++) {
            SourceTable t = new SourceTable();
            for (int i = 0; i < 700; i++) {
                String s = (i % 2 == 0) ? colliding(12, p * 700 + i) : (p + "." + (i % 250) + ".0.1");
                t.computeIfAbsent(s, SourceSummary::new).addAttempt(Verdict.CODE_RED_II, 997_000_000L, 200, "x");
                attempts.merge(s, 1L, Long::sum);
            }
            parts.add(t);
        }
        for (SourceTable t : parts) assertFalse(t.fellBack());
        for (SourceTable t : parts) left.absorb(t);
        assertTrue(left.fellBack());
        assertEquals(attempts.keySet(), left.keySet());
        for (var e : attempts.entrySet()) assertEquals(e.getValue(), left.get(e.getKey()).attempts(), e.getKey());
    }
}
