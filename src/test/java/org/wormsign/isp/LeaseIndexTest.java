package org.wormsign.isp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain lease CSV, and the index's rules: half-open intervals, renewals joined, overlaps resolved. */
class LeaseIndexTest {
    @TempDir Path dir;

    @Test void anAddressThatChangesHandsMidDaySplitsAtTheSecond() throws Exception {
        CustomerData d = Load.load(Load.write(dir, "leases.csv", """
                address,start_utc,end_utc,customer
                203.0.113.9,2001-07-19T00:00:00Z,2001-07-19T13:00:00Z,cust-a
                203.0.113.9,2001-07-19T13:00:00Z,2001-07-20T00:00:00Z,cust-b
                2001:db8::9,2001-07-19T00:00:00Z,2001-07-19T06:00:00Z,cust-c
                2001:db8::9,995524200,995527800,cust-c
                """));
        assertEquals("plain", d.files().get(0).format());
        assertEquals("cust-a", Load.leaseAt(d, "203.0.113.9", "2001-07-19T12:59:59Z"));
        // Exactly at the end second: whoever starts then.
        assertEquals("cust-b", Load.leaseAt(d, "203.0.113.9", "2001-07-19T13:00:00Z"));
        assertNull(Load.leaseAt(d, "203.0.113.9", "2001-07-20T00:00:00Z"));
        assertEquals("cust-c", Load.leaseAt(d, "2001:db8:0:0::9", "2001-07-19T05:59:59Z"));
        // Or to nobody.
        assertNull(Load.leaseAt(d, "2001:db8::9", "2001-07-19T06:00:00Z"));
        assertEquals("cust-c", Load.leaseAt(d, "2001:db8::9", "2001-07-19T06:30:00Z"));
        assertEquals(0, d.problems().overlaps());
    }

    @Test void overlappingHoldingsOfTwoClientsGoToTheLaterStartWithAWarning() throws Exception {
        CustomerData d = Load.load(Load.write(dir, "leases.csv", """
                address,start_utc,end_utc,customer
                203.0.113.10,2001-07-19T00:00:00Z,2001-07-19T12:00:00Z,old
                203.0.113.10,2001-07-19T06:00:00Z,2001-07-19T08:00:00Z,new
                203.0.113.10,2001-07-19T09:00:00Z,2001-07-19T10:00:00Z,old
                """));
        assertEquals("old", Load.leaseAt(d, "203.0.113.10", "2001-07-19T05:59:59Z"));
        assertEquals("new", Load.leaseAt(d, "203.0.113.10", "2001-07-19T06:00:00Z"));
        assertEquals("new", Load.leaseAt(d, "203.0.113.10", "2001-07-19T07:59:59Z"));
        // When the later one ends, the earlier one (still in force) is again.
        assertEquals("old", Load.leaseAt(d, "203.0.113.10", "2001-07-19T08:00:00Z"));
        assertEquals("old", Load.leaseAt(d, "203.0.113.10", "2001-07-19T11:59:59Z"));
        assertNull(Load.leaseAt(d, "203.0.113.10", "2001-07-19T12:00:00Z"));
        assertEquals(1, d.problems().overlaps());
        assertEquals(1, d.problems().overlapSamples().size());
    }

    /** Random holdings of one address against the definition: the one started last among those in force. */
    @Test void resolutionAgreesWithTheLatestStartInForce() {
        Random random = new Random(1907);
        for (int round = 0; round < 300; round++) {
            Customers names = new Customers();
            LeaseIndex.Builder b = new LeaseIndex.Builder();
            int n = 1 + random.nextInt(6);
            long[][] h = new long[n][];
            for (int i = 0; i < n; i++) {
                long s = random.nextInt(100), e = s + 1 + random.nextInt(40);
                // Distinct starts, distinct customers: the definition is then one answer.
                s = s * 8 + i;
                e = e * 8;
                h[i] = new long[] {s, e, names.id("c" + i)};
                b.hold(0, Ip.v4Low(1), s, e, (int) h[i][2]);
            }
            LeaseIndex index = b.build(names, new ReadProblems());
            for (long t = 0; t < 8 * 150; t++) {
                int expected = -1;
                long latest = -1;
                for (long[] x : h) {
                    if (x[0] <= t && t < x[1] && x[0] > latest) {
                        latest = x[0];
                        expected = (int) x[2];
                    }
                }
                assertEquals(expected, index.customerAt(0, Ip.v4Low(1), t), "round " + round + " t " + t);
            }
        }
    }
}
