package org.wormsign.input;

import java.io.IOException;
import java.io.InputStream;

/**
 * Follows the frame and block headers of zstd data as it passes to the decoder, to tell a stream that ends
 * between frames from one cut inside a frame. zstd-jni (1.5.7) reports a frame cut inside its body, but
 * when only the first bytes of a next frame are there it ends quietly, as if the data were complete.
 * Layout from RFC 8878 section 3.1: frames (magic, header, blocks, optional checksum) and skippable frames
 * (magic, 4-byte size, that many bytes). Only headers are read; block contents are counted past.
 */
final class ZstdFrameCheck extends WatchingInputStream {
    private static final int FRAME_MAGIC = 0xFD2FB528;
    private static final int SKIPPABLE_MAGIC = 0x184D2A50; // low 4 bits free

    private enum Part { MAGIC, DESCRIPTOR, HEADER_REST, BLOCK_HEADER, BLOCK_CONTENT, CHECKSUM, SKIPPABLE_SIZE, SKIPPABLE_CONTENT, UNKNOWN }

    private Part part = Part.MAGIC;
    private final byte[] field = new byte[4];
    private int have;       // bytes of field collected
    private long left;      // bytes of the current part still to pass
    private boolean lastBlock;
    private boolean hasChecksum;
    private long frames;

    ZstdFrameCheck(InputStream in) {
        super(in);
    }

    @Override public int read() throws IOException {
        int c = in.read();
        if (c < 0) atEnd();
        else pass(new byte[] {(byte) c}, 0, 1);
        return c;
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) atEnd();
        else pass(b, off, n);
        return n;
    }

    private void atEnd() throws DamagedInputException {
        if (part != Part.MAGIC && part != Part.UNKNOWN || have > 0) {
            throw new DamagedInputException("zstd data ends inside frame " + (frames + 1) + " (cut short)");
        }
    }

    private void pass(byte[] b, int p, int n) {
        int end = p + n;
        while (p < end && part != Part.UNKNOWN) {
            switch (part) {
                case MAGIC, DESCRIPTOR, BLOCK_HEADER, SKIPPABLE_SIZE -> {
                    field[have++] = b[p++];
                    if (have == width(part)) {
                        have = 0;
                        fieldDone();
                    }
                }
                default -> {
                    int step = (int) Math.min(left, end - p);
                    p += step;
                    left -= step;
                    if (left == 0) partDone();
                }
            }
        }
    }

    private static int width(Part p) {
        return switch (p) {
            case DESCRIPTOR -> 1;
            case BLOCK_HEADER -> 3;
            default -> 4;
        };
    }

    private int le(int bytes) {
        int v = 0;
        for (int i = bytes - 1; i >= 0; i--) v = v << 8 | field[i] & 0xff;
        return v;
    }

    private void fieldDone() {
        switch (part) {
            case MAGIC -> {
                int magic = le(4);
                if (magic == FRAME_MAGIC) part = Part.DESCRIPTOR;
                else if ((magic & 0xFFFFFFF0) == SKIPPABLE_MAGIC) part = Part.SKIPPABLE_SIZE;
                else part = Part.UNKNOWN; // not zstd: the decoder says so in its own words
            }
            case DESCRIPTOR -> {
                int d = field[0] & 0xff;
                boolean singleSegment = (d & 0x20) != 0;
                hasChecksum = (d & 0x04) != 0;
                int contentSizeBytes = switch (d >>> 6) {
                    case 0 -> singleSegment ? 1 : 0;
                    case 1 -> 2;
                    case 2 -> 4;
                    default -> 8;
                };
                int dictionaryIdBytes = new int[] {0, 1, 2, 4}[d & 3];
                startPart(Part.HEADER_REST, (singleSegment ? 0 : 1) + dictionaryIdBytes + contentSizeBytes);
            }
            case BLOCK_HEADER -> {
                int h = le(3);
                lastBlock = (h & 1) != 0;
                int type = h >>> 1 & 3;
                int size = h >>> 3;
                if (type == 3) part = Part.UNKNOWN; // reserved block type: corrupt, and the decoder says so
                else startPart(Part.BLOCK_CONTENT, type == 1 ? 1 : size); // RLE blocks store one byte
            }
            case SKIPPABLE_SIZE -> startPart(Part.SKIPPABLE_CONTENT, le(4) & 0xFFFFFFFFL);
            default -> throw new IllegalStateException(part.name());
        }
    }

    private void startPart(Part next, long bytes) {
        part = next;
        left = bytes;
        if (bytes == 0) partDone();
    }

    private void partDone() {
        switch (part) {
            case HEADER_REST -> part = Part.BLOCK_HEADER;
            case BLOCK_CONTENT -> {
                if (!lastBlock) part = Part.BLOCK_HEADER;
                else if (hasChecksum) startPart(Part.CHECKSUM, 4);
                else frameDone();
            }
            case CHECKSUM, SKIPPABLE_CONTENT -> frameDone();
            default -> throw new IllegalStateException(part.name());
        }
    }

    private void frameDone() {
        frames++;
        part = Part.MAGIC;
    }
}
