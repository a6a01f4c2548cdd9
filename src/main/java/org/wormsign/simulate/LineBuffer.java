package org.wormsign.simulate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Bytes of log lines being written: appends without allocating, for writing gigabytes at disk speed. */
final class LineBuffer {
    private byte[] b;
    private int n;

    LineBuffer(int capacity) {
        b = new byte[Math.max(capacity, 256)];
    }

    int length() { return n; }

    byte[] array() { return b; }

    void clear() { n = 0; }

    private void ensure(int more) {
        if (n + more > b.length) b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
    }

    LineBuffer put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, b, n, bytes.length);
        n += bytes.length;
        return this;
    }

    LineBuffer put(char c) {
        ensure(1);
        b[n++] = (byte) c;
        return this;
    }

    /** ASCII text (directives and other rare lines). */
    LineBuffer put(String s) {
        return put(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    LineBuffer number(long v) {
        if (v < 0) {
            put('-');
            v = -v;
        }
        ensure(20);
        int start = n;
        do {
            b[n++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        for (int i = start, j = n - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
        return this;
    }

    /** Two digits, zero-padded. */
    LineBuffer two(int v) {
        ensure(2);
        b[n++] = (byte) ('0' + v / 10);
        b[n++] = (byte) ('0' + v % 10);
        return this;
    }

    LineBuffer ip(int a) {
        number(a >>> 24).put('.').number(a >>> 16 & 255).put('.').number(a >>> 8 & 255).put('.').number(a & 255);
        return this;
    }

    static String dotted(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
    }
}
