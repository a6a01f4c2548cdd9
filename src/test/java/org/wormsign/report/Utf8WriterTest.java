package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Utf8Writer gives the bytes String.getBytes(UTF_8) gives, however the text is cut into calls. */
class Utf8WriterTest {
    /** Characters of every UTF-8 length, both halves of a pair, and lone halves. */
    private static final char[] ALPHABET = {'a', ',', '"', '\n', 0x7f, 0x80, 'é', 0x7ff, 0x800, '✓', 0xfffd, 0xffff,
        '\uD83D', '\uDC1B', '\uDBFF', '\uDFFF', '\uD800', '\uDC00'};

    private static String randomText(SplittableRandom r, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(r.nextInt(3) == 0 ? ALPHABET[r.nextInt(ALPHABET.length)] : (char) ('a' + r.nextInt(26)));
        return sb.toString();
    }

    @Test
    void sameBytesAsGetBytesForRandomTextInRandomPieces() throws IOException {
        SplittableRandom r = new SplittableRandom(11);
        for (int round = 0; round < 300; round++) {
            // Up to 200,000 chars: several times the writer's buffer, so pieces straddle its refills.
            String s = randomText(r, r.nextInt(round % 10 == 0 ? 200_000 : 300));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (Utf8Writer w = new Utf8Writer(bytes)) {
                int i = 0;
                while (i < s.length()) {
                    int n = Math.min(s.length() - i, r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(100_000));
                    switch (r.nextInt(5)) {
                        case 0 -> w.write(s, i, n);
                        case 1 -> w.append(s, i, i + n);
                        case 2 -> w.append(new StringBuilder(s.substring(i, i + n)));
                        case 3 -> w.write(s.toCharArray(), i, n);
                        default -> { n = 1; w.write(s.charAt(i)); }
                    }
                    i += n;
                }
            }
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), bytes.toByteArray(), "round " + round);
        }
    }

    @Test
    void aHighSurrogateLeftAtTheEndIsAQuestionMark() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Utf8Writer w = new Utf8Writer(bytes)) {
            w.write("ok\uD83D");
        }
        assertArrayEquals("ok?".getBytes(StandardCharsets.US_ASCII), bytes.toByteArray());
    }

    @Test
    void writingAfterCloseFails() throws IOException {
        Utf8Writer w = new Utf8Writer(new ByteArrayOutputStream());
        w.close();
        w.close();
        assertThrows(IOException.class, () -> {
            w.write("x".repeat(70_000));
            w.flush();
        });
    }
}
