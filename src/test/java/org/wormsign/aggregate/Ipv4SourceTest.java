package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Only a canonical dotted quad becomes an int, and the int gives back exactly the text that was logged. */
class Ipv4SourceTest {
    private static long fromBytes(String s) {
        byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.ISO_8859_1);
        return Ipv4Source.parse(b, 2, 2 + s.length());
    }

    @Test
    void canonicalQuadsRoundTrip() {
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < 100_000; i++) {
            int address = r.nextInt();
            String text = (address >>> 24) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
            assertEquals(address & 0xFFFFFFFFL, Ipv4Source.parse(text), text);
            assertEquals(address & 0xFFFFFFFFL, fromBytes(text), text);
            assertEquals(text, Ipv4Source.text(address));
        }
        assertEquals(0L, Ipv4Source.parse("0.0.0.0"));
        assertEquals(0xFFFFFFFFL, Ipv4Source.parse("255.255.255.255"));
    }

    @Test
    void everythingElseStaysAName() {
        for (String s : new String[] {"066.104.205.72", "1.2.3.04", "1.2.3.256", "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3",
                "1.2.3.", "1.2.3.4 ", "+1.2.3.4", "1.2.3.-4", "0x1.2.3.4", "1.2.3.1000", "1234.1.1.1", "::1", "2001:db8::1",
                "crawler.example.com", "-", "", "1.2.3.4\u0130", "\u0661.2.3.4", "1.2.3.4a"}) {
            assertEquals(Ipv4Source.NONE, Ipv4Source.parse(s), s);
            if (s.chars().allMatch(c -> c < 0x80)) assertEquals(Ipv4Source.NONE, fromBytes(s), s);
        }
        assertEquals(Ipv4Source.NONE, Ipv4Source.parse(null));
        assertEquals(Ipv4Source.NONE, Ipv4Source.parse(new byte[0], -1, -1), "a record without a client");
    }
}
