package org.wormsign.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time searches agree with plain loops on every position and alignment. */
class ByteSearchTest {
    private static int plain(byte[] b, int from, int to, byte c, byte d) {
        for (int i = from; i < to; i++) if (b[i] == c || b[i] == d) return i;
        return to;
    }

    @Test
    void agreeWithPlainLoops() {
        Random random = new Random(20010801);
        for (int round = 0; round < 40_000; round++) {
            byte[] b = new byte[1 + random.nextInt(64)];
            for (int i = 0; i < b.length; i++) {
                // Bytes next to the ones sought, high bytes and zeros are where a SWAR trick would slip.
                int pick = random.nextInt(12);
                b[i] = (byte) (pick == 0 ? ' ' : pick == 1 ? '?' : pick == 2 ? 0x1F : pick == 3 ? 0x21 : pick == 4 ? 0x3E
                        : pick == 5 ? 0 : pick == 6 ? 0xA0 : pick == 7 ? 0xBF : random.nextInt(256));
            }
            int from = random.nextInt(b.length), to = from + random.nextInt(b.length - from + 1);
            assertEquals(plain(b, from, to, (byte) ' ', (byte) ' '), ByteSearch.next(b, from, to, (byte) ' '), "round " + round);
            assertEquals(plain(b, from, to, (byte) ' ', (byte) '?'), ByteSearch.nextOfTwo(b, from, to, (byte) ' ', (byte) '?'), "round " + round);
            assertEquals(plain(b, from, to, (byte) 0xA0, (byte) 0xA0), ByteSearch.next(b, from, to, (byte) 0xA0), "a high byte, round " + round);
        }
    }
}
