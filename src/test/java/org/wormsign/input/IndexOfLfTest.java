package org.wormsign.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time LF search agrees with a plain loop on every position and alignment. */
class IndexOfLfTest {
    private static int plain(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] == '\n') return i;
        return -1;
    }

    @Test
    void agreesWithAPlainLoop() {
        Random random = new Random(20010719);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[1 + random.nextInt(64)];
            for (int i = 0; i < b.length; i++) {
                // Bytes near LF (0x09, 0x0B), high bytes and zeros are where a SWAR trick would slip.
                int pick = random.nextInt(10);
                b[i] = (byte) (pick == 0 ? '\n' : pick == 1 ? 0x0B : pick == 2 ? 0x09 : pick == 3 ? 0 : pick == 4 ? 0x8A : random.nextInt(256));
            }
            int from = random.nextInt(b.length), to = from + random.nextInt(b.length - from + 1);
            assertEquals(plain(b, from, to), LineReader.indexOfLf(b, from, to), "round " + round);
        }
    }
}
