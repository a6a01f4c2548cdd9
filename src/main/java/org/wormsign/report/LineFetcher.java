package org.wormsign.report;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.wormsign.aggregate.Evidence;
import org.wormsign.aggregate.TextSpill;

/**
 * The text of evidence as a snapshot holds it: in memory, or in the snapshot's spill, read with a buffer of
 * this fetcher's (one per thread writing). Nothing is read from the inputs: the snapshot gathered every line
 * when it was made.
 */
public final class LineFetcher implements AutoCloseable {
    private final TextSpill spill;
    /** For texts read from the spill: most fit (a line is at most about 8 KB once made printable). */
    private final ByteBuffer spilled = ByteBuffer.allocate(16 * 1024);

    public LineFetcher(TextSpill spill) {
        this.spill = spill;
    }

    /** The evidence's text: as kept, or read from the snapshot's spill. */
    public String raw(Evidence e) {
        try {
            return spill.textOf(e, spilled);
        } catch (IOException x) {
            return "[line not kept in memory and unreadable now: " + x.getMessage() + "]";
        }
    }

    @Override public void close() {
        // Nothing held open: the spill belongs to the snapshot's budget.
    }
}
