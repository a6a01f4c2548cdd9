package org.wormsign.aggregate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of evidence text a run keeps in memory, shared by all its threads. Past it, evidence
 * from a plain file keeps only where its line is (input, offset), and the line is read back from the file
 * when it is written out (if the file is still what it was: {@link FileIdentity}): a million sources then
 * cost no more heap than their counters. Evidence from an input that cannot give a line back (compressed,
 * an archive member) goes to the run's {@link TextSpill}.
 */
public final class TextBudget {
    /**
     * Enough for the evidence of an ordinary run (some ten thousand lines) to stay in memory. More bought
     * nothing: million.log's outputs took as long with no text in memory (1.5 million lines read back) as
     * with 64 MiB of it, which cost about 100 MiB of its peak.
     */
    public static final long DEFAULT_BYTES = 8L << 20;

    private final AtomicLong remaining;
    /** Where text past the budget goes when its input cannot give the line back. */
    private final TextSpill spill = new TextSpill();

    public TextBudget(long bytes) {
        this.remaining = new AtomicLong(bytes);
    }

    /** The plain files evidence may be read back from, as they were when read (absent: unknown). */
    private final Map<String, FileIdentity> readBackFrom = new ConcurrentHashMap<>();

    public TextSpill spill() { return spill; }

    /** Notes what the plain file {@code path} is now: its lines are being read, and may be read back later. */
    public void rereadable(String path) {
        readBackFrom.computeIfAbsent(path, p -> {
            try {
                return FileIdentity.of(Path.of(p));
            } catch (IOException | RuntimeException e) {
                return null;   // not noted: read back unchecked, as a file whose attributes cannot be read
            }
        });
    }

    /** The file as it was when its lines were read, or null if not known. */
    public FileIdentity readBackIdentity(String path) { return readBackFrom.get(path); }

    /** Returns {@code bytes} taken earlier, for text that is no longer kept. */
    public void giveBack(long bytes) {
        remaining.addAndGet(bytes);
    }

    /** Takes {@code bytes} from the budget if it has them. */
    public boolean take(long bytes) {
        long r;
        do {
            r = remaining.get();
            if (r < bytes) return false;
        } while (!remaining.compareAndSet(r, r - bytes));
        return true;
    }
}
