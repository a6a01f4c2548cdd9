package org.wormsign.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.testing.OneByteInputStream;

/**
 * Every case runs through every way the bytes can arrive (STYLE.md 8): all at once, one byte per read, and in
 * random small slices. The expected events are written by hand from the input, not derived from the reader.
 */
class LineReaderTest {

    /** How the bytes reach the reader. */
    enum Feed {
        BULK {
            @Override InputStream wrap(byte[] data) { return new ByteArrayInputStream(data); }
        },
        ONE_BYTE {
            @Override InputStream wrap(byte[] data) { return new OneByteInputStream(new ByteArrayInputStream(data)); }
        },
        RANDOM_SLICES {
            @Override InputStream wrap(byte[] data) { return new SlicedInputStream(new ByteArrayInputStream(data), new Random(42)); }
        };

        abstract InputStream wrap(byte[] data);
    }

    /** What the sink saw: a normal line, or an over-long line (its first bytes are checked separately). */
    sealed interface Event permits Line, TooLong {}

    record Line(String text, long lineNumber, long offset) implements Event {}

    record TooLong(long lineNumber, long offset, long length) implements Event {}

    record Result(List<Event> events, long bytesRead, List<String> prefixProblems) {}

    static Line line(String text, long lineNumber, long offset) { return new Line(text, lineNumber, offset); }

    static TooLong tooLong(long lineNumber, long offset, long length) { return new TooLong(lineNumber, offset, length); }

    static Result read(byte[] data, int maxLine, Feed feed) throws IOException {
        List<Event> events = new ArrayList<>();
        List<String> prefixProblems = new ArrayList<>();
        LineReader reader = new LineReader(feed.wrap(data), maxLine);
        long n = reader.readAll(new LineReader.Sink() {
            @Override public void line(byte[] buf, int start, int end, long lineNumber, long offset) {
                events.add(new Line(new String(buf, start, end - start, StandardCharsets.ISO_8859_1), lineNumber, offset));
            }

            @Override public void tooLong(byte[] buf, int prefixStart, int prefixEnd, long lineNumber, long offset, long length) {
                events.add(new TooLong(lineNumber, offset, length));
                // The prefix must be the line's own first bytes: non-empty, within the line, no line ending in it.
                int len = prefixEnd - prefixStart;
                if (len <= 0) prefixProblems.add("line " + lineNumber + ": empty prefix");
                else if (len > length) prefixProblems.add("line " + lineNumber + ": prefix of " + len + " bytes is longer than the line (" + length + ")");
                else if (!Arrays.equals(buf, prefixStart, prefixEnd, data, (int) offset, (int) offset + len)) {
                    prefixProblems.add("line " + lineNumber + ": prefix is not the line's first bytes");
                }
            }
        });
        return new Result(events, n, prefixProblems);
    }

    static byte[] ascii(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    static String repeat(char c, int n) { return String.valueOf(c).repeat(n); }

    static Stream<Arguments> cases() {
        List<Arguments> base = List.of(
                Arguments.of("LF", "a\nbb\nccc\n", 100, List.of(line("a", 1, 0), line("bb", 2, 2), line("ccc", 3, 5))),
                Arguments.of("CRLF", "a\r\nbb\r\n", 100, List.of(line("a", 1, 0), line("bb", 2, 3))),
                Arguments.of("mixed LF and CRLF", "a\r\nb\nc\r\nd\n", 100,
                        List.of(line("a", 1, 0), line("b", 2, 3), line("c", 3, 5), line("d", 4, 8))),
                Arguments.of("last line without newline", "a\nlast", 100, List.of(line("a", 1, 0), line("last", 2, 2))),
                Arguments.of("single line without newline", "only", 100, List.of(line("only", 1, 0))),
                Arguments.of("empty input", "", 100, List.of()),
                Arguments.of("blank line", "a\n\nb\n", 100, List.of(line("a", 1, 0), line("", 2, 2), line("b", 3, 3))),
                Arguments.of("blank CRLF line", "a\r\n\r\nb", 100, List.of(line("a", 1, 0), line("", 2, 3), line("b", 3, 5))),
                Arguments.of("only a newline", "\n", 100, List.of(line("", 1, 0))),
                Arguments.of("lone CR inside a line is content", "a\rb\n", 100, List.of(line("a\rb", 1, 0))),
                Arguments.of("line exactly at the limit", "0123456789\nnext\n", 10,
                        List.of(line("0123456789", 1, 0), line("next", 2, 11))),
                Arguments.of("line exactly at the limit, CRLF", "0123456789\r\nnext\r\n", 10,
                        List.of(line("0123456789", 1, 0), line("next", 2, 12))),
                Arguments.of("line exactly at the limit, last without newline", "ab\n0123456789", 10,
                        List.of(line("ab", 1, 0), line("0123456789", 2, 3))),
                Arguments.of("line one over the limit", "0123456789A\nnext\n", 10,
                        List.of(tooLong(1, 0, 11), line("next", 2, 12))),
                Arguments.of("line far over the limit, then more lines", "ok\n" + repeat('x', 500) + "\nnext\nlast", 10,
                        List.of(line("ok", 1, 0), tooLong(2, 3, 500), line("next", 3, 504), line("last", 4, 509))),
                Arguments.of("over-long last line without newline", "ok\n0123456789AB", 10,
                        List.of(line("ok", 1, 0), tooLong(2, 3, 12))),
                Arguments.of("two over-long lines in a row", repeat('a', 30) + "\n" + repeat('b', 40) + "\nc\n", 10,
                        List.of(tooLong(1, 0, 30), tooLong(2, 31, 40), line("c", 3, 72))),
                Arguments.of("limit of one byte", "a\nbc\n\nd", 1,
                        List.of(line("a", 1, 0), tooLong(2, 2, 2), line("", 3, 5), line("d", 4, 6))));
        return base.stream().flatMap(a -> Arrays.stream(Feed.values()).map(f -> {
            Object[] x = a.get();
            return Arguments.of(x[0], f, x[1], x[2], x[3]);
        }));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void framesLines(String name, Feed feed, String input, int maxLine, List<Event> expected) throws IOException {
        byte[] data = ascii(input);
        Result r = read(data, maxLine, feed);
        assertEquals(expected, r.events());
        assertEquals(data.length, r.bytesRead(), "readAll returns the number of bytes read");
        assertEquals(List.of(), r.prefixProblems());
    }

    /**
     * An over-long CRLF line: its length, like a normal line's, excludes the line ending. The reader drops the CR
     * only when CR and LF arrive in the same read.
     */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Feed.class)
    void overLongCrlfLineLengthExcludesLineEnding(Feed feed) throws IOException {
        byte[] data = ascii("0123456789A\r\nnext\r\n");
        Result r = read(data, 10, feed);
        assertEquals(List.of(tooLong(1, 0, 11), line("next", 2, 13)), r.events());
        assertEquals(List.of(), r.prefixProblems());
    }

    /** The same, without the split: all bytes in one read, so the CR is seen beside its LF. */
    @Test
    void overLongCrlfLineLengthExcludesLineEndingInOneRead() throws IOException {
        Result r = read(ascii("0123456789A\r\nnext\r\n"), 10, Feed.BULK);
        assertEquals(List.of(tooLong(1, 0, 11), line("next", 2, 13)), r.events());
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Feed.class)
    void fiveMegabyteLineWithOneKibLimitIsOneTooLongCall(Feed feed) throws IOException {
        int big = 5_000_000;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("first\n"));
        byte[] huge = new byte[big];
        Arrays.fill(huge, (byte) 'x');
        out.writeBytes(huge);
        out.writeBytes(ascii("\nafter\nlast"));
        byte[] data = out.toByteArray();

        Result r = read(data, 1024, feed);

        assertEquals(List.of(line("first", 1, 0), tooLong(2, 6, big), line("after", 3, 6 + big + 1), line("last", 4, 6 + big + 7)),
                r.events());
        assertEquals(data.length, r.bytesRead());
        assertEquals(List.of(), r.prefixProblems());
    }

    /**
     * Far more bytes than the reader's buffer, in short lines, so it must move the unfinished line to the front
     * many times: every line number and offset must survive that.
     */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Feed.class)
    void offsetsSurviveBufferCompaction(Feed feed) throws IOException {
        Random random = new Random(7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Event> expected = new ArrayList<>();
        long offset = 0;
        long lineNumber = 1;
        while (out.size() < 3_000_000) {
            int len = random.nextInt(17); // 0..16, the limit
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < len; i++) sb.append((char) ('a' + random.nextInt(26)));
            boolean crlf = random.nextBoolean();
            String text = sb.toString();
            String ending = crlf ? "\r\n" : "\n";
            out.writeBytes(ascii(text + ending));
            expected.add(line(text, lineNumber++, offset));
            offset += text.length() + ending.length();
        }
        byte[] data = out.toByteArray();
        Result r = read(data, 16, feed);
        assertEquals(expected.size(), r.events().size());
        for (int i = 0; i < expected.size(); i++) assertEquals(expected.get(i), r.events().get(i), "event " + i);
        assertEquals(data.length, r.bytesRead());
    }

    /** Lines of every length around the limit, each followed by a marker line that must arrive intact. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Feed.class)
    void linesAroundTheLimit(Feed feed) throws IOException {
        int max = 32;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Event> expected = new ArrayList<>();
        long offset = 0;
        long n = 1;
        for (int len = max - 3; len <= max + 3; len++) {
            String text = repeat('z', len);
            out.writeBytes(ascii(text + "\n"));
            expected.add(len <= max ? line(text, n, offset) : tooLong(n, offset, len));
            n++;
            offset += len + 1;
            out.writeBytes(ascii("m" + len + "\n"));
            expected.add(line("m" + len, n++, offset));
            offset += ("m" + len).length() + 1;
        }
        Result r = read(out.toByteArray(), max, feed);
        assertEquals(expected, r.events());
        assertEquals(List.of(), r.prefixProblems());
    }

    @Test
    void rawNonTextBytesArePassedThroughUntouched() throws IOException {
        byte[] data = {(byte) 0x90, 0x02, (byte) 0xb1, 0x00, '\r', '\n', (byte) 0xff, '\n'};
        for (Feed feed : Feed.values()) {
            Result r = read(data, 100, feed);
            assertEquals(List.of(line("\u0090\u0002\u00b1\u0000", 1, 0), line("\u00ff", 2, 6)), r.events(), feed.name());
        }
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThrows(IllegalArgumentException.class, () -> new LineReader(new ByteArrayInputStream(new byte[0]), 0));
    }

    /** Returns reads of random length (1 to 97 bytes), like a pipe or a socket. */
    static final class SlicedInputStream extends FilterInputStream {
        private final Random random;

        SlicedInputStream(InputStream in, Random random) {
            super(in);
            this.random = random;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            return in.read(b, off, Math.min(len, 1 + random.nextInt(97)));
        }

        @Override public int available() { return 0; }
    }

    @Test
    void allFeedsAgreeOnARealLog() throws IOException {
        byte[] data = java.nio.file.Files.readAllBytes(org.wormsign.testing.Corpus.realFile("apache-combined-honeynet-rh71-2004jul.log"));
        Result bulk = read(data, 4096, Feed.BULK);
        // The file has 352 lines, some of them 8 KB SEARCH lines cut by Apache (over this 4 KiB limit).
        assertEquals(352, bulk.events().size());
        assertTrue(bulk.events().stream().anyMatch(e -> e instanceof TooLong));
        assertEquals(bulk.events(), read(data, 4096, Feed.ONE_BYTE).events());
        assertEquals(bulk.events(), read(data, 4096, Feed.RANDOM_SLICES).events());
    }
}
