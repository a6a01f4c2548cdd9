package org.wormsign.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.testing.Corpus;
import org.wormsign.testing.OneByteInputStream;

class DecompressionTest {

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    static byte[] ascii(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    /** Both ways a stream can arrive: whole, and one byte per read (a pipe at its worst). */
    static Stream<Arguments> feeds() {
        UnaryOperator<InputStream> whole = in -> in;
        UnaryOperator<InputStream> oneByte = OneByteInputStream::new;
        return Stream.of(Arguments.of("whole", whole), Arguments.of("one byte per read", oneByte));
    }

    static byte[] readAll(InputStream raw) throws IOException {
        try (InputStream in = Decompression.open(raw).stream()) {
            return in.readAllBytes();
        }
    }

    static List<String> lines(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        new LineReader(in, 1 << 16).readAll(new LineReader.Sink() {
            @Override public void line(byte[] buf, int start, int end, long lineNumber, long offset) {
                lines.add(new String(buf, start, end - start, StandardCharsets.ISO_8859_1));
            }

            @Override public void tooLong(byte[] buf, int prefixStart, int prefixEnd, long lineNumber, long offset, long length) {
                throw new AssertionError("no line here is over the limit");
            }
        });
        return lines;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void gzipIsRecognisedByMagicBytes(String feed, UnaryOperator<InputStream> wrap) throws IOException {
        byte[] plain = ascii("1.2.3.4 - - [02/Aug/2001:06:01:38 -0400] \"GET / HTTP/1.0\" 200 1 \"-\" \"-\"\n");
        Decompression.Opened opened = Decompression.open(wrap.apply(new ByteArrayInputStream(gzip(plain))));
        assertEquals(Decompression.Codec.GZIP, opened.codec());
        assertArrayEquals(plain, opened.stream().readAllBytes());
    }

    /** Rotated logs are renamed: a gzip named like a plain log is gzip, a plain file named .gz is plain. */
    @Test
    void theNameDoesNotDecide(@TempDir Path dir) throws IOException {
        byte[] plain = ascii("line one\nline two\n");
        Path gzNoSuffix = dir.resolve("access_log.1");
        Files.write(gzNoSuffix, gzip(plain));
        Path plainWithGz = dir.resolve("access_log.2.gz");
        Files.write(plainWithGz, plain);

        try (InputStream raw = Input.file("access_log.1", gzNoSuffix, true).openRaw()) {
            Decompression.Opened o = Decompression.open(raw);
            assertEquals(Decompression.Codec.GZIP, o.codec());
            assertArrayEquals(plain, o.stream().readAllBytes());
        }
        try (InputStream raw = Input.file("access_log.2.gz", plainWithGz, true).openRaw()) {
            Decompression.Opened o = Decompression.open(raw);
            assertEquals(Decompression.Codec.PLAIN, o.codec());
            assertArrayEquals(plain, o.stream().readAllBytes());
        }
    }

    /** {@code cat a.gz b.gz > c.gz}: logrotate and hand-joined archives; every member's lines must come out. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void multiMemberGzipYieldsEveryLine(String feed, UnaryOperator<InputStream> wrap) throws IOException {
        byte[] a = ascii("a1\na2\na3\n");
        byte[] b = ascii("b1\nb2\n");
        byte[] joined = concat(gzip(a), gzip(b));
        Decompression.Opened opened = Decompression.open(wrap.apply(new ByteArrayInputStream(joined)));
        assertEquals(Decompression.Codec.GZIP, opened.codec());
        assertEquals(List.of("a1", "a2", "a3", "b1", "b2"), lines(opened.stream()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void multiMemberGzipOfARealLogEqualsThePlainLog(String feed, UnaryOperator<InputStream> wrap) throws IOException {
        byte[] first = Files.readAllBytes(Corpus.realFile("apache-combined-honeynet-rh71-2004jul.log"));
        byte[] second = Files.readAllBytes(Corpus.realFile("apache-combined-darwinsys-2001aug.log"));
        // Three members, one of them empty (gzip of nothing is a valid member).
        byte[] joined = concat(gzip(first), gzip(new byte[0]), gzip(second));
        assertArrayEquals(concat(first, second), readAll(wrap.apply(new ByteArrayInputStream(joined))));
    }

    @Test
    void aMemberBoundaryInsideALineJoinsTheLine() throws IOException {
        // cat of "x\ny" and "z\n" is "x\nyz\n".
        byte[] joined = concat(gzip(ascii("x\ny")), gzip(ascii("z\n")));
        assertEquals(List.of("x", "yz"), lines(Decompression.open(new OneByteInputStream(new ByteArrayInputStream(joined))).stream()));
    }

    static Stream<Arguments> plainInputs() {
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("one byte, the first magic byte", new byte[] {0x1f}),
                Arguments.of("magic bytes reversed", new byte[] {(byte) 0x8b, 0x1f, 'a', '\n'}),
                Arguments.of("first magic byte then text", new byte[] {0x1f, 'a', 'b', '\n'}),
                Arguments.of("a log line", ascii("1.2.3.4 - - [02/Aug/2001:06:01:38 -0400] \"GET / HTTP/1.0\" 200 1 \"-\" \"-\"\n")),
                Arguments.of("raw non-UTF-8", new byte[] {(byte) 0x90, 0x02, (byte) 0xb1, (byte) 0xff, '\r', '\n'}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainInputs")
    void plainPassesThroughUnchanged(String name, byte[] data) throws IOException {
        Decompression.Opened opened = Decompression.open(new ByteArrayInputStream(data));
        assertEquals(Decompression.Codec.PLAIN, opened.codec());
        assertArrayEquals(data, opened.stream().readAllBytes());

        Decompression.Opened slow = Decompression.open(new OneByteInputStream(new ByteArrayInputStream(data)));
        assertEquals(Decompression.Codec.PLAIN, slow.codec());
        assertArrayEquals(data, slow.stream().readAllBytes());
    }

    @Test
    void aRealPlainLogPassesThroughByteForByte() throws IOException {
        byte[] data = Files.readAllBytes(Corpus.realFile("apache-combined-honeynet-2005jun-nocodered.log"));
        assertArrayEquals(data, readAll(new OneByteInputStream(new ByteArrayInputStream(data))));
    }

    static Stream<Arguments> damagedGzip() throws IOException {
        byte[] data = Files.readAllBytes(Corpus.realFile("apache-combined-honeynet-rh71-2004sep.log"));
        byte[] gz = gzip(data);
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 6] ^= 0x55; // inside the CRC-32 of the trailer
        byte[] badLength = gz.clone();
        badLength[gz.length - 2] ^= 0x01; // inside ISIZE
        byte[] secondMemberCut = concat(gz, Arrays.copyOf(gzip(data), 100));
        return Stream.of(
                Arguments.of("cut in the middle of the data", Arrays.copyOf(gz, gz.length / 2)),
                Arguments.of("cut just after the header", Arrays.copyOf(gz, 12)),
                Arguments.of("only the magic bytes", Arrays.copyOf(gz, 2)),
                Arguments.of("trailer missing", Arrays.copyOf(gz, gz.length - 8)),
                Arguments.of("trailer cut short", Arrays.copyOf(gz, gz.length - 3)),
                Arguments.of("bad CRC", badCrc),
                Arguments.of("bad length", badLength),
                Arguments.of("second member cut", secondMemberCut));
    }

    /** A damaged archive must say so: a silent short read would undercount a log. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedGzip")
    void damagedGzipThrows(String name, byte[] gz) {
        assertThrows(IOException.class, () -> readAll(new ByteArrayInputStream(gz)));
        assertThrows(IOException.class, () -> readAll(new OneByteInputStream(new ByteArrayInputStream(gz))));
    }
}
