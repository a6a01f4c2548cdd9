package org.wormsign.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Recognises compressed input by its magic bytes, never by its name (rotated logs are often renamed).
 */
public final class Decompression {
    private Decompression() {}

    /** The codec an input was stored with. */
    public enum Codec { PLAIN, GZIP }

    public record Opened(InputStream stream, Codec codec) {}

    public static Opened open(InputStream raw) throws IOException {
        BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, 1 << 16);
        in.mark(4);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            // decompressConcatenated: logrotate's and `cat a.gz b.gz`'s multi-member files. The JDK's
            // GZIPInputStream decides whether another member follows from available(), which a pipe
            // can answer with 0 mid-stream: a silent undercount.
            return new Opened(new GzipCompressorInputStream(in, true), Codec.GZIP);
        }
        return new Opened(in, Codec.PLAIN);
    }
}
