package org.wormsign.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Only a canonical dotted quad becomes an int, and the int gives back exactly the text that was logged. */
class DottedQuadTest {
    /** The canonical dotted quad {@code s} is, or NOT_IPV4; {@link SourceAddress#parse} must read it as that address. */
    static long quad(String s) {
        if (s == null) return SourceAddress.NOT_IPV4;
        long q = s.chars().allMatch(c -> c < 0x100) ? SourceAddress.dottedQuad(s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length())
                : SourceAddress.NOT_IPV4;
        SourceAddress a = SourceAddress.parse(s);
        if (q != SourceAddress.NOT_IPV4) assertEquals(SourceAddress.ofIpv4((int) q), a, s);
        else if (s.indexOf(':') < 0) assertFalse(a.isIpv4(), s);
        return q;
    }

    static long quad(byte[] b, int from, int to) {
        return SourceAddress.dottedQuad(b, from, to);
    }

    private static long fromBytes(String s) {
        byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.ISO_8859_1);
        return quad(b, 2, 2 + s.length());
    }

    @Test
    void canonicalQuadsRoundTrip() {
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < 100_000; i++) {
            int address = r.nextInt();
            String text = (address >>> 24) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
            assertEquals(address & 0xFFFFFFFFL, quad(text), text);
            assertEquals(address & 0xFFFFFFFFL, fromBytes(text), text);
            assertEquals(text, SourceAddress.ipv4Text(address));
        }
        assertEquals(0L, quad("0.0.0.0"));
        assertEquals(0xFFFFFFFFL, quad("255.255.255.255"));
    }

    @Test
    void everythingElseStaysAName() {
        for (String s : new String[] {"066.104.205.72", "1.2.3.04", "1.2.3.256", "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3",
                "1.2.3.", "1.2.3.4 ", "+1.2.3.4", "1.2.3.-4", "0x1.2.3.4", "1.2.3.1000", "1234.1.1.1", "::1", "2001:db8::1",
                "crawler.example.com", "-", "", "1.2.3.4\u0130", "\u0661.2.3.4", "1.2.3.4a"}) {
            assertEquals(SourceAddress.NOT_IPV4, quad(s), s);
            if (s.chars().allMatch(c -> c < 0x80)) assertEquals(SourceAddress.NOT_IPV4, fromBytes(s), s);
        }
        assertEquals(SourceAddress.NOT_IPV4, quad(null));
        assertEquals(SourceAddress.NOT_IPV4, SourceAddress.ipv4(new byte[0], -1, -1), "a record without a client");
    }

    /** A client field: a dotted quad as parse reads it, and an IPv4-mapped IPv6 address as its IPv4 source. */
    @Test
    void aMappedClientIsItsIpv4Source() {
        long address = quad("66.104.205.72");
        for (String s : new String[] {"66.104.205.72", "::ffff:66.104.205.72", "::FFFF:66.104.205.72", "0:0:0:0:0:ffff:66.104.205.72",
                "::ffff:4268:cd48"}) {
            byte[] b = ("[" + s + "]x").getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(address, SourceAddress.ipv4(b, 1, 1 + s.length()), s);
        }
        assertEquals("66.104.205.72", SourceAddress.ipv4Text((int) address));
        for (String s : new String[] {"066.104.205.72", "::1", "2001:db8::1", "::66.104.205.72", "fe80::1%14", "crawler.example.com"}) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(SourceAddress.NOT_IPV4, SourceAddress.ipv4(b, 0, b.length), s);
        }
        assertEquals(SourceAddress.NOT_IPV4, SourceAddress.ipv4(new byte[0], -1, -1), "a record without a client");
    }
}
