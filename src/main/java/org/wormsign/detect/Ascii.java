package org.wormsign.detect;

final class Ascii {
    private Ascii() {}

    /** ASCII lower case of a byte; other bytes unchanged. */
    static int lower(byte c) {
        return c >= 'A' && c <= 'Z' ? c | 0x20 : c & 0xff;
    }

    static boolean regionIgnoreCase(byte[] b, int at, int to, String lowerNeedle) {
        int n = lowerNeedle.length();
        if (at < 0 || at + n > to) return false;
        for (int i = 0; i < n; i++) if (lower(b[at + i]) != lowerNeedle.charAt(i)) return false;
        return true;
    }
}
