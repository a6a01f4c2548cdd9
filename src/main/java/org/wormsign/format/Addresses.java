package org.wormsign.format;

/** Cheap plausibility checks for the client field; it may be IPv4, IPv6 or a resolved host name ({@link SourceAddress} reads it). */
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

    /**
     * Whether a client field is an address rather than a host name: a canonical dotted quad, or IPv6-shaped
     * (hex digits, colons, dots for an embedded IPv4, at least two colons; brackets and a {@code %zone} allowed).
     * {@code www.example.com:80} (a virtual host and port) is not. Used while sniffing, to tell apart layouts
     * that read the same line with another field as the client.
     */
    public static boolean addressShaped(byte[] b, int from, int to) {
        if (SourceAddress.dottedQuad(b, from, to) != SourceAddress.NOT_IPV4) return true;
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
