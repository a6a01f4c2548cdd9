package org.wormsign.input;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Frames a byte stream into lines, handed out as ranges of one reused buffer: no copy, no decoding.
 * A line ends at LF; a CR just before it is dropped (CRLF); a last line without LF still counts.
 * A line longer than the limit is reported once, with its first bytes, and skipped to its end.
 */
public final class LineReader {
    /** Receives every line of the stream, in order. */
    public interface Sink {
        /** The line {@code [start, end)} of {@code buf}, without its line ending. */
        void line(byte[] buf, int start, int end, long lineNumber, long offset);

        /** A line over the limit: {@code [prefixStart, prefixEnd)} holds its first bytes, {@code length} its full length. */
        void tooLong(byte[] buf, int prefixStart, int prefixEnd, long lineNumber, long offset, long length);
    }

    public static final int DEFAULT_MAX_LINE = 1 << 20;
    private static final int READ_CHUNK = 1 << 20;
    /** How much of an over-long line is kept to show in the reject sample. */
    private static final int PREFIX = 4096;

    private final InputStream in;
    private final int maxLine;
    private final long baseOffset;
    private final byte[] buf;

    public LineReader(InputStream in, int maxLine) {
        this(in, maxLine, 0);
    }

    /** @param baseOffset the offset of the stream's first byte in the input (a chunk of a file starts inside it) */
    public LineReader(InputStream in, int maxLine, long baseOffset) {
        if (maxLine < 1) throw new IllegalArgumentException("maxLine must be positive");
        this.baseOffset = baseOffset;
        this.in = in;
        this.maxLine = maxLine;
        this.buf = new byte[maxLine + 1 + READ_CHUNK];
    }

    /** Reads to the end of the stream; returns the number of bytes read. */
    public long readAll(Sink sink) throws IOException {
        byte[] b = buf;
        int limit = 0;        // bytes valid in buf
        int lineStart = 0;    // start of the current, unfinished line
        int scan = 0;         // where the search for LF resumes
        long base = baseOffset; // input offset of buf[0]
        long lineNumber = 1;
        // Set while skipping the rest of an over-long line: its start offset, length so far, first bytes.
        long skippingOffset = -1;
        long skippedLength = 0;
        byte[] skippedPrefix = null;
        boolean droppedCr = false;  // the last byte dropped while skipping was a CR (its LF may come next read)
        while (true) {
            int n = in.read(b, limit, b.length - limit);
            if (n < 0) break;
            limit += n;
            while (true) {
                int nl = indexOfLf(b, scan, limit);
                if (nl < 0) break;
                if (skippingOffset >= 0) {
                    skippedLength += nl - lineStart;
                    if (nl > lineStart ? b[nl - 1] == '\r' : droppedCr) skippedLength--;
                    sink.tooLong(skippedPrefix, 0, skippedPrefix.length, lineNumber, skippingOffset, skippedLength);
                    skippingOffset = -1;
                } else {
                    int end = nl > lineStart && b[nl - 1] == '\r' ? nl - 1 : nl;
                    if (end - lineStart > maxLine) {
                        sink.tooLong(b, lineStart, lineStart + Math.min(maxLine, PREFIX), lineNumber, base + lineStart, end - lineStart);
                    } else {
                        sink.line(b, lineStart, end, lineNumber, base + lineStart);
                    }
                }
                lineNumber++;
                lineStart = nl + 1;
                scan = lineStart;
            }
            scan = limit;
            if (skippingOffset >= 0) {
                // Still inside an over-long line: drop what we have of it.
                if (limit > lineStart) droppedCr = b[limit - 1] == '\r';
                skippedLength += limit - lineStart;
                base += limit;
                limit = lineStart = scan = 0;
            } else if (limit - lineStart > maxLine + 1) {
                // +1: the line may still end with CR LF and be exactly at the limit.
                skippedLength = limit - lineStart;
                skippingOffset = base + lineStart;
                droppedCr = b[limit - 1] == '\r';
                // The first maxLine bytes are all line content: the line is longer than that.
                skippedPrefix = java.util.Arrays.copyOfRange(b, lineStart, lineStart + Math.min(maxLine, PREFIX));
                base += limit;
                limit = lineStart = scan = 0;
            } else if (b.length - limit < READ_CHUNK / 2) {
                // Make room: move the unfinished line to the front.
                int keep = limit - lineStart;
                System.arraycopy(b, lineStart, b, 0, keep);
                base += lineStart;
                scan -= lineStart;
                limit = keep;
                lineStart = 0;
            }
        }
        if (skippingOffset >= 0) {
            skippedLength += limit - lineStart;
            sink.tooLong(skippedPrefix, 0, skippedPrefix.length, lineNumber, skippingOffset, skippedLength);
        } else if (lineStart < limit) {
            int end = limit;
            if (end - lineStart > maxLine) {
                sink.tooLong(b, lineStart, lineStart + Math.min(maxLine, PREFIX), lineNumber, base + lineStart, end - lineStart);
            } else {
                sink.line(b, lineStart, end, lineNumber, base + lineStart);
            }
        }
        return base + limit - baseOffset;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LF_BYTES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The next LF, eight bytes at a time (SWAR: a byte of {@code w ^ LF} is zero where an LF is; the
     * lowest flagged byte of {@code (x - 0x01…) & ~x & 0x80…} is exactly the first zero byte).
     */
    static int indexOfLf(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ LF_BYTES;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        for (; i < to; i++) if (b[i] == '\n') return i;
        return -1;
    }
}
