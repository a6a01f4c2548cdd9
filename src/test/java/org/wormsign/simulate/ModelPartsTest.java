package org.wormsign.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The pieces of the model, each against the fact it stands for. */
class ModelPartsTest {
    @Test
    void v1sListHasEveryAddressOnceAndKnowsWhereEachIs() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            long k = r.nextLong(1L << 32);
            assertEquals(k, StaticSeedSequence.indexOf(StaticSeedSequence.address(k)));
            int a = r.nextInt();
            assertEquals(a, StaticSeedSequence.address(StaticSeedSequence.indexOf(a)));
        }
        Set<Integer> first = new HashSet<>();
        for (long k = 0; k < 100_000; k++) first.add(StaticSeedSequence.address(k));
        assertEquals(100_000, first.size(), "no address twice");
    }

    @Test
    void codeRedIProbesOnDays1To19OfTheHostsClock() {
        long[] w = new long[16];
        // Infected at 10:00 UTC on 19 July, running until 5 August: 14 hours in July, then 1-5 August.
        int n = WormClock.codeRedI(Utc.of(2001, 7, 19, 10, 0), Utc.of(2001, 8, 5), 0, w);
        assertEquals(2, n);
        assertArrayEquals(new long[] {Utc.of(2001, 7, 19, 10, 0), Utc.of(2001, 7, 20), Utc.of(2001, 8, 1), Utc.of(2001, 8, 5)},
                java.util.Arrays.copyOf(w, 4));
        // A clock two days slow still reads the 19th until 00:00 UTC on 22 July: it probes on the 20th and 21st.
        n = WormClock.codeRedI(Utc.of(2001, 7, 19, 10, 0), Utc.of(2001, 7, 25), -2 * Utc.DAY, w);
        assertEquals(1, n);
        assertEquals(Utc.of(2001, 7, 22), w[1]);
        // A clock three hours fast starts August at 21:00 UTC on 31 July.
        n = WormClock.codeRedI(Utc.of(2001, 7, 25), Utc.of(2001, 8, 2), 3 * Utc.HOUR, w);
        assertEquals(1, n);
        assertEquals(Utc.of(2001, 7, 31, 21, 0), w[0]);
    }

    @Test
    void codeRedIIStopsWhenTheHostsClockReachesOctober() {
        long[] w = new long[2];
        assertEquals(1, WormClock.codeRedII(Utc.of(2001, 9, 30, 12, 0), Utc.of(2001, 10, 1, 12, 0), 0, w));
        assertEquals(Utc.of(2001, 10, 1), w[1]);
        assertEquals(1, WormClock.codeRedII(Utc.of(2001, 9, 30, 12, 0), Utc.of(2001, 10, 1, 12, 0), -Utc.DAY, w));
        assertEquals(Utc.of(2001, 10, 1, 12, 0), w[1], "a slow clock runs on into October");
        assertTrue(WormClock.codeRedIIStopped(Utc.of(2001, 10, 1), 0));
        assertTrue(WormClock.codeRedIIStopped(Utc.of(2001, 9, 30, 23, 0), 2 * Utc.HOUR));
    }

    @Test
    void iisLogsNimdaDecodedOnceApacheAsSent() {
        Request traversal = WormRequests.NIMDA[4];
        assertEquals("GET /scripts/..%255c../winnt/system32/cmd.exe?/c+dir HTTP/1.0", new String(traversal.line, StandardCharsets.ISO_8859_1));
        assertEquals("/scripts/..%5c../winnt/system32/cmd.exe", new String(traversal.iisStem, StandardCharsets.ISO_8859_1));
        assertArrayEquals(new byte[] {'.', '.', (byte) 0xc0, (byte) 0xaf, '.', '.'},
                java.util.Arrays.copyOfRange(WormRequests.NIMDA[10].iisStem, 9, 15), "%c0%af becomes the raw bytes");
        assertEquals("/scripts/..%5c../winnt/system32/cmd.exe", new String(WormRequests.NIMDA[13].iisStem, StandardCharsets.ISO_8859_1),
                "%%35c decodes once to %5c");
        // Apache 1.3's 404 page quotes the decoded path: the sizes of the real 2004 log.
        assertEquals(310, ServerKind.APACHE_1_3.errorBytes(404, traversal, false));
        assertEquals(309, ServerKind.APACHE_1_3.errorBytes(404, WormRequests.NIMDA[8], false));
        assertEquals(400, ServerKind.APACHE_1_3.nimdaStatus(WormRequests.NIMDA[12]));
    }

    @Test
    void theWormRequestIsTheOneDomainMdGives() {
        String line = new String(WormRequests.CODE_RED.line, StandardCharsets.ISO_8859_1);
        String tail = "%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801%u9090%u9090%u8190%u00c3%u0003%u8b00%u531b%u53ff%u0078%u0000%u00=a";
        assertEquals(138, tail.length());
        assertEquals("GET /default.ida?" + "N".repeat(224) + tail + "  HTTP/1.0", line);
        assertEquals("X".repeat(224) + tail, new String(WormRequests.CODE_RED_II.iisQuery, StandardCharsets.ISO_8859_1));
        assertEquals(362, WormRequests.CODE_RED.iisQuery.length);
    }

    @Test
    void aDynamicHostChangesAddressWithinItsNetwork() {
        EpidemicParameters p = EpidemicParameters.calibrated();
        Networks nets = Networks.generate(new SplittableRandom(1), 12_000);
        Population pop = Population.generate(p, 2_000, nets, Set.of(), new SplittableRandom(2));
        int dynamic = -1;
        for (int h = 0; h < pop.size && dynamic < 0; h++) if (pop.dynamic(h)) dynamic = h;
        assertTrue(dynamic >= 0);
        Set<Integer> seen = new HashSet<>();
        for (long t = Utc.MODEL_START; t < Utc.of(2001, 10, 1); t += Utc.DAY) {
            int a = pop.addressAt(dynamic, t);
            assertEquals(pop.address[dynamic] >>> 16, a >>> 16, "same /16");
            assertEquals(a, pop.addressAt(dynamic, t), "the same answer every time");
            seen.add(a);
        }
        assertTrue(seen.size() > 5, "a new lease every few days: " + seen.size());
        for (int h = 0; h < pop.size; h++) {
            if (!pop.dynamic(h)) assertEquals(pop.address[h], pop.addressAt(h, Utc.of(2001, 9, 1)));
        }
    }

    @Test
    void poissonDrawsHaveTheirMean() {
        SplittableRandom r = new SplittableRandom(9);
        for (double mean : new double[] {0.00005, 0.3, 12, 2_250}) {
            double sum = 0;
            int n = 20_000;
            for (int i = 0; i < n; i++) sum += Draws.poisson(r, mean);
            assertEquals(mean, sum / n, 4 * Math.sqrt(mean / n) + 1e-9, "mean " + mean);
        }
        assertNotEquals(Draws.mix(1, 2, 3), Draws.mix(1, 3, 2));
    }
}
