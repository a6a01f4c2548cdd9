package org.wormsign.format;

/** Cheap plausibility checks for the client field; it may be IPv4, IPv6 or a resolved host name. */
public final class Addresses {
    private Addresses() {}

    /**
     * The longest server name (target) taken: a DNS name (253 bytes, RFC 1035) with {@code :} and a port.
     * Names are kept per target for the whole run, so a longer one, which no server could have, is a reject
     * ({@code field-too-long}) rather than memory an attacker could fill with one Host header per line.
     */
    public static final int MAX_TARGET_BYTES = 259;

    private static final boolean[] CLIENT_BYTE = new boolean[256];
    static {
        for (int c = '0'; c <= '9'; c++) CLIENT_BYTE[c] = true;
        for (int c = 'a'; c <= 'z'; c++) CLIENT_BYTE[c] = true;
        for (int c = 'A'; c <= 'Z'; c++) CLIENT_BYTE[c] = true;
        // '.' and ':' for addresses, '-' and '_' in host names, '%' for an IPv6 zone, '[' ']' as some proxies log IPv6.
        for (char c : ".:-_%[]".toCharArray()) CLIENT_BYTE[c] = true;
    }

    /** What {@link #canonicalIpv4} and {@link #mappedIpv4} return for anything else. */
    public static final long NOT_IPV4 = -1;

    /**
     * A canonical dotted quad ({@code 66.104.205.72}: four decimal octets, no sign, no leading zero) as an
     * unsigned int in a long, or {@link #NOT_IPV4}. Only the canonical form, so that the int gives back the very
     * text that was logged ({@code 066.…} is octal to {@code inet_aton} and stays a name).
     */
    public static long canonicalIpv4(byte[] b, int from, int to) {
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
     * The IPv4 address that an IPv4-mapped IPv6 address carries (RFC 4291 2.5.5.2: 80 zero bits, 16 one bits,
     * the IPv4 address), as an unsigned int in a long, or {@link #NOT_IPV4}. A server listening on an IPv6
     * socket that also takes IPv4 logs its IPv4 clients so, usually as {@code inet_ntop} writes them
     * ({@code ::ffff:1.2.3.4}), and that client is the IPv4 source. Every spelling of the same 128 bits is
     * taken, as {@code inet_pton} takes them ({@code 0:0:0:0:0:ffff:1.2.3.4} too): hex in either case, zeros written out or
     * folded into {@code ::}, the last 32 bits as a dotted quad (canonical: no leading zero) or as two hex
     * groups ({@code ::ffff:102:304}), in brackets or not. A zone ({@code %eth0}) is not taken, nor the
     * deprecated IPv4-compatible {@code ::1.2.3.4}, which no dual-stack socket reports. Not the common path:
     * it is asked only about a client that is not a plain dotted quad.
     */
    public static long mappedIpv4(byte[] b, int from, int to) {
        if (to - from >= 2 && b[from] == '[' && b[to - 1] == ']') { from++; to--; }
        // The shortest is "::ffff:0:0", the longest eight groups of four with a dotted quad for the last two.
        if (to - from < 10 || to - from > 45) return NOT_IPV4;
        int[] groups = new int[8];
        int n = 0;
        int gap = -1;   // how many groups came before "::", when there is one
        int p = from;
        if (b[p] == ':') {
            if (b[p + 1] != ':') return NOT_IPV4;
            gap = 0;
            p += 2;
        }
        while (p < to) {
            int value = 0, digits = 0, q = p;
            for (int h; q < to && (h = Character.digit(b[q], 16)) >= 0; q++, digits++) value = value << 4 | h;
            if (q < to && b[q] == '.') {
                // The last 32 bits as a dotted quad: it must end the address and fill two groups.
                long quad = canonicalIpv4(b, p, to);
                if (quad < 0 || n > 6) return NOT_IPV4;
                groups[n++] = (int) (quad >>> 16);
                groups[n++] = (int) (quad & 0xFFFF);
                p = to;
                break;
            }
            if (digits == 0 || digits > 4 || n == 8) return NOT_IPV4;
            groups[n++] = value;
            p = q;
            if (p == to) break;
            if (b[p] != ':' || ++p == to) return NOT_IPV4;
            if (b[p] == ':') {
                if (gap >= 0) return NOT_IPV4;
                gap = n;
                p++;
            }
        }
        if (gap < 0 ? n != 8 : n > 7) return NOT_IPV4;
        if (gap >= 0) {
            // Move the groups after "::" to the end; the ones it stood for are zero.
            int after = n - gap;
            System.arraycopy(groups, gap, groups, 8 - after, after);
            java.util.Arrays.fill(groups, gap, 8 - after, 0);
        }
        for (int i = 0; i < 5; i++) if (groups[i] != 0) return NOT_IPV4;
        if (groups[5] != 0xFFFF) return NOT_IPV4;
        return (long) groups[6] << 16 | groups[7];
    }

    /** As {@link #mappedIpv4(byte[], int, int)}, over the characters of {@code s} (a server name kept as text). */
    public static long mappedIpv4(String s) {
        if (s == null || s.indexOf(':') < 0) return NOT_IPV4;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) > 0x7F) return NOT_IPV4;
        return mappedIpv4(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, s.length());
    }

    /**
     * Whether a client field is an address rather than a host name: a canonical dotted quad, or IPv6-shaped
     * (hex digits, colons, dots for an embedded IPv4, at least two colons; brackets and a {@code %zone} allowed).
     * {@code www.example.com:80} (a virtual host and port) is not. Used while sniffing, to tell apart layouts
     * that read the same line with another field as the client.
     */
    public static boolean addressShaped(byte[] b, int from, int to) {
        if (canonicalIpv4(b, from, to) != NOT_IPV4) return true;
        if (to - from >= 2 && b[from] == '[' && b[to - 1] == ']') { from++; to--; }
        int colons = 0;
        for (int p = from; p < to; p++) {
            int c = b[p];
            if (c == '%' && colons >= 2) return true;   // the zone of a link-local address: any name
            if (c == ':') colons++;
            else if (c != '.' && Character.digit(c, 16) < 0) return false;
        }
        return colons >= 2;
    }

    /** Non-empty, not {@code -}, and only bytes an address or DNS name can hold. */
    public static boolean plausibleClient(byte[] b, int from, int to) {
        if (to <= from || to - from > 255) return false;
        if (to - from == 1 && b[from] == '-') return false;
        for (int p = from; p < to; p++) if (!CLIENT_BYTE[b[p] & 0xff]) return false;
        return true;
    }
}
