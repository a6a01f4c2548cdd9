package org.wormsign.format;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a client (or server) field names: an IPv4 address, an IPv6 address, or a host name (Apache's
 * {@code HostnameLookups On}, common in 2001). The one set of rules by which every stage reads an address:
 *
 * <ul>
 *   <li>IPv4: a canonical dotted quad only ({@code 66.104.205.72}: four decimal octets, no sign, no leading
 *       zero). {@code 066.104.205.72} is octal to {@code inet_aton} and decimal to other readers, and no socket
 *       writes it ({@code inet_ntop} never pads): it is kept as the name it was logged as, not guessed at.</li>
 *   <li>IPv6 in any spelling {@code inet_pton} takes (hex in either case, zeros written out or folded into
 *       {@code ::}, the last 32 bits as a dotted quad), in brackets or not, {@code [addr]:port} too. Two
 *       spellings of one address are one host, so they are one address, shown in RFC 5952's text (lower case,
 *       leading zeros dropped, the longest run of zero groups folded): a spelling chosen by whichever line
 *       came first would make a merged result depend on the order of its inputs.</li>
 *   <li>A zone ({@code fe80::1%14}, RFC 4007 11.2) is part of the address: the same link-local address on two
 *       links is two hosts. It is kept as logged.</li>
 *   <li>IPv4-mapped IPv6 ({@code ::ffff:1.2.3.4}, RFC 4291 2.5.5.2) is the IPv4 address: a dual-stack socket
 *       reports its IPv4 clients so, and that client is the IPv4 source. Not with a zone, and not the
 *       deprecated IPv4-compatible {@code ::1.2.3.4}, which no dual-stack socket reports (an IPv6 address).</li>
 *   <li>Anything else is a name, kept as logged: a host name, or text that is no address. "Not an address" is
 *       the kind {@link Kind#NAME}, never a sentinel value of an address (255.255.255.255 is an address).</li>
 * </ul>
 *
 * <p>Parsing makes an object; the hot path asks {@link #ipv4(byte[], int, int)} instead, which makes nothing
 * for a dotted quad, and keeps IPv4 sources as ints. {@link #bytes()} is the form prefix matching takes
 * ({@code InetAddress.getByAddress}, IPAddress's {@code IPv4Address(byte[])} / {@code IPv6Address(byte[])}),
 * and {@link #network(int)} a /16 or /48 of an address.
 */
public final class SourceAddress implements Comparable<SourceAddress> {
    /** What an address is; the order of the constants is the order of {@link #compareTo}. */
    public enum Kind { IPV4, IPV6, NAME }

    /** What {@link #ipv4(byte[], int, int)} returns for anything that is no IPv4 source: outside 0..2^32-1. */
    public static final long NOT_IPV4 = -1;

    private final Kind kind;
    /** The address's 128 (IPv6) or 32 (IPv4, in {@code low}) bits. */
    private final long high, low;
    /** The IPv6 zone as logged, the name of a {@link Kind#NAME}, else null. */
    private final String text;

    private SourceAddress(Kind kind, long high, long low, String text) {
        this.kind = kind;
        this.high = high;
        this.low = low;
        this.text = text;
    }

    public static SourceAddress ofIpv4(int address) {
        return new SourceAddress(Kind.IPV4, 0, address & 0xFFFFFFFFL, null);
    }

    /** An IPv6 address from its 128 bits; a mapped one is its IPv4 address, as if it were parsed. */
    public static SourceAddress ofIpv6(long high, long low, String zone) {
        if (zone == null && high == 0 && low >>> 32 == 0xFFFFL) return ofIpv4((int) low);
        if (zone != null && zone.isEmpty()) throw new IllegalArgumentException("an empty zone");
        return new SourceAddress(Kind.IPV6, high, low, zone);
    }

    /** A field's text as an address, by the rules above. */
    public static SourceAddress parse(String s) {
        Objects.requireNonNull(s, "address");
        // A character past ISO-8859-1 is in no address: the text is a name (and must not be cut to a byte).
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) > 0xFF) return new SourceAddress(Kind.NAME, 0, 0, s);
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return parse(b, 0, b.length, s);
    }

    /** As {@link #parse(String)}, over the ISO-8859-1 bytes {@code [from, to)} of a line. */
    public static SourceAddress parse(byte[] b, int from, int to) {
        return parse(b, from, to, null);
    }

    private static SourceAddress parse(byte[] b, int from, int to, String asText) {
        long quad = dottedQuad(b, from, to);
        if (quad != NOT_IPV4) return ofIpv4((int) quad);
        SourceAddress v6 = ipv6(b, from, to);
        if (v6 != null) return v6;
        return new SourceAddress(Kind.NAME, 0, 0, asText != null ? asText : new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    }

    /**
     * The IPv4 source a field names (a canonical dotted quad, or an IPv4-mapped IPv6 address in any spelling) as
     * an unsigned int in a long, or {@link #NOT_IPV4}; {@code from < 0} (no such field) is none. The lookup of
     * every attempt: a dotted quad makes no object, anything else is read in {@link #parse} (rare).
     */
    public static long ipv4(byte[] b, int from, int to) {
        if (from < 0) return NOT_IPV4;
        long quad = dottedQuad(b, from, to);
        if (quad != NOT_IPV4) return quad;
        return mappedIpv4(b, from, to);
    }

    private static long mappedIpv4(byte[] b, int from, int to) {
        for (int p = from; p < to; p++) {
            if (b[p] == ':') {
                SourceAddress a = ipv6(b, from, to);
                return a != null && a.kind == Kind.IPV4 ? a.low : NOT_IPV4;
            }
        }
        return NOT_IPV4;
    }

    /**
     * A canonical dotted quad as an unsigned int in a long, or {@link #NOT_IPV4}. Only the canonical form, so
     * that the int gives back the very text that was logged.
     */
    public static long dottedQuad(byte[] b, int from, int to) {
        if (to - from < 7 || to - from > 15) return NOT_IPV4;
        long value = 0;
        int parts = 0, octet = 0, digits = 0;
        for (int i = from; i <= to; i++) {
            int c = i < to ? b[i] : '.';
            if (c == '.') {
                if (digits == 0 || octet > 255 || ++parts > 4) return NOT_IPV4;
                value = value << 8 | octet;
                octet = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits == 1 && octet == 0) return NOT_IPV4;   // a leading zero would not come back as written
                octet = octet * 10 + (c - '0');
                if (++digits > 3) return NOT_IPV4;
            } else {
                return NOT_IPV4;
            }
        }
        return parts == 4 ? value : NOT_IPV4;
    }

    /**
     * An IPv6 address (RFC 4291 2.2, as {@code inet_pton} reads it), bracketed or not, {@code [addr]:port} (RFC
     * 3986 3.2.2-3), with a zone or not; a mapped one is its IPv4 address. Null when it is none of these.
     */
    private static SourceAddress ipv6(byte[] b, int from, int to) {
        if (to - from >= 2 && b[from] == '[') {
            int close = from + 1;
            while (close < to && b[close] != ']') close++;
            if (close == to || close + 1 != to && !port(b, close + 1, to)) return null;
            from++;
            to = close;
        }
        int zoneAt = to;
        for (int p = from; p < to; p++) {
            if (b[p] == '%') {
                zoneAt = p;
                break;
            }
        }
        // A zone is an interface's name or index: any text, but some.
        if (zoneAt == to - 1) return null;
        int end = zoneAt;
        // The shortest is "::", the longest eight groups of four with a dotted quad for the last two.
        if (end - from < 2 || end - from > 45) return null;
        int[] groups = new int[8];
        int n = 0;
        int gap = -1;   // how many groups came before "::", when there is one
        int p = from;
        if (b[p] == ':') {
            if (b[p + 1] != ':') return null;
            gap = 0;
            p += 2;
        }
        while (p < end) {
            int value = 0, digits = 0, q = p;
            for (int h; q < end && (h = Character.digit(b[q], 16)) >= 0; q++, digits++) value = value << 4 | h;
            if (q < end && b[q] == '.') {
                // The last 32 bits as a dotted quad: it must end the address and fill two groups.
                long quad = dottedQuad(b, p, end);
                if (quad == NOT_IPV4 || n > 6) return null;
                groups[n++] = (int) (quad >>> 16);
                groups[n++] = (int) (quad & 0xFFFF);
                p = end;
                break;
            }
            if (digits == 0 || digits > 4 || n == 8) return null;
            groups[n++] = value;
            p = q;
            if (p == end) break;
            if (b[p] != ':' || ++p == end) return null;
            if (b[p] == ':') {
                if (gap >= 0) return null;
                gap = n;
                p++;
            }
        }
        if (gap < 0 ? n != 8 : n > 7) return null;
        if (gap >= 0) {
            // Move the groups after "::" to the end; the ones it stood for are zero.
            int after = n - gap;
            System.arraycopy(groups, gap, groups, 8 - after, after);
            java.util.Arrays.fill(groups, gap, 8 - after, 0);
        }
        long high = 0, low = 0;
        for (int i = 0; i < 4; i++) high = high << 16 | groups[i];
        for (int i = 4; i < 8; i++) low = low << 16 | groups[i];
        String zone = zoneAt == to ? null : new String(b, zoneAt + 1, to - zoneAt - 1, StandardCharsets.ISO_8859_1);
        return ofIpv6(high, low, zone);
    }

    /** A port after an IPv6 literal's {@code ]}: a colon and 1 to 5 digits, at most 65535. */
    private static boolean port(byte[] b, int from, int to) {
        if (b[from] != ':' || to - from < 2 || to - from > 6) return false;
        int value = 0;
        for (int p = from + 1; p < to; p++) {
            if (b[p] < '0' || b[p] > '9') return false;
            value = value * 10 + (b[p] - '0');
        }
        return value <= 65535;
    }

    public Kind kind() { return kind; }
    public boolean isIpv4() { return kind == Kind.IPV4; }
    public boolean isIpv6() { return kind == Kind.IPV6; }
    /** Whether this is an address at all, not a name. */
    public boolean isAddress() { return kind != Kind.NAME; }

    /** The IPv4 address's 32 bits. */
    public int ipv4() {
        if (kind != Kind.IPV4) throw new IllegalStateException(this + " is no IPv4 address");
        return (int) low;
    }

    /** The IPv6 address's first 64 bits (0 for others). */
    public long high() { return kind == Kind.IPV6 ? high : 0; }
    /** The IPv6 address's last 64 bits, or the IPv4 address's 32 bits unsigned (0 for a name). */
    public long low() { return low; }
    /** The IPv6 zone as logged, or null. */
    public String zone() { return kind == Kind.IPV6 ? text : null; }

    /** The address in network byte order: 4 bytes for IPv4, 16 for IPv6 (the zone not in them). */
    public byte[] bytes() {
        if (kind == Kind.NAME) throw new IllegalStateException("a name has no address bytes: " + text);
        byte[] out = new byte[kind == Kind.IPV4 ? 4 : 16];
        if (kind == Kind.IPV4) {
            for (int i = 0; i < 4; i++) out[i] = (byte) (low >>> (24 - 8 * i));
        } else {
            for (int i = 0; i < 8; i++) {
                out[i] = (byte) (high >>> (56 - 8 * i));
                out[8 + i] = (byte) (low >>> (56 - 8 * i));
            }
        }
        return out;
    }

    /** The network of the first {@code bits} bits of this address (the rest zero, no zone); a name has none. */
    public SourceAddress network(int bits) {
        int width = kind == Kind.IPV4 ? 32 : 128;
        if (kind == Kind.NAME || bits < 0 || bits > width) throw new IllegalArgumentException("/" + bits + " of " + this);
        if (kind == Kind.IPV4) return ofIpv4(bits == 0 ? 0 : (int) (low & (0xFFFFFFFFL << (32 - bits))));
        long h = bits == 0 ? 0 : bits >= 64 ? high : high & (-1L << (64 - bits));
        long l = bits <= 64 ? 0 : bits == 128 ? low : low & (-1L << (128 - bits));
        return new SourceAddress(Kind.IPV6, h, l, null);
    }

    /**
     * The address as shown: a dotted quad, RFC 5952's text of an IPv6 address (with {@code %zone}), or the name
     * as logged. Parsing it gives back this address.
     */
    public String text() {
        switch (kind) {
            case IPV4: return ipv4Text((int) low);
            case IPV6: return zone() == null ? ipv6Text(high, low) : ipv6Text(high, low) + "%" + text;
            default: return text;
        }
    }

    @Override public String toString() { return text(); }

    /**
     * The order of two IPv4 addresses' dotted quads as Strings ({@code "10.0.0.1"} before {@code "9.0.0.1"}),
     * without making them: hosts.csv is sorted by that text, and a million sources sorted through their Strings
     * made two of them per comparison. Octet by octet, as the texts compare: a '.' sorts before any digit, so an
     * octet whose digits begin another's sorts first ({@code "1.x"} before {@code "12.x"}), which is the order of
     * the octets' own texts.
     */
    public static int compareIpv4Text(int a, int b) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            int x = OCTET_TEXT_RANK[a >>> shift & 0xFF], y = OCTET_TEXT_RANK[b >>> shift & 0xFF];
            if (x != y) return x < y ? -1 : 1;
        }
        return 0;
    }

    /**
     * The first 8 chars of {@link #ipv4Text}, as bytes in a long, big-endian, zeros after a shorter text: the
     * same number a sort makes of the text, without making it.
     */
    public static long ipv4TextPrefix(int address) {
        long p = 0;
        int n = 0;
        for (int shift = 24; shift >= 0 && n < 8; shift -= 8) {
            int octet = address >>> shift & 0xFF;
            if (octet >= 100 && n < 8) { p = p << 8 | ('0' + octet / 100); n++; }
            if (octet >= 10 && n < 8) { p = p << 8 | ('0' + octet / 10 % 10); n++; }
            if (n < 8) { p = p << 8 | ('0' + octet % 10); n++; }
            if (shift > 0 && n < 8) { p = p << 8 | '.'; n++; }
        }
        return p << 8 * (8 - n);
    }

    /**
     * The address with each octet replaced by its place in {@link #compareIpv4Text}'s order: as unsigned ints these
     * numbers sort as the dotted quads do, so a sort of primitives orders a state's millions of sources.
     */
    public static int ipv4TextOrder(int address) {
        int r = 0;
        for (int shift = 24; shift >= 0; shift -= 8) r = r << 8 | OCTET_TEXT_RANK[address >>> shift & 0xFF];
        return r;
    }

    /** The address {@link #ipv4TextOrder} made {@code order} of. */
    public static int ipv4OfTextOrder(int order) {
        int a = 0;
        for (int shift = 24; shift >= 0; shift -= 8) a = a << 8 | OCTET_OF_TEXT_RANK[order >>> shift & 0xFF];
        return a;
    }

    /** Each octet's place among the 256 octets' decimal texts in String order. */
    private static final int[] OCTET_TEXT_RANK = octetTextRanks();
    private static final int[] OCTET_OF_TEXT_RANK = new int[256];

    static {
        for (int octet = 0; octet < 256; octet++) OCTET_OF_TEXT_RANK[OCTET_TEXT_RANK[octet]] = octet;
    }

    private static int[] octetTextRanks() {
        String[] texts = new String[256];
        for (int i = 0; i < 256; i++) texts[i] = Integer.toString(i);
        String[] sorted = texts.clone();
        java.util.Arrays.sort(sorted);
        int[] rank = new int[256];
        for (int r = 0; r < 256; r++) rank[Integer.parseInt(sorted[r])] = r;
        return rank;
    }

    /** The dotted quad of an IPv4 address. */
    public static String ipv4Text(int address) {
        byte[] b = new byte[15];
        int n = 0;
        for (int shift = 24; shift >= 0; shift -= 8) {
            int octet = address >>> shift & 0xFF;
            if (octet >= 100) b[n++] = (byte) ('0' + octet / 100);
            if (octet >= 10) b[n++] = (byte) ('0' + octet / 10 % 10);
            b[n++] = (byte) ('0' + octet % 10);
            if (shift > 0) b[n++] = '.';
        }
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** RFC 5952 section 4: lower-case hex without leading zeros, the longest run (the first of equals) of two or more zero groups as "::". */
    private static String ipv6Text(long high, long low) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (high >>> (48 - 16 * i)) & 0xFFFF;
            g[4 + i] = (int) (low >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestAt = -1, bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLength) {
                bestAt = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestAt) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** IPv4 addresses in numeric order, then IPv6 ones (a zone after the address without one), then names. */
    @Override public int compareTo(SourceAddress o) {
        if (kind != o.kind) return kind.compareTo(o.kind);
        if (kind == Kind.NAME) return text.compareTo(o.text);
        int c = Long.compareUnsigned(high, o.high);
        if (c == 0) c = Long.compareUnsigned(low, o.low);
        if (c != 0 || kind == Kind.IPV4) return c;
        if (text == null || o.text == null) return text == null ? (o.text == null ? 0 : -1) : 1;
        return text.compareTo(o.text);
    }

    @Override public boolean equals(Object o) {
        return o instanceof SourceAddress a && kind == a.kind && high == a.high && low == a.low && Objects.equals(text, a.text);
    }

    @Override public int hashCode() {
        return Objects.hash(kind, high, low, text);
    }
}
