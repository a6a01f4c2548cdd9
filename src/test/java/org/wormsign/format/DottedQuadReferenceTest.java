package org.wormsign.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wormsign.format.DottedQuadTest.quad;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class DottedQuadReferenceTest {
    private static final Pattern CANON = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    private static long reference(String s) {
        if (s == null || !CANON.matcher(s).matches()) return SourceAddress.NOT_IPV4;
        long v = 0;
        for (String p : s.split("\\.")) {
            int o = Integer.parseInt(p);
            if (o > 255) return SourceAddress.NOT_IPV4;
            v = v << 8 | o;
        }
        return v;
    }

    @Test
    void fuzzAgainstRegex() {
        SplittableRandom r = new SplittableRandom(1);
        String alphabet = "0123456789.......+-: a\u00e9\u0130\u0660";
        for (int i = 0; i < 2_000_000; i++) {
            int len = r.nextInt(18);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < len; k++) sb.append(alphabet.charAt(r.nextInt(r.nextInt(4) == 0 ? alphabet.length() : 11)));
            String s = sb.toString();
            long want = reference(s);
            assertEquals(want, quad(s), s);
            byte[] b = ("x" + s + "9").getBytes(StandardCharsets.ISO_8859_1);
            if (s.chars().allMatch(c -> c < 0x100)) assertEquals(want, quad(b, 1, 1 + s.length()), s);
            if (want != SourceAddress.NOT_IPV4) assertEquals(s, SourceAddress.ipv4Text((int) want));
        }
    }

    @Test
    void everyOctetValueRoundTrips() {
        for (int a = 0; a < 256; a++) for (int b : new int[] {0, 1, 9, 10, 99, 100, 199, 200, 255}) {
            String s = a + "." + b + "." + (255 - a) + "." + b;
            long v = quad(s);
            assertEquals(reference(s), v, s);
            assertEquals(s, SourceAddress.ipv4Text((int) v));
        }
    }

    @Test
    void highBytesAreNotDigits() {
        // bytes 0x80..0xFF are negative as Java bytes; none may pass for a digit or a dot
        for (int hi = 0x80; hi <= 0xFF; hi++) {
            byte[] b = "1.2.3.45".getBytes(StandardCharsets.ISO_8859_1);
            b[7] = (byte) hi;
            assertEquals(SourceAddress.NOT_IPV4, quad(b, 0, b.length), Integer.toHexString(hi));
        }
    }
}
