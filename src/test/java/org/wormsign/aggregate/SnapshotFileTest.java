package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binary form writes and reads back exactly, and a file that is not one this version reads is refused in one line. */
class SnapshotFileTest {
    @TempDir Path dir;

    private static TextBudget plenty() {
        return new TextBudget(TextBudget.DEFAULT_BYTES);
    }

    @RepeatedTest(6)
    void randomSnapshotsReadBackEqual(RepetitionInfo repetition) throws IOException {
        long seed = repetition.getCurrentRepetition();
        // Odd seeds keep no text in memory: the spill is written out and read back into another spill.
        TextBudget budget = seed % 2 == 1 ? new TextBudget(0) : plenty();
        Snapshot s = RandomRuns.run(seed, 0, 3 + (int) seed, budget, Instant.ofEpochSecond(1_000_000_000L, 123_456_789));
        assertTrue(s.sourceCount() > 10 && !s.rejectSamples().isEmpty() && !s.salvaged().isEmpty() && s.unreadable400Count() > 0,
                "the snapshot holds a bit of everything: " + s);
        Path file = dir.resolve("run.snapshot");
        SnapshotFile.write(s, file);
        Snapshot back = SnapshotFile.read(file, seed % 2 == 1 ? new TextBudget(0) : plenty());
        assertEquals(s, back);
        assertTrue(s.sameContent(back));
        assertFalse(Files.exists(dir.resolve(".run.snapshot.partial")), "no temporary file left");
    }

    @Test
    void theComparisonSeesADifference() {
        // The round trip is only as strong as equals: one input less, or another start, must show.
        Snapshot s = RandomRuns.run(3, 0, 4);
        assertNotEquals(s, RandomRuns.run(3, 0, 3));
        Snapshot later = RandomRuns.run(3, 0, 4, plenty(), Instant.ofEpochSecond(2_000_000_000L));
        assertNotEquals(s, later);
        assertTrue(s.sameContent(later), "the same content, from another run");
    }

    @Test
    void aNewerFormatIsRefusedWithItsVersion() throws IOException {
        Path file = dir.resolve("new.snapshot");
        SnapshotFile.write(RandomRuns.run(1, 0, 2), file);
        byte[] b = Files.readAllBytes(file);
        ByteBuffer.wrap(b).putInt(SnapshotFile.MAGIC.length, SnapshotFile.VERSION + 1);
        Files.write(file, b);
        SnapshotFile.Unreadable e = assertThrows(SnapshotFile.Unreadable.class, () -> SnapshotFile.read(file, plenty()));
        assertTrue(e.getMessage().contains("format " + (SnapshotFile.VERSION + 1)) && e.getMessage().contains("newer wormsign"), e.getMessage());
    }

    @Test
    void aForeignFileIsRefused() throws IOException {
        Path file = dir.resolve("access_log");
        Files.writeString(file, "10.0.0.1 - - [19/Jul/2001:10:00:00 +0000] \"GET / HTTP/1.0\" 200 1\n", StandardCharsets.UTF_8);
        SnapshotFile.Unreadable e = assertThrows(SnapshotFile.Unreadable.class, () -> SnapshotFile.read(file, plenty()));
        assertTrue(e.getMessage().startsWith("not a wormsign snapshot"), e.getMessage());
        Files.write(file, new byte[0]);
        assertThrows(SnapshotFile.Unreadable.class, () -> SnapshotFile.read(file, plenty()));
        assertTrue(assertThrows(SnapshotFile.Unreadable.class, () -> SnapshotFile.read(dir.resolve("absent"), plenty()))
                .getMessage().contains("no such file"));
    }

    @Test
    void aCutOrDamagedFileIsRefusedNeverThrownOtherwise() throws IOException {
        Path file = dir.resolve("whole.snapshot");
        SnapshotFile.write(RandomRuns.run(2, 0, 3), file);
        byte[] whole = Files.readAllBytes(file);
        SplittableRandom r = new SplittableRandom(5);
        Path damaged = dir.resolve("damaged.snapshot");
        for (int round = 0; round < 60; round++) {
            byte[] b;
            if (round % 2 == 0) {
                b = Arrays.copyOf(whole, r.nextInt(whole.length));
            } else {
                b = whole.clone();
                int at = SnapshotFile.MAGIC.length + 4 + r.nextInt(whole.length - SnapshotFile.MAGIC.length - 4);
                b[at] ^= (byte) (1 + r.nextInt(255));
            }
            Files.write(damaged, b);
            // Only Unreadable, with a one-line message: no other exception, no stack trace for the user.
            SnapshotFile.Unreadable e = assertThrows(SnapshotFile.Unreadable.class, () -> SnapshotFile.read(damaged, plenty()), "round " + round);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
