package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.wormsign.format.SourceAddress;

/** The source table against HashMap, including keys whose hashes collide and growth past many sizes. */
class SourceTableTest {
    /** Sources from a small space, so they repeat; "Aa" and "BB" have the same String hash, and so do their concatenations. */
    private static String source(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> "10." + r.nextInt(40) + "." + r.nextInt(256) + "." + r.nextInt(256);
            // Not canonical (a leading zero, a fifth part): kept as names, never taken for the address.
            case 3 -> r.nextBoolean() ? "010." + r.nextInt(40) + ".0." + r.nextInt(256) : "10." + r.nextInt(40) + ".0.0." + r.nextInt(9);
            case 1 -> (r.nextBoolean() ? "Aa" : "BB") + (r.nextBoolean() ? "Aa" : "BB") + (r.nextBoolean() ? "Aa" : "BB");
            // RFC 5952's text (no "::0"): the test keeps its counts by the texts the table gives back.
            default -> "2001:db8::" + Integer.toHexString(1 + r.nextInt(5000));
        };
    }

    @Test
    void behavesAsAHashMap() {
        SplittableRandom r = new SplittableRandom(3);
        SourceTable table = new SourceTable();
        Map<String, SourceSummary> model = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            String s = source(r);
            if (r.nextInt(4) == 0) {
                SourceSummary fresh = new SourceSummary(s);
                assertSame(model.put(s, fresh), table.put(s, fresh));
            } else {
                assertSame(model.computeIfAbsent(s, SourceSummary::new), table.computeIfAbsent(s, x -> model.get(x)));
            }
            if (i % 1000 == 0) {
                String probe = source(r);
                assertSame(model.get(probe), table.get(probe));
                assertEquals(model.containsKey(probe), table.containsKey(probe));
            }
        }
        assertEquals(model.size(), table.size());
        assertEquals(model.keySet(), table.keySet());
        assertEquals(model, table);
        Set<SourceSummary> values = new HashSet<>(table.values());
        assertEquals(model.size(), values.size());
        assertTrue(values.containsAll(model.values()));
        Map<String, SourceSummary> visited = new HashMap<>();
        table.forEach(visited::put);
        assertEquals(model, visited);
        assertFalse(table.containsKey(null));
    }

    @Test
    void anAddressIsOneSourceWhetherLookedUpAsTextOrAsAnInt() {
        SourceTable table = new SourceTable();
        SourceSummary byText = table.computeIfAbsent("66.104.205.72", SourceSummary::new);
        assertSame(byText, table.ofIpv4(SourceAddress.parse("66.104.205.72").ipv4()));
        SourceSummary byInt = table.ofIpv4(SourceAddress.parse("255.255.255.255").ipv4());
        assertSame(byInt, table.get("255.255.255.255"));
        assertEquals("255.255.255.255", byInt.source());
        SourceSummary zeroPadded = table.computeIfAbsent("066.104.205.72", SourceSummary::new);
        assertTrue(zeroPadded != byText, "066.104.205.72 is another source than 66.104.205.72");
        assertEquals("066.104.205.72", zeroPadded.source());
        assertEquals(Set.of("66.104.205.72", "255.255.255.255", "066.104.205.72"), table.keySet());
        assertThrows(IllegalArgumentException.class, () -> table.put("66.104.205.73", new SourceSummary("66.104.205.72")));
    }

    /** An IPv6 address is one source in every spelling, before and after the table falls back to a HashMap. */
    @Test
    void everySpellingOfAnIpv6AddressIsOneSource() {
        SourceTable table = new SourceTable();
        SourceSummary first = table.computeIfAbsent("2001:0DB8:0000:0000:0000:0000:0000:0007", SourceSummary::new);
        assertEquals("2001:db8::7", first.source());
        for (String s : new String[] {"2001:db8::7", "[2001:db8::7]", "[2001:db8:0::7]:443", "2001:DB8::0:7"}) {
            assertSame(first, table.computeIfAbsent(s, SourceSummary::new), s);
            assertSame(first, table.get(s), s);
        }
        SourceSummary zoned = table.computeIfAbsent("2001:db8::7%eth0", SourceSummary::new);
        assertTrue(zoned != first, "a zone is part of the address");
        SourceSummary mapped = table.computeIfAbsent("::ffff:66.104.205.72", SourceSummary::new);
        assertSame(mapped, table.ofIpv4(SourceAddress.parse("66.104.205.72").ipv4()));
        assertEquals(Set.of("2001:db8::7", "2001:db8::7%eth0", "66.104.205.72"), table.keySet());

        for (int i = 0; i < 2048; i++) table.computeIfAbsent(SourceTableModelTest.colliding(11, i), SourceSummary::new);
        assertTrue(table.fellBack());
        assertSame(first, table.get("2001:DB8:0:0::7"));
        assertSame(first, table.computeIfAbsent("[2001:db8::0007]", SourceSummary::new));
        assertSame(mapped, table.get("0:0:0:0:0:ffff:4268:cd48"));
    }

    @Test
    void absorbingMergesSharedSourcesAndTakesOverTheRest() {
        SplittableRandom r = new SplittableRandom(9);
        for (int round = 0; round < 20; round++) {
            SourceTable left = new SourceTable(), right = new SourceTable();
            Map<String, Long> attempts = new HashMap<>();
            for (int i = 0; i < 3000; i++) {
                String s = source(r);
                SourceTable side = r.nextBoolean() ? left : right;
                side.computeIfAbsent(s, SourceSummary::new).addAttempt(org.wormsign.detect.Verdict.CODE_RED, 997_000_000L + i, 400, "t");
                attempts.merge(s, 1L, Long::sum);
            }
            SourceSummary takenOver = right.values().iterator().next();
            boolean shared = left.containsKey(takenOver.source());
            left.absorb(right);
            assertEquals(attempts.keySet(), left.keySet());
            attempts.forEach((s, n) -> assertEquals(n, left.get(s).attempts(), s));
            if (!shared) assertSame(takenOver, left.get(takenOver.source()), "a source only the other side had is taken over, not copied");
        }
    }

    /** 2^bits distinct names of "Aa" and "BB" pairs, which all have one String hash. */
    private static String colliding(int bits, int n) {
        StringBuilder sb = new StringBuilder();
        for (int b = 0; b < bits; b++) sb.append((n >>> b & 1) == 0 ? "Aa" : "BB");
        return sb.toString();
    }

    /**
     * Host names an attacker chose to share one hash: linear probing would look at every earlier one for
     * each new one (65,536 names: two billion probes). The table hands over to a HashMap instead, and the
     * probes made stay a small multiple of the names; every name is still found, and a merge keeps them.
     */
    @Test
    void namesWithOneHashDoNotMakeLookupsQuadratic() {
        int bits = 16, n = 1 << bits;
        SourceTable table = new SourceTable();
        for (int i = 0; i < n; i++) table.computeIfAbsent(colliding(bits, i), SourceSummary::new);
        assertEquals(n, table.size());
        assertTrue(table.fellBack());
        assertTrue(table.probes() < 20L * n, "probes: " + table.probes());
        for (int i = 0; i < n; i += 97) assertEquals(colliding(bits, i), table.get(colliding(bits, i)).source());
        assertEquals(n, new HashSet<>(table.values()).size());
        assertEquals(n, table.keySet().size());

        SourceTable into = new SourceTable();
        into.put("10.0.0.1", new SourceSummary("10.0.0.1"));
        table.forEach((k, v) -> into.merge(k, v, (a, b) -> a));
        assertEquals(n + 1, into.size());
        assertTrue(into.containsKey(colliding(bits, n - 1)) && into.containsKey("10.0.0.1"));
    }

    /** Ordinary sources never hand over, and cost a few probes each. */
    @Test
    void ordinarySourcesStayInTheTable() {
        SplittableRandom r = new SplittableRandom(9);
        SourceTable table = new SourceTable();
        int n = 300_000;
        for (int i = 0; i < n; i++) {
            String s = r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
            table.computeIfAbsent(s, SourceSummary::new);
        }
        assertFalse(table.fellBack());
        assertTrue(table.probes() < 5L * n, "probes: " + table.probes());
    }

    @Test
    void refusesASummaryUnderAnotherSource() {
        SourceTable table = new SourceTable();
        assertThrows(IllegalArgumentException.class, () -> table.put("10.0.0.1", new SourceSummary("10.0.0.2")));
    }
}
