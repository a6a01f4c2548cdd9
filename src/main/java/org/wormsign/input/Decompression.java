package org.wormsign.input;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Recognises compressed input and archives by their magic bytes, never by their name (rotated logs are
 * often renamed): first a codec (gzip, bzip2, xz, zstd), then, in what it decodes to, a zip or tar archive.
 * Every codec reads concatenated members/streams/frames, and ending inside one is an error, not a short read.
 */
public final class Decompression {
    private Decompression() {}

    private static final int BUFFER = 1 << 16;
    /** tar's magic "ustar" sits at offset 257 of the first header (POSIX.1-1988 and GNU both). */
    private static final int TAR_MAGIC_OFFSET = 257;
    private static final byte[] TAR_MAGIC = {'u', 's', 't', 'a', 'r'};
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
    private static final byte[] BZIP2_MAGIC = {'B', 'Z', 'h'};

    /** The codec an input was stored with; {@link #label()} is what summary.json says. */
    public enum Codec {
        PLAIN, GZIP, BZIP2, XZ, ZSTD;

        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    /** An archive whose members are inputs of their own; NONE for a log. */
    public enum Container {
        NONE, ZIP, TAR;

        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    /**
     * @param stream the decoded bytes: the log, or the archive to read members from
     */
    public record Opened(InputStream stream, Codec codec, Container container) {
        /** As summary.json's {@code compression} says it: plain, gzip, …, zip, tar, tar+gzip. */
        public String compression() {
            if (container == Container.NONE) return codec.label();
            return codec == Codec.PLAIN ? container.label() : container.label() + "+" + codec.label();
        }
    }

    public static Opened open(InputStream raw) throws IOException {
        BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(new OneReadPerCall(raw), BUFFER);
        in.mark(TAR_MAGIC_OFFSET + TAR_MAGIC.length);
        byte[] head = in.readNBytes(6);
        in.reset();
        Codec codec = codecOf(head);
        if (codec == Codec.PLAIN) return new Opened(in, codec, containerOf(in));
        BufferedInputStream decoded;
        Container container;
        try {
            decoded = new BufferedInputStream(new SmallReads(decoder(codec, in)), BUFFER);
            container = containerOf(decoded);
        } catch (IOException e) {
            // Damaged in its first bytes: still say which codec it is; the read reports the damage.
            return new Opened(failing(e), codec, Container.NONE);
        }
        return new Opened(decoded, codec, container);
    }

    /**
     * BufferedInputStream keeps reading while the stream below says more is available, and drops what it
     * gathered in that call when a later read throws: the lines before a cut would go uncounted. Saying
     * nothing is available makes it return after each read. (available() is only a hint.)
     */
    static final class OneReadPerCall extends FilterInputStream {
        OneReadPerCall(InputStream in) { super(in); }

        @Override public int available() { return 0; }
    }

    private static InputStream failing(IOException e) {
        return new InputStream() {
            @Override public int read() throws IOException { throw e; }
        };
    }

    private static Codec codecOf(byte[] h) {
        if (startsWith(h, GZIP_MAGIC)) return Codec.GZIP;
        // "BZh" then the block size, '1'..'9'
        if (startsWith(h, BZIP2_MAGIC) && h.length > 3 && h[3] >= '1' && h[3] <= '9') return Codec.BZIP2;
        if (startsWith(h, new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0})) return Codec.XZ;
        if (h.length >= 4) {
            int le = h[0] & 0xff | (h[1] & 0xff) << 8 | (h[2] & 0xff) << 16 | (h[3] & 0xff) << 24;
            // A frame, or a skippable frame (pzstd starts its output with one).
            if (le == 0xFD2FB528 || (le & 0xFFFFFFF0) == 0x184D2A50) return Codec.ZSTD;
        }
        return Codec.PLAIN;
    }

    private static InputStream decoder(Codec codec, BufferedInputStream in) throws IOException {
        return switch (codec) {
            // One member at a time (see ConcatenatedMembers); each decoder checks its member's CRC and length.
            case GZIP -> new ConcatenatedMembers(in, GZIP_MAGIC, GzipCompressorInputStream::new, "gzip member");
            case BZIP2 -> new ConcatenatedMembers(in, BZIP2_MAGIC, s -> new BZip2CompressorInputStream(s, false), "bzip2 stream");
            // xz-java's concatenated mode returns every byte before it complains about what follows.
            case XZ -> XZCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
            case ZSTD -> new ZstdCompressorInputStream(new ZstdFrameCheck(in));
            case PLAIN -> in;
        };
    }

    private static Container containerOf(BufferedInputStream in) throws IOException {
        in.mark(TAR_MAGIC_OFFSET + TAR_MAGIC.length);
        byte[] h = in.readNBytes(TAR_MAGIC_OFFSET + TAR_MAGIC.length);
        in.reset();
        // A local file header, or the end record of an empty zip.
        if (startsWith(h, new byte[] {'P', 'K', 3, 4}) || startsWith(h, new byte[] {'P', 'K', 5, 6})) return Container.ZIP;
        if (h.length == TAR_MAGIC_OFFSET + TAR_MAGIC.length && java.util.Arrays.equals(h, TAR_MAGIC_OFFSET, h.length, TAR_MAGIC, 0, TAR_MAGIC.length)) {
            return Container.TAR;
        }
        return Container.NONE;
    }

    private static boolean startsWith(byte[] h, byte[] magic) {
        return h.length >= magic.length && java.util.Arrays.equals(h, 0, magic.length, magic, 0, magic.length);
    }
}
