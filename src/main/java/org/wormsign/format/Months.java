package org.wormsign.format;

/** English three-letter month abbreviations, as Apache, nginx and strftime's {@code %b} write them. */
final class Months {
    private Months() {}

    private static final String NAMES = "JanFebMarAprMayJunJulAugSepOctNovDec";

    /** 1–12 for the abbreviation at {@code p} (case-insensitive), or -1. */
    static int parse(byte[] b, int p) {
        int c0 = b[p] | 0x20, c1 = b[p + 1] | 0x20, c2 = b[p + 2] | 0x20;
        for (int m = 0; m < 12; m++) {
            int i = m * 3;
            if ((NAMES.charAt(i) | 0x20) == c0 && NAMES.charAt(i + 1) == c1 && NAMES.charAt(i + 2) == c2) return m + 1;
        }
        return -1;
    }
}
