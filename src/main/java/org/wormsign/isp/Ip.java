package org.wormsign.isp;

import org.wormsign.format.SourceAddress;

/**
 * Addresses as the customer data and the attribution index hold them: 128 bits in two longs, an IPv4 address
 * as its IPv4-mapped IPv6 form ({@code ::ffff:a.b.c.d}, RFC 4291 2.5.5.2). One key space for both families, so
 * one sorted table serves both, and IPv4 and IPv6 prefixes never overlap by accident.
 */
final class Ip {
    private Ip() {}

    /** The high 64 bits of every IPv4 address's key. */
    static final long V4_HIGH = 0;
    /** The low 64 bits of an IPv4 key, above the address's 32. */
    static final long V4_MAPPED = 0xFFFF_0000_0000L;

    static long v4Low(int ipv4) {
        return V4_MAPPED | (ipv4 & 0xFFFF_FFFFL);
    }

    static boolean isV4(long high, long low) {
        return high == V4_HIGH && low >>> 32 == 0xFFFFL;
    }

    /** An address as its two longs ({@code out[0]} high, {@code out[1]} low); false if {@code text} is no address. */
    static boolean parse(String text, long[] out) {
        SourceAddress a = SourceAddress.parse(text.trim());
        if (!a.isAddress() || a.zone() != null) return false;
        if (a.isIpv4()) {
            out[0] = V4_HIGH;
            out[1] = v4Low(a.ipv4());
        } else {
            out[0] = a.high();
            out[1] = a.low();
        }
        return true;
    }

    /** The address of a key as hosts.csv writes it. */
    static String text(long high, long low) {
        return SourceAddress.ofIpv6(high, low, null).text();
    }

    /** Unsigned 128-bit comparison. */
    static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        int c = Long.compareUnsigned(aHigh, bHigh);
        return c != 0 ? c : Long.compareUnsigned(aLow, bLow);
    }

    /**
     * A prefix ({@code 192.0.2.0/24}, {@code 2001:db8::/32}), a range ({@code 192.0.2.10-192.0.2.20}) or one
     * address, as its first and last key: {@code out} = first high, first low, last high, last low. False if
     * it is none of them, or the range runs backwards or across families. An IPv4 prefix length counts IPv4 bits.
     */
    static boolean parseBlock(String text, long[] out) {
        String s = text.trim();
        long[] a = new long[2];
        int dash = s.indexOf('-');
        if (dash > 0) {
            long[] b = new long[2];
            if (!parse(s.substring(0, dash), a) || !parse(s.substring(dash + 1), b)) return false;
            if (isV4(a[0], a[1]) != isV4(b[0], b[1]) || compare(a[0], a[1], b[0], b[1]) > 0) return false;
            out[0] = a[0]; out[1] = a[1]; out[2] = b[0]; out[3] = b[1];
            return true;
        }
        int slash = s.indexOf('/');
        if (!parse(slash < 0 ? s : s.substring(0, slash), a)) return false;
        int bits;
        boolean v4 = isV4(a[0], a[1]);
        if (slash < 0) {
            bits = v4 ? 32 : 128;
        } else {
            String n = s.substring(slash + 1);
            if (n.isEmpty() || n.length() > 3 || !n.chars().allMatch(Character::isDigit)) return false;
            bits = Integer.parseInt(n);
            if (bits > (v4 ? 32 : 128)) return false;
        }
        int bits128 = v4 ? bits + 96 : bits;
        long maskHigh = bits128 >= 64 ? -1L : bits128 == 0 ? 0 : -1L << (64 - bits128);
        long maskLow = bits128 <= 64 ? 0 : bits128 == 128 ? -1L : -1L << (128 - bits128);
        // The prefix must name its network: 192.0.2.1/24 is more likely a typo than a /24.
        if ((a[0] & ~maskHigh) != 0 || (a[1] & ~maskLow) != 0) return false;
        out[0] = a[0]; out[1] = a[1];
        out[2] = a[0] | ~maskHigh; out[3] = a[1] | ~maskLow;
        return true;
    }
}
