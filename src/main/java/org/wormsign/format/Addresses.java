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

    /** Non-empty, not {@code -}, and only bytes an address or DNS name can hold. */
    public static boolean plausibleClient(byte[] b, int from, int to) {
        if (to <= from || to - from > 255) return false;
        if (to - from == 1 && b[from] == '-') return false;
        for (int p = from; p < to; p++) if (!CLIENT_BYTE[b[p] & 0xff]) return false;
        return true;
    }
}
