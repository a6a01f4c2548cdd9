package org.wormsign.aggregate;

import java.nio.charset.StandardCharsets;

/**
 * A source written as a canonical dotted quad ("66.104.205.72": four decimal octets, no sign, no leading
 * zero), held as an int instead of a String. An ISP run holds a million sources; as Strings their names
 * alone cost 56 bytes each. Only the canonical form is taken, so the int gives back the very text that was
 * logged, and a source is one key whichever way it arrives (bytes of a line, or a String).
 */
final class Ipv4Source {
    /** What {@link #parse} returns for anything that is not a canonical dotted quad. */
    static final long NONE = -1;

    private Ipv4Source() {}

    /** The address as an unsigned int in a long, or {@link #NONE}. */
    static long parse(String s) {
        if (s == null || s.length() < 7 || s.length() > 15) return NONE;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) > 0x7F) return NONE;
        return parse(s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length());
    }

    /** As {@link #parse(String)}, over the ISO-8859-1 bytes {@code [start, end)}. */
    static long parse(byte[] b, int start, int end) {
        if (start < 0 || end - start < 7 || end - start > 15) return NONE;
        long value = 0;
        int parts = 0, octet = 0, digits = 0;
        for (int i = start; i <= end; i++) {
            int c = i < end ? b[i] : '.';
            if (c == '.') {
                if (digits == 0 || octet > 255 || ++parts > 4) return NONE;
                value = value << 8 | octet;
                octet = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits == 1 && octet == 0) return NONE;   // a leading zero would not come back as written
                octet = octet * 10 + (c - '0');
                if (++digits > 3) return NONE;
            } else {
                return NONE;
            }
        }
        return parts == 4 ? value : NONE;
    }

    /** The dotted quad of an address {@link #parse} returned. */
    static String text(int address) {
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
}
