package org.wormsign.isp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticPrefixesTest {
    @TempDir Path dir;

    @Test void theLongestPrefixWinsARangeCountsByItsSizeAndIpv6IsReadToo() throws Exception {
        CustomerData d = Load.load(Load.write(dir, "customers.csv", """
                prefix,customer,name,contact
                # the ISP's own aggregate, then its business customers
                192.0.2.0/24,isp-pool,Dial-up pool,noc@isp.example
                192.0.2.64/26,acme,"Acme, Inc.",abuse@acme.example
                192.0.2.80-192.0.2.89,widgets,Widgets Ltd,it@widgets.example
                192.0.2.100,one-host,,
                2001:db8::/32,isp-v6,,
                2001:db8:1234::/48,acme,,
                """));
        assertEquals("static", d.files().get(0).format());
        assertEquals("isp-pool", Load.prefixOf(d, "192.0.2.1"));
        assertEquals("acme", Load.prefixOf(d, "192.0.2.64"));
        assertEquals("acme", Load.prefixOf(d, "192.0.2.79"));
        // The 10-address range is smaller than the /26 (64) around it.
        assertEquals("widgets", Load.prefixOf(d, "192.0.2.80"));
        assertEquals("widgets", Load.prefixOf(d, "192.0.2.89"));
        assertEquals("acme", Load.prefixOf(d, "192.0.2.90"));
        assertEquals("one-host", Load.prefixOf(d, "192.0.2.100"));
        assertEquals("acme", Load.prefixOf(d, "192.0.2.101"));
        assertEquals("isp-pool", Load.prefixOf(d, "192.0.2.128"));
        assertEquals("isp-pool", Load.prefixOf(d, "192.0.2.255"));
        assertNull(Load.prefixOf(d, "192.0.3.0"));
        assertNull(Load.prefixOf(d, "192.0.1.255"));
        assertEquals("acme", Load.prefixOf(d, "2001:db8:1234:ffff::1"));
        assertEquals("isp-v6", Load.prefixOf(d, "2001:db8:1235::1"));
        assertNull(Load.prefixOf(d, "2001:db9::1"));
        // An IPv4 address is not in an IPv6 prefix that would hold its mapped form by accident.
        assertNull(Load.prefixOf(d, "10.0.0.1"));
        int acme = d.customers().id("acme");
        assertEquals("Acme, Inc.", d.customers().displayName(acme));
        assertEquals("abuse@acme.example", d.customers().contact(acme));
    }

    @Test void malformedRowsAreCountedRejects() throws Exception {
        CustomerData d = Load.load(Load.write(dir, "customers.csv", """
                192.0.2.0/24,pool
                192.0.2.1/24,typo
                192.0.2.0/33,too-long
                192.0.2.9-192.0.2.1,backwards
                192.0.2.0/24
                198.51.100.0/24,
                2001:db8::/129,too-long-v6
                """));
        assertEquals(List.of("bad-prefix", "bad-prefix", "bad-prefix", "too-few-columns", "no-customer", "bad-prefix"), Load.reasons(d));
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L), d.problems().samples().stream().map(ReadProblems.Reject::line).toList());
        assertEquals("pool", Load.prefixOf(d, "192.0.2.9"));
    }

    /** The flattened table against the definition, over random nested and crossing blocks (seeded). */
    @Test void flatteningAgreesWithTheSmallestCoveringBlock() {
        Random random = new Random(20010719);
        for (int round = 0; round < 200; round++) {
            PrefixTable.Builder b = new PrefixTable.Builder();
            int n = 1 + random.nextInt(12);
            long[][] blocks = new long[n][];
            for (int i = 0; i < n; i++) {
                long first = random.nextInt(256), last = Math.min(255, first + random.nextInt(80));
                blocks[i] = new long[] {first, last};
                b.add(0, Ip.v4Low((int) first), 0, Ip.v4Low((int) last), i);
            }
            PrefixTable t = b.build();
            for (int a = 0; a < 256; a++) {
                int expected = smallestCovering(blocks, a);
                assertEquals(expected, t.customerOf(0, Ip.v4Low(a)), "round " + round + ", address " + a);
            }
        }
    }

    /** The same against the definition for IPv6 blocks, which take the general (128-bit) sweep. */
    @Test void theGeneralSweepAgreesToo() {
        Random random = new Random(20010804);
        long high = 0x20010db800000000L;
        for (int round = 0; round < 200; round++) {
            PrefixTable.Builder b = new PrefixTable.Builder();
            int n = 1 + random.nextInt(12);
            long[][] blocks = new long[n][];
            for (int i = 0; i < n; i++) {
                // Some blocks cross from one high half into the next: the carry of the 128-bit arithmetic.
                long first = random.nextInt(256), last = Math.min(255, first + random.nextInt(80));
                blocks[i] = new long[] {first, last};
                b.add(high + (first >> 7), (first & 127) << 57, high + (last >> 7), (last & 127) << 57 | (1L << 57) - 1, i);
            }
            PrefixTable t = b.build();
            for (int a = 0; a < 256; a++) {
                int expected = smallestCovering(blocks, a);
                long h = high + (a >> 7), l = (long) (a & 127) << 57;
                assertEquals(expected, t.customerOf(h, l), "round " + round + ", unit " + a);
                assertEquals(expected, t.customerOf(h, l | (1L << 57) - 1), "round " + round + ", end of unit " + a);
            }
        }
    }

    /** The definition: the smallest block holding {@code a}, the one given later of two of one size; -1 if none. */
    private static int smallestCovering(long[][] blocks, int a) {
        int found = -1;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < blocks.length; i++) {
            long size = blocks[i][1] - blocks[i][0];
            if (blocks[i][0] <= a && a <= blocks[i][1] && size <= best) {
                best = size;
                found = i;
            }
        }
        return found;
    }
}
