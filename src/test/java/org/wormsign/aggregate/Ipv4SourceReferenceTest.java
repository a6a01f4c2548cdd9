package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class Ipv4SourceReferenceTest {
    private static final Pattern CANON = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    private static long reference(String s) {
        if (s == null || !CANON.matcher(s).matches()) return Ipv4Source.NONE;
        long v = 0;
        for (String p : s.split("\\.")) {
            int o = Integer.parseInt(p);
            if (o > 255) return Ipv4Source.NONE;
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
            assertEquals(want, Ipv4Source.parse(s), s);
            byte[] b = ("x" + s + "9").getBytes(StandardCharsets.ISO_8859_1);
            if (s.chars().allMatch(c -> c < 0x100)) assertEquals(want, Ipv4Source.parse(b, 1, 1 + s.length()), s);
            if (want != Ipv4Source.NONE) assertEquals(s, Ipv4Source.text((int) want));
        }
    }

    @Test
    void everyOctetValueRoundTrips() {
        for (int a = 0; a < 256; a++) for (int b : new int[] {0, 1, 9, 10, 99, 100, 199, 200, 255}) {
            String s = a + "." + b + "." + (255 - a) + "." + b;
            long v = Ipv4Source.parse(s);
            assertEquals(reference(s), v, s);
            assertEquals(s, Ipv4Source.text((int) v));
        }
    }

    @Test
    void highBytesAreNotDigits() {
        // bytes 0x80..0xFF are negative as Java bytes; none may pass for a digit or a dot
        for (int hi = 0x80; hi <= 0xFF; hi++) {
            byte[] b = "1.2.3.45".getBytes(StandardCharsets.ISO_8859_1);
            b[7] = (byte) hi;
            assertEquals(Ipv4Source.NONE, Ipv4Source.parse(b, 0, b.length), Integer.toHexString(hi));
        }
    }
}
