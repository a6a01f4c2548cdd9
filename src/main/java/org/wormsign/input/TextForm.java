package org.wormsign.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * How a log's text is spelled, seen in its first bytes (after any decompression): its encoding and what
 * ends its lines. Web servers write bytes ending in LF (or CR LF); two other spellings reach a responder
 * and would otherwise be misread as a single line or as binary:
 *
 * <ul>
 *   <li>UTF-16 (a log saved by Notepad as "Unicode", or passed through Windows PowerShell 5's {@code >}),
 *       with a byte-order mark ({@code FF FE}, {@code FE FF}) or without one but with the tell-tale zero
 *       byte beside every ASCII character. It is decoded to UTF-8 as it is read; line numbers stay, byte
 *       offsets are then of the UTF-8 form.</li>
 *   <li>CR alone as the line end (classic Mac OS text): when the first bytes hold a CR and no LF at all,
 *       every CR is read as LF. Byte offsets and line numbers are unchanged.</li>
 * </ul>
 *
 * A UTF-8 byte-order mark ({@code EF BB BF}) is kept in the stream, so offsets stay exact; the first line
 * is read from just after it ({@link #bomLength()}).
 */
public record TextForm(Encoding encoding, boolean crLineEnds) {
    /** The encodings told apart. {@link #BYTES} is anything else: ASCII, UTF-8, Latin-1, raw bytes. */
    public enum Encoding {
        BYTES, UTF8_BOM, UTF16LE, UTF16BE;

        /** How summary texts name it. */
        public String label() {
            return switch (this) {
                case BYTES -> "bytes";
                case UTF8_BOM -> "utf-8 with byte-order mark";
                case UTF16LE -> "utf-16le";
                case UTF16BE -> "utf-16be";
            };
        }
    }

    /** Bytes, LF line ends: what nearly every log is. */
    public static final TextForm PLAIN = new TextForm(Encoding.BYTES, false);

    /** How many of the first bytes decide a BOM-less UTF-16 guess. */
    private static final int UTF16_SAMPLE = 4096;

    /**
     * @param head the first bytes of the decompressed input, as many as there are up to some tens of KiB
     */
    public static TextForm detect(byte[] head, int length) {
        Encoding e = encodingOf(head, length);
        byte[] text = e == Encoding.UTF16LE || e == Encoding.UTF16BE ? utf16ToUtf8(head, length, e) : head;
        int textLength = text == head ? length : text.length;
        boolean cr = false, lf = false;
        for (int i = 0; i < textLength && !lf; i++) {
            if (text[i] == '\n') lf = true;
            else if (text[i] == '\r') cr = true;
        }
        return new TextForm(e, cr && !lf);
    }

    private static Encoding encodingOf(byte[] h, int n) {
        if (n >= 3 && (h[0] & 0xff) == 0xEF && (h[1] & 0xff) == 0xBB && (h[2] & 0xff) == 0xBF) return Encoding.UTF8_BOM;
        if (n >= 2 && (h[0] & 0xff) == 0xFF && (h[1] & 0xff) == 0xFE) return Encoding.UTF16LE;
        if (n >= 2 && (h[0] & 0xff) == 0xFE && (h[1] & 0xff) == 0xFF) return Encoding.UTF16BE;
        // Without a mark: ASCII text in UTF-16 has a zero in every other byte and (almost) none in the others.
        // A file of zeros has them in both and is not text at all.
        int pairs = Math.min(n, UTF16_SAMPLE) / 2;
        if (pairs < 8) return Encoding.BYTES;
        int zeroEven = 0, zeroOdd = 0;
        for (int i = 0; i < pairs; i++) {
            if (h[2 * i] == 0) zeroEven++;
            if (h[2 * i + 1] == 0) zeroOdd++;
        }
        if (zeroOdd * 10 >= pairs * 9 && zeroEven * 10 <= pairs) return Encoding.UTF16LE;
        if (zeroEven * 10 >= pairs * 9 && zeroOdd * 10 <= pairs) return Encoding.UTF16BE;
        return Encoding.BYTES;
    }

    /**
     * Whether these bytes (decoded, as {@link #decodeHead} makes them) are not text at all: more than one in
     * a hundred of the bytes that are not NUL is a control byte text does not hold (tab, LF, FF and CR
     * aside). Random data has about one in nine, a binary file of records (wtmp, a journal) more; a log
     * with hostile bytes in some lines, far fewer. NULs are left out: a run of them before log lines is a
     * hole, the mark of logrotate's {@code copytruncate} behind a writer without {@code O_APPEND}, or of a
     * crash, and the lines after it are still a log.
     */
    public static boolean notText(byte[] text, int length) {
        int control = 0, other = 0;
        for (int i = 0; i < length; i++) {
            int c = text[i] & 0xff;
            if (c == 0) continue;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') control++;
            else other++;
        }
        return control * 100 > control + other;
    }

    /** Whether the first line starts with a UTF-8 byte-order mark of this many bytes, to be passed over. */
    public int bomLength() {
        return encoding == Encoding.UTF8_BOM ? 3 : 0;
    }

    /** The input's bytes as wormsign reads them: UTF-16 decoded to UTF-8, CR line ends made LF. */
    public InputStream decode(InputStream in) {
        InputStream s = in;
        if (encoding == Encoding.UTF16LE || encoding == Encoding.UTF16BE) s = new Utf16ToUtf8(s, encoding == Encoding.UTF16BE);
        if (crLineEnds) s = new CrAsLf(s);
        return s;
    }

    /** {@link #decode} of a head already read: a prefix of what {@code decode} makes of the whole input. */
    public byte[] decodeHead(byte[] head, int length) {
        byte[] out = encoding == Encoding.UTF16LE || encoding == Encoding.UTF16BE
                ? utf16ToUtf8(head, length, encoding)
                : java.util.Arrays.copyOf(head, length);
        if (crLineEnds) for (int i = 0; i < out.length; i++) if (out[i] == '\r') out[i] = '\n';
        return out;
    }

    /**
     * The length of {@code head} up to and including its last complete line end in this form, or 0: what
     * of a head cut by damage is whole lines.
     */
    public int wholeLines(byte[] head, int length) {
        boolean utf16 = encoding == Encoding.UTF16LE || encoding == Encoding.UTF16BE;
        int p = utf16 ? length & ~1 : length;
        int step = utf16 ? 2 : 1;
        for (int i = p - step; i >= 0; i -= step) {
            int c = utf16 ? (encoding == Encoding.UTF16BE ? (head[i] & 0xff) << 8 | head[i + 1] & 0xff : head[i] & 0xff | (head[i + 1] & 0xff) << 8)
                    : head[i] & 0xff;
            if (c == '\n' || crLineEnds && c == '\r') return i + step;
        }
        return 0;
    }

    private static byte[] utf16ToUtf8(byte[] head, int length, Encoding e) {
        try (InputStream s = new Utf16ToUtf8(new java.io.ByteArrayInputStream(head, 0, length), e == Encoding.UTF16BE)) {
            return s.readAllBytes();
        } catch (IOException ex) {
            throw new IllegalStateException("a byte array cannot fail to read", ex);
        }
    }

    /** Every CR becomes LF, byte for byte. */
    private static final class CrAsLf extends FilterInputStream {
        CrAsLf(InputStream in) { super(in); }

        @Override public int read() throws IOException {
            int c = in.read();
            return c == '\r' ? '\n' : c;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            for (int i = off; i < off + n; i++) if (b[i] == '\r') b[i] = '\n';
            return n;
        }

        @Override public long skip(long n) throws IOException {
            return in.skip(n);
        }
    }

    /**
     * UTF-16 to UTF-8, by hand so that nothing is lost silently: a leading byte-order mark is dropped, a
     * surrogate without its pair is written as its own three bytes (which are not valid UTF-8, so evidence
     * shows them as {@code \xHH}), and an odd last byte as the invalid byte {@code 0xFF}.
     */
    static final class Utf16ToUtf8 extends InputStream {
        private final InputStream in;
        private final boolean bigEndian;
        private final byte[] raw = new byte[8192];
        private int rawPos, rawLen;
        private final byte[] out = new byte[4];
        private int outPos, outLen;
        private boolean first = true;
        private boolean ended;

        Utf16ToUtf8(InputStream in, boolean bigEndian) {
            this.in = in;
            this.bigEndian = bigEndian;
        }

        @Override public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            int done = 0;
            while (done < len) {
                if (outPos < outLen) {
                    b[off + done++] = out[outPos++];
                    continue;
                }
                // Return what is ready rather than read on: damage further on must not swallow it. Four
                // buffered bytes are enough for any character, a surrogate pair included.
                if (done > 0 && rawLen - rawPos < 4 && !ended) break;
                if (!nextChar()) break;
            }
            return done == 0 ? -1 : done;
        }

        /** Decodes the next character into {@code out}; false at the end of input. */
        private boolean nextChar() throws IOException {
            int u = unit();
            if (first) {
                first = false;
                if (u == 0xFEFF) u = unit();
            }
            if (u == -1) return false;
            if (u == -2) { // an odd last byte
                put(0xFF);
                return true;
            }
            int cp = u;
            if (u >= 0xD800 && u <= 0xDBFF) {
                int lo = peekUnit();
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    unit();
                    cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                }
            }
            encode(cp);
            return true;
        }

        private void put(int... bytes) {
            outPos = 0;
            outLen = bytes.length;
            for (int i = 0; i < bytes.length; i++) out[i] = (byte) bytes[i];
        }

        private void encode(int cp) {
            if (cp < 0x80) put(cp);
            else if (cp < 0x800) put(0xC0 | cp >> 6, 0x80 | cp & 0x3F);
            else if (cp < 0x10000) put(0xE0 | cp >> 12, 0x80 | cp >> 6 & 0x3F, 0x80 | cp & 0x3F);
            else put(0xF0 | cp >> 18, 0x80 | cp >> 12 & 0x3F, 0x80 | cp >> 6 & 0x3F, 0x80 | cp & 0x3F);
        }

        /** The next 16-bit unit; -1 at the end, -2 for an odd last byte. */
        private int unit() throws IOException {
            if (!fill(2)) {
                if (rawLen - rawPos == 1) {
                    rawPos++;
                    return -2;
                }
                return -1;
            }
            int a = raw[rawPos] & 0xff, c = raw[rawPos + 1] & 0xff;
            rawPos += 2;
            return bigEndian ? a << 8 | c : c << 8 | a;
        }

        private int peekUnit() throws IOException {
            if (!fill(2)) return -1;
            int a = raw[rawPos] & 0xff, c = raw[rawPos + 1] & 0xff;
            return bigEndian ? a << 8 | c : c << 8 | a;
        }

        /** Makes at least {@code want} bytes available unless the input ends first. */
        private boolean fill(int want) throws IOException {
            while (rawLen - rawPos < want) {
                if (ended) return false;
                if (rawPos > 0) {
                    System.arraycopy(raw, rawPos, raw, 0, rawLen - rawPos);
                    rawLen -= rawPos;
                    rawPos = 0;
                }
                int n = in.read(raw, rawLen, raw.length - rawLen);
                if (n < 0) ended = true;
                else rawLen += n;
            }
            return true;
        }

        @Override public void close() throws IOException {
            in.close();
        }
    }
}
