package org.wormsign.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Prints CSV rows straight into UTF-8 bytes, byte for byte as Commons CSV's {@code CSVFormat.DEFAULT} with
 * {@code '\n'} records prints them through a {@link Utf8Writer} (the differential test holds it to that). The
 * large outputs' rows are made here: Commons CSV scans each cell char by char through a CharSequence, appends
 * it in ranges that the writer copies and encodes again, and {@link CsvCells#safe} made a third pass and a new
 * String of every cell; together, writing a dense log's evidence took longer than reading it.
 *
 * <p>Quoting as {@code QuoteMode.MINIMAL} decides: a cell is quoted when it holds a quote, a comma, CR or LF,
 * when its first char is {@code '#'} or below (space, {@code !}, {@code "}, tab), when its last is a space or
 * below, or when it is empty and first in its row; a quote inside is doubled. A null cell is empty, unquoted.
 */
final class CsvRowBytes {
    private byte[] buf;
    private int n;
    private boolean rowStart = true;

    CsvRowBytes(int size) {
        buf = new byte[Math.max(64, size)];
    }

    int size() { return n; }

    void reset() {
        n = 0;
        rowStart = true;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, n);
    }

    void writeTo(Utf8Writer out) throws IOException {
        out.writeUtf8(buf, 0, n);
    }

    /** A number: never quoted (no digit or minus sign asks for it). */
    CsvRowBytes cell(long v) {
        delimit();
        room(20);
        if (v == Long.MIN_VALUE) {
            byte[] s = Long.toString(v).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            System.arraycopy(s, 0, buf, n, s.length);
            n += s.length;
            return this;
        }
        if (v < 0) {
            buf[n++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) digits++;
        for (int i = n + digits - 1; i >= n; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        n += digits;
        return this;
    }

    /** A cell of text the program made (a kind, a time, a header): quoted only as MINIMAL asks. */
    CsvRowBytes cell(String s) {
        boolean first = rowStart;
        delimit();
        if (s == null) return this;
        if (s.isEmpty()) {
            if (first) quotes(s, "");
            return this;
        }
        if (needsQuotes(s, s.charAt(0))) quotes("", s);
        else plain("", s);
        return this;
    }

    /**
     * A cell of text from a log or a file name, made safe as {@link CsvCells#safe} makes it (an apostrophe
     * before what a spreadsheet would run as a formula; control chars as {@code \xHH}) without a new String
     * when there is nothing to escape, which is nearly always.
     */
    CsvRowBytes safeCell(String s) {
        if (s == null || s.isEmpty() || hasControl(s)) return cell(CsvCells.safe(s));
        delimit();
        char c = s.charAt(0);
        String prefix = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" : "";
        if (needsQuotes(s, prefix.isEmpty() ? c : '\'')) quotes(prefix, s);
        else plain(prefix, s);
        return this;
    }

    /**
     * As {@link #safeCell(String)} for the text whose UTF-8 bytes are {@code b[from, from + length)}, copied
     * without a String between when it holds no control char (a Code Red line never does).
     */
    CsvRowBytes safeCell(byte[] b, int from, int length) {
        int end = from + length;
        if (length == 0 || hasControl(b, from, end)) return safeCell(new String(b, from, length, java.nio.charset.StandardCharsets.UTF_8));
        delimit();
        int c = b[from] & 0xff;
        boolean apostrophe = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t';
        boolean quote = (apostrophe ? '\'' : c) <= '#' || (b[end - 1] & 0xff) <= ' ';
        for (int i = from; i < end && !quote; i++) {
            byte x = b[i];
            quote = x == '"' || x == ',';
        }
        room(length * 2 + 3);
        byte[] o = buf;
        int k = n;
        if (quote) o[k++] = '"';
        if (apostrophe) o[k++] = '\'';
        if (quote) {
            for (int i = from; i < end; i++) {
                byte x = b[i];
                o[k++] = x;
                if (x == '"') o[k++] = '"';
            }
        } else {
            System.arraycopy(b, from, o, k, length);
            k += length;
        }
        if (quote) o[k++] = '"';
        n = k;
        return this;
    }

    /** Whether UTF-8 bytes hold a control char as {@link CsvCells} escapes them: C0 but tab, DEL, C1 ({@code C2 80}–{@code C2 9F}). */
    private static boolean hasControl(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 && c != '\t' || c == 0x7f) return true;
            if (c == 0xC2 && i + 1 < end && (b[i + 1] & 0xff) < 0xA0) return true;
        }
        return false;
    }

    /**
     * As {@link #safeCell(String)}, copying the bytes made for the same String (the same object) last time from
     * {@code last}: a source's rows all name its address, and a file's rows its path.
     */
    CsvRowBytes safeCell(String s, LastCell last) {
        if (s != null && s == last.text) {
            delimit();
            room(last.bytes.length);
            System.arraycopy(last.bytes, 0, buf, n, last.bytes.length);
            n += last.bytes.length;
            return this;
        }
        // An empty cell is quoted only when first in its row: its bytes depend on where it is, so are not kept.
        if (s == null || s.isEmpty()) return safeCell(s);
        int from = rowStart ? n : n + 1;
        safeCell(s);
        last.text = s;
        last.bytes = Arrays.copyOfRange(buf, from, n);
        return this;
    }

    /** The last String a column printed, and its bytes as printed. */
    static final class LastCell {
        private String text;
        private byte[] bytes;
    }

    /** Ends the row with {@code '\n'}. */
    void endRow() {
        room(1);
        buf[n++] = '\n';
        rowStart = true;
    }

    private void delimit() {
        if (!rowStart) {
            room(1);
            buf[n++] = ',';
        }
        rowStart = false;
    }

    private static boolean hasControl(String s) {
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c >= 0x7f && c < 0xa0) return true;
        }
        return false;
    }

    /** MINIMAL's rule for the text {@code s} whose first char as written is {@code first}. */
    private static boolean needsQuotes(String s, char first) {
        if (first <= '#') return true;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == ',' || c == '\n' || c == '\r') return true;
        }
        return s.charAt(len - 1) <= ' ';
    }

    private void quotes(String prefix, String s) {
        room(1);
        buf[n++] = '"';
        encode(prefix, false);
        encode(s, true);
        room(1);
        buf[n++] = '"';
    }

    private void plain(String prefix, String s) {
        encode(prefix, false);
        encode(s, false);
    }

    /** Appends {@code s} as UTF-8 (a lone surrogate as {@code ?}, as {@link Utf8Writer} writes it), doubling quotes if asked. */
    private void encode(String s, boolean doubleQuotes) {
        int len = s.length();
        // At most 3 bytes a char, 6 for a doubled quote's pair: room for the worst case, then no checks inside.
        room(len * 3 + (doubleQuotes ? len : 0));
        byte[] b = buf;
        int k = n;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[k++] = (byte) c;
                if (c == '"' && doubleQuotes) b[k++] = '"';
            } else if (c < 0x800) {
                b[k++] = (byte) (0xC0 | c >> 6);
                b[k++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[k++] = (byte) (0xF0 | cp >> 18);
                b[k++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[k++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[k++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                b[k++] = '?';
            } else {
                b[k++] = (byte) (0xE0 | c >> 12);
                b[k++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[k++] = (byte) (0x80 | c & 0x3F);
            }
        }
        n = k;
    }

    private void room(int more) {
        if (n + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
    }
}
