package org.wormsign.aggregate;

import java.nio.charset.StandardCharsets;

/**
 * Makes a log line's bytes into text that can be shown and written anywhere: valid UTF-8 and printable
 * ASCII stay as they are; control bytes and bytes that are not UTF-8 become {@code \xHH}, as Apache and
 * nginx escape them. Long lines are cut at {@link #MAX_BYTES} with a note of how much was left out.
 */
public final class RawText {
    private RawText() {}

    /** How much of a line evidence and reject samples keep. */
    public static final int MAX_BYTES = 2048;

    public static String of(byte[] b, int start, int end) {
        return of(b, start, end, end - start);
    }

    /** {@code fullLength} may exceed {@code end - start} when the caller holds only a prefix. */
    public static String of(byte[] b, int start, int end, long fullLength) {
        int stop = Math.min(end, start + MAX_BYTES);
        if (fullLength == stop - start && printableAscii(b, start, stop)) {
            // The common case (a Code Red request is all printable ASCII): one copy, no per-byte appends.
            return new String(b, start, stop - start, StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder(stop - start + 16);
        int p = start;
        while (p < stop) {
            int c = b[p] & 0xff;
            if (c >= 0x20 && c < 0x7f) { sb.append((char) c); p++; continue; }
            int n = utf8Length(b, p, stop);
            if (n > 0) {
                sb.append(new String(b, p, n, StandardCharsets.UTF_8));
                p += n;
            } else {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                p++;
            }
        }
        if (fullLength > stop - start) sb.append(" [… ").append(fullLength - (stop - start)).append(" more bytes]");
        return sb.toString();
    }

    /** Whether {@code b[start, stop)} is all printable ASCII: then it is its own text. */
    static boolean printableAscii(byte[] b, int start, int stop) {
        for (int p = start; p < stop; p++) {
            int c = b[p];
            if (c < 0x20 || c == 0x7f) return false;   // control bytes, and (signed) every byte >= 0x80
        }
        return true;
    }

    /** Length of a well-formed, printable UTF-8 sequence of 2–4 bytes at {@code p}, or 0. */
    private static int utf8Length(byte[] b, int p, int stop) {
        int c = b[p] & 0xff;
        int n;
        int min;
        if (c >= 0xc2 && c <= 0xdf) { n = 2; min = 0x80; }
        else if (c >= 0xe0 && c <= 0xef) { n = 3; min = 0x800; }
        else if (c >= 0xf0 && c <= 0xf4) { n = 4; min = 0x10000; }
        else return 0;
        if (p + n > stop) return 0;
        int cp = c & (0xff >> (n + 1));
        for (int k = 1; k < n; k++) {
            int cc = b[p + k] & 0xff;
            if ((cc & 0xc0) != 0x80) return 0;
            cp = (cp << 6) | (cc & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
        // C1 controls, bidi overrides and other format characters could disguise a line: escape them.
        if (cp < 0xa0 || Character.getType(cp) == Character.FORMAT) return 0;
        return n;
    }
}
