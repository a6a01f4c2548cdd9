package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The hosts table's sort key agrees with String order, for addresses and for any text a log can hold. */
class HostOrderTest {
    private static final String CHARS = "0123456789.:abcdefABCDEF-\u0000\u00fe\u00ff\u0100\u4e2d\uffff";

    private static String random(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(14);
        for (int i = 0; i < n; i++) sb.append(CHARS.charAt(r.nextInt(r.nextBoolean() ? 11 : CHARS.length())));
        return sb.toString();
    }

    @Test
    void prefixOrderNeverContradictsStringOrder() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            String a = random(r), b = r.nextInt(4) == 0 ? a.substring(0, r.nextInt(a.length() + 1)) + random(r) : random(r);
            int byPrefix = Long.compareUnsigned(ReportModel.HostRow.prefix(a), ReportModel.HostRow.prefix(b));
            int byString = Integer.signum(a.compareTo(b));
            if (byPrefix != 0) assertEquals(byString, Integer.signum(byPrefix), () -> a + " vs " + b);
            if (a.equals(b)) assertEquals(0, byPrefix);
        }
    }
}
