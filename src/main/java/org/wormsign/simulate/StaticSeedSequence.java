package org.wormsign.simulate;

/**
 * Code Red I v1's target list. v1 seeded its random generator with a constant, so every infected host probed
 * the same addresses in the same order (CAIDA; CERT CA-2001-19): a server on that list was hit by every v1 host,
 * at the same distance into each host's scan, and a server off it never was.
 *
 * <p>A fixed bijection of the 32-bit space stands in for the worm's generator: entry {@code k} is an address,
 * every address appears once, and the position of any address is computed directly (the inverse), so the
 * model can ask "how far into the scan is this host?" without walking billions of entries.
 */
final class StaticSeedSequence {
    private StaticSeedSequence() {}

    /** The constant seed (any fixed value: what matters is that every host uses the same one). */
    private static final int SEED = 0x7C0DE4ED;
    private static final int M1 = 0x7FEB352D, M2 = 0x846CA68B;
    private static final int M1_INVERSE = inverse(M1), M2_INVERSE = inverse(M2);

    /** The address probed at position {@code index} (0-based) of the scan. */
    static int address(long index) {
        int x = (int) index + SEED;
        x ^= x >>> 16;
        x *= M1;
        x ^= x >>> 15;
        x *= M2;
        x ^= x >>> 16;
        return x;
    }

    /** The position of {@code address} in the scan, 0 to 2^32 - 1. */
    static long indexOf(int address) {
        int x = address;
        x ^= x >>> 16;
        x *= M2_INVERSE;
        x ^= (x >>> 15) ^ (x >>> 30);
        x *= M1_INVERSE;
        x ^= x >>> 16;
        return Integer.toUnsignedLong(x - SEED);
    }

    /** The inverse of an odd number modulo 2^32 (Newton's iteration doubles the correct bits each step). */
    private static int inverse(int a) {
        int x = a;
        for (int i = 0; i < 5; i++) x *= 2 - a * x;
        return x;
    }
}
