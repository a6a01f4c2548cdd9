package org.wormsign.detect;

/**
 * A URI stem as IIS maps it: IIS decodes {@code %XX} and {@code %uXXXX} in the stem before it picks the
 * handler, so {@code /default.id%u0061} and {@code /default.%69da} reach the {@code .ida} handler (issue 15).
 * Once only: {@code %2569} is {@code %69} after it, not {@code i}. An escape that is not one ({@code %zz},
 * {@code %u00} cut short, {@code %u} and a non-hex digit) stays as it is. {@code %uXXXX} is one UTF-16 code
 * unit, so {@code %u0161} is not {@code a}: a unit above 0x7F never equals the ASCII names compared here.
 * {@code +} is left alone: it means a space only in a form's query, never in a path.
 *
 * <p>Both spellings of the {@code u} are taken, as the WAFs that emulate IIS's decoder do (libddwaf,
 * ModSecurity's {@code urlDecodeUni}): taking one too many costs an {@code other-ida} count, missing one a
 * request. Neither overlong UTF-8 ({@code %c1%a1}, which IIS before MS00-078 read as {@code a}) nor the
 * full-width forms ({@code %uFF41}, which {@code urlDecodeUni} folds to ASCII) are followed.
 *
 * <p>Every format's stem is decoded, though only a request line (Apache, nginx) is logged as sent: IIS logs
 * its stem already decoded once (DOMAIN.md), so a {@code %XX} left in an IIS log was sent encoded twice and
 * this is a second decode, which may count a request IIS never gave to Index Server. That is taken over
 * the alternative, because a {@code %u} escape can stand in an IIS log's stem (the SEC505 lab log's
 * {@code /default.id%u0061}), and because decoding never loses a match: a stem that names {@code .ida} as
 * logged still does once decoded.
 *
 * <p>Nothing is allocated and the work is bounded whatever the stem's length (a line may hold 1 MiB of
 * escapes): a decoded name is compared a character at a time, forwards from the start for a whole name
 * (at most six raw bytes a character, so a longer stem is no match) and backwards from the end for a
 * suffix. Backwards works because an escape's body is {@code u} and hex digits, never {@code %}: every
 * {@code %} starts a token of its own, so the token that ends at a token boundary is the escape that
 * ends there if one does, else the single byte before it.
 */
final class DecodedStem {
    private DecodedStem() {}

    /** The longest escape, {@code %uXXXX}: the most raw bytes one decoded character takes. */
    static final int MAX_TOKEN = 6;

    /** The length of Index Server's extensions, {@code .ida} and {@code .idq}. */
    private static final int SUFFIX_LENGTH = 4;

    /**
     * Whether the stem's last four decoded characters may differ from its last four bytes, the cheap test
     * a clean stem takes: they do only if one of them is an escape, and the last such escape is followed by
     * at most three single bytes, so its {@code %} is at most 9 bytes from the end. The stem's last byte ends
     * the {@code a} or {@code q}: a literal one or an escape's hex digit.
     */
    static boolean mayEndInEscape(byte[] b, int from, int to) {
        if (to - from < 3) return false;
        int last = b[to - 1];
        if (hex(last) < 0 && (last | 0x20) != 'q') return false;
        for (int p = Math.max(from, to - (SUFFIX_LENGTH - 1) - MAX_TOKEN); p <= to - 3; p++) {
            if (b[p] == '%') return true;
        }
        return false;
    }

    /** Whether {@code [from, to)} decoded once ends with {@code lowerSuffix}, ignoring ASCII case. */
    static boolean endsWithIgnoreCase(byte[] b, int from, int to, String lowerSuffix) {
        int e = to;
        for (int i = lowerSuffix.length() - 1; i >= 0; i--) {
            if (e == from) return false;
            int token = tokenBefore(b, from, e);
            int c = value(token);
            if (c > 0x7f || Ascii.lower((byte) c) != lowerSuffix.charAt(i)) return false;
            e -= length(token);
        }
        return true;
    }

    /** Whether {@code [from, to)} decoded once is exactly {@code expected} (ASCII, case as given). */
    static boolean equals(byte[] b, int from, int to, byte[] expected) {
        if (to - from < expected.length || to - from > expected.length * MAX_TOKEN) return false;
        int p = from;
        for (byte x : expected) {
            if (p == to) return false;
            int token = tokenAt(b, p, to);
            if (value(token) != x) return false;
            p += length(token);
        }
        return p == to;
    }

    // A token is one decoded character: its raw length in the high half of an int, its value in the low.

    private static int value(int token) { return token & 0xffff; }

    private static int length(int token) { return token >>> 16; }

    /** The token that starts at {@code p}: {@code %uXXXX}, else {@code %XX}, else the byte itself. */
    private static int tokenAt(byte[] b, int p, int to) {
        if (b[p] == '%') {
            if (to - p >= 6 && (b[p + 1] | 0x20) == 'u') {
                int v = hex4(b, p + 2);
                if (v >= 0) return 6 << 16 | v;
            }
            if (to - p >= 3) {
                int v = hex2(b, p + 1);
                if (v >= 0) return 3 << 16 | v;
            }
        }
        return 1 << 16 | b[p] & 0xff;
    }

    /**
     * The token that ends at the token boundary {@code e}. {@code %uXXXX} and {@code %XX} cannot both end
     * there ({@code %XX}'s {@code %} would be a digit of the other), and a {@code %} is always a token's start,
     * so this is the token {@link #tokenAt} reads from the start.
     */
    private static int tokenBefore(byte[] b, int from, int e) {
        if (e - from >= 6 && b[e - 6] == '%' && (b[e - 5] | 0x20) == 'u') {
            int v = hex4(b, e - 4);
            if (v >= 0) return 6 << 16 | v;
        }
        if (e - from >= 3 && b[e - 3] == '%') {
            int v = hex2(b, e - 2);
            if (v >= 0) return 3 << 16 | v;
        }
        return 1 << 16 | b[e - 1] & 0xff;
    }

    private static int hex2(byte[] b, int at) {
        int h = hex(b[at]), l = hex(b[at + 1]);
        return (h | l) < 0 ? -1 : h << 4 | l;
    }

    private static int hex4(byte[] b, int at) {
        int h = hex2(b, at), l = hex2(b, at + 2);
        return (h | l) < 0 ? -1 : h << 8 | l;
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        int lower = c | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }
}
