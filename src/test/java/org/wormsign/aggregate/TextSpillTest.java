package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** Texts put from several threads come back whole, whatever their length, and the file is gone after close. */
class TextSpillTest {
    private static String text(SplittableRandom r) {
        int length = switch (r.nextInt(10)) {
            case 0 -> 0;
            case 1 -> 1020 + r.nextInt(10);              // around the first read
            case 2 -> 16 * 1024 - 8 + r.nextInt(16);     // around a reader's buffer
            case 3 -> 64 * 1024 + r.nextInt(40_000);     // past the write buffer
            default -> r.nextInt(600);
        };
        StringBuilder s = new StringBuilder(length);
        String[] wide = {"ü", "✓", "\uD83D\uDC1B"};   // two, three and four bytes in UTF-8
        while (s.length() < length) s.append(r.nextInt(20) == 0 ? wide[r.nextInt(3)] : String.valueOf((char) ('a' + r.nextInt(26))));
        return s.toString();
    }

    /** A line put from its bytes comes back as RawText shows it: printable, cut, escaped or not ASCII at all. */
    @Test
    void aLinePutFromItsBytesIsItsRawText() throws IOException {
        SplittableRandom r = new SplittableRandom(5);
        try (TextSpill spill = new TextSpill()) {
            ByteBuffer scratch = ByteBuffer.allocate(16 * 1024);
            for (int i = 0; i < 2000; i++) {
                int length = i % 10 == 0 ? RawText.MAX_BYTES - 2 + r.nextInt(5) : r.nextInt(700);
                byte[] line = new byte[length + 6];
                for (int k = 0; k < line.length; k++) {
                    int pick = r.nextInt(200);
                    line[k] = (byte) (pick == 0 ? 0x1b : pick == 1 ? 0xc3 : pick == 2 ? 0xbc : pick == 3 ? 0xff : 0x20 + r.nextInt(95));
                }
                long at = spill.putLine(line, 3, 3 + length);
                assertEquals(RawText.of(line, 3, 3 + length), spill.get(at, scratch), "line " + i);
            }
        }
    }

    @Test
    void textsPutFromManyThreadsComeBackWhole() throws Exception {
        ConcurrentHashMap<Long, String> put = new ConcurrentHashMap<>();
        try (TextSpill spill = new TextSpill()) {
            assertFalse(spill.used());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    for (int i = 0; i < 2000; i++) {
                        String s = text(r);
                        assertEquals(null, put.put(spill.put(s), s), "one place per text");
                    }
                }));
            }
            for (Future<?> f : done) f.get();
            pool.shutdown();
            assertTrue(spill.used());
            ByteBuffer scratch = ByteBuffer.allocate(16 * 1024);
            for (var e : put.entrySet()) assertEquals(e.getValue(), spill.get(e.getKey(), scratch));
            assertThrows(IOException.class, () -> spill.get(-1, scratch));
            long past = put.keySet().stream().mapToLong(Long::longValue).max().orElseThrow() + 1_000_000;
            assertThrows(IOException.class, () -> spill.get(past, scratch));
        }
    }

    @Test
    void theFileIsDeletedOnClose() throws Exception {
        TextSpill spill = new TextSpill();
        long at = spill.put("66.104.205.72 - - [01/Aug/2001:00:00:04 +0000] \"GET /default.ida?NNNN\"");
        ByteBuffer scratch = ByteBuffer.allocate(1024);
        assertEquals("66.104.205.72 - - [01/Aug/2001:00:00:04 +0000] \"GET /default.ida?NNNN\"", spill.get(at, scratch));
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        long before;
        try (var files = java.nio.file.Files.list(file)) {
            before = files.filter(p -> p.getFileName().toString().startsWith("wormsign-evidence-")).count();
        }
        assertTrue(before >= 1);
        spill.close();
        long after;
        try (var files = java.nio.file.Files.list(file)) {
            after = files.filter(p -> p.getFileName().toString().startsWith("wormsign-evidence-")).count();
        }
        assertEquals(before - 1, after);
        assertThrows(IOException.class, () -> spill.get(at, scratch));
    }

    @Test
    void aTemporaryFolderThatCannotBeWrittenIsSaidInOneLine() {
        try (TextSpill spill = new TextSpill(java.nio.file.Path.of("/nonexistent/wormsign-test"))) {
            var e = assertThrows(java.io.UncheckedIOException.class, () -> spill.put("x"));
            assertTrue(e.getMessage().startsWith("evidence text could not be written to a temporary file in /nonexistent/wormsign-test: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }
}
