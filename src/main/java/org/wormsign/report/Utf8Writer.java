package org.wormsign.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A buffered UTF-8 writer for the outputs, which are hundreds of megabytes on a large run. The JDK's
 * {@code BufferedWriter} over an encoder copies every appended range into a new String first (Commons CSV
 * appends each cell as a range) and encodes through a CharBuffer; this encodes straight from the text into
 * one byte array. A lone surrogate (not valid UTF-16, so not text any input can give) is written as
 * {@code ?}, as {@link String#getBytes} does, rather than failing the whole output.
 */
public final class Utf8Writer extends Writer {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private final char[] chars = new char[1 << 13];
    private int n;
    /** A high surrogate whose low half has not been written yet, or 0. */
    private char high;
    private boolean closed;

    public Utf8Writer(OutputStream out) {
        this.out = out;
    }

    @Override public void write(int c) throws IOException {
        if (n + 4 > buf.length) drain();
        put((char) c);
    }

    /**
     * Runs of ASCII are copied in a loop over locals; anything else goes through {@link #put} one char at a
     * time. A single loop with both (and the fields {@code n} and {@code high} in it) was compiled well in
     * some runs and badly in others, after the first non-ASCII char had deoptimized it: writing a million
     * sources' evidence then took 20 s instead of 10.
     */
    @Override public void write(char[] cs, int off, int len) throws IOException {
        for (int i = off, end = off + len; i < end; ) {
            if (n + 8 > buf.length) drain();
            int stop = Math.min(end, i + room());
            if (high == 0) {
                byte[] b = buf;
                int k = n;
                while (i < stop) {
                    char c = cs[i];
                    if (c >= 0x80) break;
                    b[k++] = (byte) c;
                    i++;
                }
                n = k;
            }
            if (i < stop) put(cs[i++]);
        }
    }

    @Override public void write(String s, int off, int len) throws IOException {
        append(s, off, off + len);
    }

    @Override public Writer append(CharSequence csq) throws IOException {
        CharSequence s = csq == null ? "null" : csq;
        return append(s, 0, s.length());
    }

    /**
     * Strings and builders are copied out a block at a time and encoded from the array: a char-by-char loop
     * through the CharSequence interface was, in some runs, compiled so badly that writing 1 GB took a minute.
     */
    @Override public Writer append(CharSequence csq, int start, int end) throws IOException {
        CharSequence s = csq == null ? "null" : csq;
        for (int i = start; i < end; ) {
            int j = Math.min(end, i + chars.length);
            if (s instanceof String str) str.getChars(i, j, chars, 0);
            else if (s instanceof StringBuilder sb) sb.getChars(i, j, chars, 0);
            else for (int k = i; k < j; k++) chars[k - i] = s.charAt(k);
            write(chars, 0, j - i);
            i = j;
        }
        return this;
    }

    /**
     * Writes bytes that are UTF-8 already (rows another {@code Utf8Writer} encoded on another thread), after
     * what was written before them.
     */
    public void writeUtf8(byte[] b, int off, int len) throws IOException {
        if (high != 0) {
            high = 0;
            if (n + 1 > buf.length) drain();
            buf[n++] = '?';
        }
        if (len <= buf.length - n) {
            System.arraycopy(b, off, buf, n, len);
            n += len;
            return;
        }
        drain();
        out.write(b, off, len);
    }

    @Override public Writer append(char c) throws IOException {
        write(c);
        return this;
    }

    /**
     * How many chars surely fit: each takes at most 3 bytes on average (a surrogate pair is 4 bytes for 2
     * chars), plus one for a '?' of a lone high surrogate left from before.
     */
    private int room() {
        return (buf.length - n - 1) / 3;
    }

    private void put(char c) {
        if (high != 0) {
            char h = high;
            high = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(h, c);
                buf[n++] = (byte) (0xF0 | cp >> 18);
                buf[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[n++] = (byte) (0x80 | cp & 0x3F);
                return;
            }
            buf[n++] = '?';
        }
        if (c < 0x80) {
            buf[n++] = (byte) c;
        } else if (c < 0x800) {
            buf[n++] = (byte) (0xC0 | c >> 6);
            buf[n++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isHighSurrogate(c)) {
            high = c;
        } else if (Character.isLowSurrogate(c)) {
            buf[n++] = '?';
        } else {
            buf[n++] = (byte) (0xE0 | c >> 12);
            buf[n++] = (byte) (0x80 | c >> 6 & 0x3F);
            buf[n++] = (byte) (0x80 | c & 0x3F);
        }
    }

    private void drain() throws IOException {
        if (closed) throw new IOException("writer closed");
        out.write(buf, 0, n);
        n = 0;
    }

    @Override public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override public void close() throws IOException {
        if (closed) return;
        try {
            if (high != 0) {
                high = 0;
                if (n + 1 > buf.length) drain();
                buf[n++] = '?';
            }
            drain();
        } finally {
            closed = true;
            out.close();
        }
    }
}
