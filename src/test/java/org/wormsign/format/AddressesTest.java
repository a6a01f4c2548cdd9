package org.wormsign.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** IPv4-mapped IPv6 addresses (issue 16, item 11): the IPv4 client of a dual-stack server, in any spelling. */
class AddressesTest {
    private static long mapped(String s) {
        byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.ISO_8859_1);
        long fromBytes = SourceAddress.ipv4(b, 2, 2 + s.length());
        SourceAddress parsed = SourceAddress.parse(s);
        assertEquals(fromBytes, parsed.isIpv4() ? parsed.low() : SourceAddress.NOT_IPV4, s);
        return fromBytes;
    }

    private static final long ONE_TWO_THREE_FOUR = 0x01020304L;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"::ffff:1.2.3.4", "::FFFF:1.2.3.4", "::fFfF:1.2.3.4", "0:0:0:0:0:ffff:1.2.3.4",
            "0000:0000:0000:0000:0000:ffff:1.2.3.4", "0::ffff:1.2.3.4", "0:0::ffff:1.2.3.4", "0:0:0:0::ffff:1.2.3.4",
            "::0:ffff:1.2.3.4", "::ffff:0102:0304", "::ffff:102:304", "0:0:0:0:0:FFFF:0102:0304", "[::ffff:1.2.3.4]"})
    void everySpellingOfTheMappedAddressIsTheIpv4Address(String s) {
        assertEquals(ONE_TWO_THREE_FOUR, mapped(s));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"::1", "::", "2001:db8::1", "::ffff", "::ffff:", "::ffff:1.2.3", "::ffff:1.2.3.4.5",
            "::ffff:01.2.3.4", "::ffff:1.2.3.256", "::1.2.3.4", "::fffe:1.2.3.4", "1::ffff:1.2.3.4", "::ffff:1.2.3.4%eth0",
            "fe80::ffff:1.2.3.4", "::ffff:1.2.3.4:0", ":::ffff:1.2.3.4", "::ffff::1.2.3.4", "::ffff:1.2.3.4:", ":ffff:1.2.3.4",
            "0:0:0:0:0:0:ffff:1.2.3.4", "0:0:0:0:ffff:1.2.3.4", "0:0:0:0:0:ffff:102", "::ffff:10203:4", "::ffff:1.2.3.4]",
            "[::ffff:1.2.3.4", "::ffff: 1.2.3.4", "::ffff:1.2.3.a", "::ffff:g.2.3.4", "crawler.example.com", "-", "",
            "0:0:0:0:0:ffff:0:0:0"})
    void nothingElseIs(String s) {
        assertEquals(SourceAddress.NOT_IPV4, mapped(s));
    }

    /**
     * Random spellings of random mapped addresses (zeros padded or not, either case, {@code ::} over any run of
     * the leading zero groups, the last 32 bits as a dotted quad or as hex), each checked against the JDK's own
     * reading: InetAddress turns a mapped literal into an Inet4Address (a literal is never looked up).
     */
    @Test
    void agreesWithTheJdkOnRandomSpellings() throws UnknownHostException {
        SplittableRandom r = new SplittableRandom(16);
        for (int i = 0; i < 5_000; i++) {
            int a = r.nextInt();
            int[] groups = {0, 0, 0, 0, 0, 0xFFFF, a >>> 16, a & 0xFFFF};
            boolean dotted = r.nextBoolean();
            int count = dotted ? 6 : 8;
            String[] parts = new String[count];
            for (int g = 0; g < count; g++) {
                String hex = Integer.toHexString(groups[g]);
                hex = "0".repeat(r.nextInt(5 - hex.length())) + hex;
                parts[g] = r.nextBoolean() ? hex.toUpperCase(java.util.Locale.ROOT) : hex;
            }
            // "::" for the zero groups [from, to), or none.
            int from = r.nextInt(6), to = from + r.nextInt(6 - from);
            StringBuilder sb = new StringBuilder();
            for (int g = 0; g < count; g++) {
                if (g == from && to > from) {
                    sb.append("::");
                    g = to - 1;
                    continue;
                }
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
                sb.append(parts[g]);
            }
            if (dotted) sb.append(':').append(a >>> 24).append('.').append(a >>> 16 & 255).append('.').append(a >>> 8 & 255).append('.').append(a & 255);
            String s = sb.toString();
            InetAddress jdk = InetAddress.getByName(s);
            assertEquals(Inet4Address.class, jdk.getClass(), s);
            assertEquals(a & 0xFFFFFFFFL, mapped(s), s);
        }
    }

    @Test
    void canonicalDottedQuadsOnly() {
        byte[] b = "x1.2.3.4 066.1.2.3".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(ONE_TWO_THREE_FOUR, SourceAddress.dottedQuad(b, 1, 8));
        assertEquals(SourceAddress.NOT_IPV4, SourceAddress.dottedQuad(b, 9, 18), "a leading zero would not come back as written");
    }
}
