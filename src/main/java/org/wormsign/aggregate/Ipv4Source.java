package org.wormsign.aggregate;

import java.nio.charset.StandardCharsets;

import org.wormsign.format.Addresses;

/**
 * A source written as a canonical dotted quad ("66.104.205.72": four decimal octets, no sign, no leading
 * zero), held as an int instead of a String. An ISP run holds a million sources; as Strings their names
 * alone cost 56 bytes each. Only the canonical form is taken, so the int gives back the very text that was
 * logged, and a source is one key whichever way it arrives (bytes of a line, or a String). The one exception
 * is deliberate: a client logged IPv4-mapped ({@link #ofClient}) is keyed, and shown, as its dotted quad.
 */
final class Ipv4Source {
    /** What {@link #parse} returns for anything that is not a canonical dotted quad. */
    static final long NONE = Addresses.NOT_IPV4;

    private Ipv4Source() {}

    /** The address as an unsigned int in a long, or {@link #NONE}. */
    static long parse(String s) {
        if (s == null || s.length() < 7 || s.length() > 15) return NONE;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) > 0x7F) return NONE;
        return parse(s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length());
    }

    /** As {@link #parse(String)}, over the ISO-8859-1 bytes {@code [start, end)}. */
    static long parse(byte[] b, int start, int end) {
        return start < 0 ? NONE : Addresses.canonicalIpv4(b, start, end);
    }

    /**
     * The IPv4 source a client field names: a canonical dotted quad, as {@link #parse}, or an IPv4-mapped IPv6
     * address in any spelling ({@code ::ffff:1.2.3.4}), which is the same client seen through a dual-stack
     * socket and becomes the same source, shown as its dotted quad. {@link #NONE} for anything else.
     */
    static long ofClient(byte[] b, int start, int end) {
        long address = parse(b, start, end);
        // Mapped addresses are rare: looked for only once the plain quad is ruled out.
        return address != NONE || start < 0 ? address : Addresses.mappedIpv4(b, start, end);
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
