package org.wormsign.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one set of rules by which a client (or server) field is read as an address (issue 17, item 5). */
class SourceAddressTest {
    /** Parsed from a String and from the bytes of a line around it: the two must agree. */
    private static SourceAddress parse(String s) {
        SourceAddress fromString = SourceAddress.parse(s);
        byte[] b = ("x " + s + " y").getBytes(StandardCharsets.ISO_8859_1);
        if (s.chars().allMatch(c -> c < 0x100)) assertEquals(fromString, SourceAddress.parse(b, 2, 2 + s.length()), s);
        return fromString;
    }

    @ParameterizedTest(name = "\"{0}\" is {1} {2}")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        // IPv4: canonical dotted quads only; 255.255.255.255 is an address like any other.
        "66.104.205.72                  | IPV4 | 66.104.205.72",
        "0.0.0.0                        | IPV4 | 0.0.0.0",
        "255.255.255.255                | IPV4 | 255.255.255.255",
        // Non-canonical quads are kept as logged: octal to inet_aton, decimal to others, written by no socket.
        "066.104.205.72                 | NAME | 066.104.205.72",
        "10.1.2.03                      | NAME | 10.1.2.03",
        "1.2.3.256                      | NAME | 1.2.3.256",
        "1.2.3                          | NAME | 1.2.3",
        // IPv4-mapped IPv6 is the IPv4 address, in every spelling.
        "::ffff:66.104.205.72           | IPV4 | 66.104.205.72",
        "::FFFF:4268:CD48               | IPV4 | 66.104.205.72",
        "0:0:0:0:0:ffff:66.104.205.72   | IPV4 | 66.104.205.72",
        "[::ffff:66.104.205.72]         | IPV4 | 66.104.205.72",
        "[::ffff:66.104.205.72]:8080    | IPV4 | 66.104.205.72",
        "::ffff:255.255.255.255         | IPV4 | 255.255.255.255",
        // IPv6 in any spelling is one address, shown in RFC 5952's text.
        "2001:db8::7                    | IPV6 | 2001:db8::7",
        "2001:0DB8:0000:0000:0000:0000:0000:0007 | IPV6 | 2001:db8::7",
        "2001:db8:0:0:1:0:0:1           | IPV6 | 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1           | IPV6 | 2001:db8:0:1:1:1:1:1",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334 | IPV6 | 2001:db8:85a3::8a2e:370:7334",
        "::                             | IPV6 | ::",
        "::1                            | IPV6 | ::1",
        "1::                            | IPV6 | 1::",
        "::1.2.3.4                      | IPV6 | ::102:304",
        "64:ff9b::192.0.2.33            | IPV6 | 64:ff9b::c000:221",
        "[2001:db8::7]                  | IPV6 | 2001:db8::7",
        "[2001:db8::7]:443              | IPV6 | 2001:db8::7",
        // A zone is part of the address, kept as logged; a mapped address with a zone is no IPv4 source.
        "fe80::1%14                     | IPV6 | fe80::1%14",
        "FE80:0::1%eth0                 | IPV6 | fe80::1%eth0",
        "[fe80::1%eth0]:80              | IPV6 | fe80::1%eth0",
        "::ffff:1.2.3.4%eth0            | IPV6 | ::ffff:102:304%eth0",
        // Host names and garbage: names, as logged.
        "crawler.example.com            | NAME | crawler.example.com",
        "CRAWLER.example.com            | NAME | CRAWLER.example.com",
        "deadbeef                       | NAME | deadbeef",
        "fe80::1%                       | NAME | fe80::1%",
        "2001:db8::7::1                 | NAME | 2001:db8::7::1",
        "1:2:3:4:5:6:7:8:9              | NAME | 1:2:3:4:5:6:7:8:9",
        "12345::1                       | NAME | 12345::1",
        ":1::2                          | NAME | :1::2",
        "[2001:db8::7]:65536            | NAME | [2001:db8::7]:65536",
        "[2001:db8::7]x                 | NAME | [2001:db8::7]x",
        "[1.2.3.4]                      | NAME | [1.2.3.4]",
        "1.2.3.4:80                     | NAME | 1.2.3.4:80",
        "15:38:38                       | NAME | 15:38:38",
        "-                              | NAME | -",
        "''                             | NAME | ''",
    })
    void spellings(String logged, SourceAddress.Kind kind, String text) {
        SourceAddress a = parse(logged);
        assertEquals(kind, a.kind(), logged);
        assertEquals(text, a.text(), logged);
        assertEquals(a, parse(a.text()), "its text reads back as the address");
    }

    @Test
    void theHotPathReadsIpv4SourcesOnly() {
        String line = "66.104.205.72 ::ffff:66.104.205.72 255.255.255.255 2001:db8::7 crawler.example.com";
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        long[] want = {0x4268CD48L, 0x4268CD48L, 0xFFFFFFFFL, SourceAddress.NOT_IPV4, SourceAddress.NOT_IPV4};
        int from = 0;
        for (long w : want) {
            int to = line.indexOf(' ', from);
            if (to < 0) to = line.length();
            assertEquals(w, SourceAddress.ipv4(b, from, to), line.substring(from, to));
            from = to + 1;
        }
        assertEquals(SourceAddress.NOT_IPV4, SourceAddress.ipv4(b, -1, -1), "no client field");
        assertTrue(SourceAddress.NOT_IPV4 < 0 || SourceAddress.NOT_IPV4 > 0xFFFFFFFFL, "not an address is no address's value");
    }

    /** A field that is not an address is a name: no address value stands for it. */
    @Test
    void notAnAddressIsNoAddress() {
        SourceAddress junk = SourceAddress.parse("not an address");
        assertFalse(junk.isAddress());
        assertNotEquals(SourceAddress.ofIpv4(-1), junk);
        assertTrue(SourceAddress.parse("255.255.255.255").isAddress());
        assertEquals(SourceAddress.ofIpv4(-1), SourceAddress.parse("255.255.255.255"));
    }

    @Test
    void bytesAndNetworks() throws UnknownHostException {
        SourceAddress v4 = SourceAddress.parse("66.104.205.72");
        assertArrayEquals(InetAddress.getByName("66.104.205.72").getAddress(), v4.bytes());
        assertEquals("66.104.0.0", v4.network(16).text());
        assertEquals("66.104.205.0", v4.network(24).text());
        assertEquals("0.0.0.0", v4.network(0).text());
        SourceAddress v6 = SourceAddress.parse("2001:db8:85a3:1234:0:8a2e:370:7334%eth0");
        assertArrayEquals(InetAddress.getByName("2001:db8:85a3:1234:0:8a2e:370:7334").getAddress(), v6.bytes());
        assertEquals("2001:db8:85a3::", v6.network(48).text());
        assertEquals("2001:db8:85a3:1234::", v6.network(64).text());
        assertEquals("2001:db8:85a3:1234:0:8a2e:370:7300", v6.network(120).text());
        assertEquals("2001:db8:85a3:1234:0:8a2e:370:7334", v6.network(128).text());
        assertEquals("::", v6.network(0).text());
    }

    /** IPv4 in numeric order (not as text: 9.x before 10.x), then IPv6, then names. */
    @Test
    void order() {
        List<SourceAddress> sorted = new ArrayList<>(List.of(SourceAddress.parse("host.example"), SourceAddress.parse("::1"),
                SourceAddress.parse("10.0.0.1"), SourceAddress.parse("255.255.255.255"), SourceAddress.parse("9.0.0.1"),
                SourceAddress.parse("2001:db8::1"), SourceAddress.parse("::1%lo")));
        sorted.sort(null);
        assertEquals(List.of("9.0.0.1", "10.0.0.1", "255.255.255.255", "::1", "::1%lo", "2001:db8::1", "host.example"),
                sorted.stream().map(SourceAddress::text).toList());
    }

    /**
     * Random addresses in random spellings (seeded): every spelling parses to the address, whose text is RFC
     * 5952's (as the JDK checks: its reading of the text is the same 16 bytes), and text → address → text →
     * address is stable.
     */
    @Test
    void textToAddressToTextIsStable() throws UnknownHostException {
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 20_000; i++) {
            int[] g = new int[8];
            // Mostly zeros in runs, so that "::" has something to fold.
            for (int k = 0; k < 8; k++) g[k] = r.nextInt(3) == 0 ? 0 : r.nextInt(r.nextBoolean() ? 16 : 0x10000);
            String zone = r.nextInt(5) == 0 ? (r.nextBoolean() ? "eth" : "") + r.nextInt(20) : null;
            if (r.nextInt(7) == 0) {
                g = new int[] {0, 0, 0, 0, 0, 0xFFFF, r.nextInt(0x10000), r.nextInt(0x10000)};
            }
            String spelled = spell(g, r) + (zone == null ? "" : "%" + zone);
            if (r.nextInt(4) == 0) spelled = "[" + spelled + "]" + (r.nextBoolean() ? ":" + r.nextInt(65536) : "");
            SourceAddress a = parse(spelled);
            byte[] want = new byte[16];
            for (int k = 0; k < 8; k++) {
                want[2 * k] = (byte) (g[k] >>> 8);
                want[2 * k + 1] = (byte) g[k];
            }
            boolean mapped = zone == null && g[5] == 0xFFFF && g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0;
            assertEquals(mapped ? SourceAddress.Kind.IPV4 : SourceAddress.Kind.IPV6, a.kind(), spelled);
            if (mapped) {
                assertArrayEquals(java.util.Arrays.copyOfRange(want, 12, 16), a.bytes(), spelled);
            } else {
                assertArrayEquals(want, a.bytes(), spelled);
                assertEquals(zone, a.zone(), spelled);
                String bare = a.zone() == null ? a.text() : a.text().substring(0, a.text().indexOf('%'));
                assertTrue(bare.equals(bare.toLowerCase(Locale.ROOT)) && !bare.contains(":::"), bare);
                // The JDK makes an Inet4Address of a mapped address's text (which is mapped here only with a zone).
                if (!(g[5] == 0xFFFF && g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0)) {
                    assertArrayEquals(want, Inet6Address.getByName(bare).getAddress(), bare);
                }
            }
            String text = a.text();
            SourceAddress again = parse(text);
            assertEquals(a, again, spelled);
            assertEquals(text, again.text(), spelled);
            assertEquals(a.hashCode(), again.hashCode());
        }
    }

    /** Each group as hex (zero-padded or not, either case), a run of zero groups as "::" or not, maybe a dotted quad last. */
    private static String spell(int[] g, SplittableRandom r) {
        boolean dotted = r.nextInt(4) == 0;
        int count = dotted ? 6 : 8;
        // Which zero run to fold, if any: any run of zero groups may be folded, not only the longest.
        int from = -1, to = -1;
        if (r.nextBoolean()) {
            int start = r.nextInt(count);
            if (g[start] == 0) {
                from = start;
                to = start + 1;
                while (to < count && g[to] == 0 && r.nextInt(4) != 0) to++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < count; k++) {
            if (k == from) {
                sb.append("::");
                k = to - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            String hex = Integer.toHexString(g[k]);
            hex = "0".repeat(r.nextInt(5 - hex.length())) + hex;
            sb.append(r.nextBoolean() ? hex.toUpperCase(Locale.ROOT) : hex);
        }
        if (dotted) {
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(g[6] >>> 8).append('.').append(g[6] & 255).append('.').append(g[7] >>> 8).append('.').append(g[7] & 255);
        }
        return sb.toString();
    }

    /** hosts.csv's order is the text's: the comparison without Strings must agree with String.compareTo. */
    @Test
    void ipv4TextOrderAgreesWithTheStrings() {
        java.util.Random random = new java.util.Random(20261202);
        int[] edges = {0, 1, 9, 10, 11, 19, 99, 100, 101, 109, 199, 200, 249, 250, 255};
        for (int n = 0; n < 200_000; n++) {
            int a = random.nextInt(), b = random.nextInt();
            if (n % 4 == 0) {   // octets that share digits: 1 and 12, 25 and 255, equal ones
                a = a & 0xFFFF0000 | edges[random.nextInt(edges.length)] << 8 | edges[random.nextInt(edges.length)];
                b = a & 0xFFFF0000 | edges[random.nextInt(edges.length)] << 8 | edges[random.nextInt(edges.length)];
            }
            int expected = Integer.signum(SourceAddress.ipv4Text(a).compareTo(SourceAddress.ipv4Text(b)));
            assertEquals(expected, SourceAddress.compareIpv4Text(a, b), SourceAddress.ipv4Text(a) + " vs " + SourceAddress.ipv4Text(b));
            assertEquals(prefixOf(SourceAddress.ipv4Text(a)), SourceAddress.ipv4TextPrefix(a), SourceAddress.ipv4Text(a));
        }
    }

    /** The first 8 chars of {@code s} as bytes in a long, big-endian, zeros after: written here from the definition. */
    private static long prefixOf(String s) {
        byte[] b = java.util.Arrays.copyOf(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 8);
        return java.nio.ByteBuffer.wrap(b).getLong();
    }
}
