package org.wormsign.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Asks a decoder for at most {@link #STEP} bytes per read. A decoder that meets damage throws, and what it
 * had already decoded in that same call is lost; with large reads (the line reader asks for 1 MiB) that
 * was most of the lines before a cut. With small ones, at most {@code STEP} decoded bytes before the
 * damage go uncounted (beyond what the codec cannot decode at all from a cut block: bzip2 and xz decode
 * whole blocks or chunks, zstd whole blocks of up to 128 KiB).
 */
final class SmallReads extends FilterInputStream {
    static final int STEP = 8 * 1024;

    SmallReads(InputStream in) {
        super(in);
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, Math.min(len, STEP));
    }

    /** Always 0, for the reason in {@link Decompression.OneReadPerCall}. */
    @Override public int available() {
        return 0;
    }
}
