package org.wormsign.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.testing.Compressed;
import org.wormsign.testing.Compressed.Codec;
import org.wormsign.testing.Corpus;
import org.wormsign.testing.OneByteInputStream;

/**
 * Codecs and archives at the input stage: recognised by magic bytes, every member/stream/frame read, and
 * every kind of damage an IOException (a short read that looks complete is the bug these tests hunt).
 */
class ArchiveTest {
    static byte[] log;
    static byte[] firstHalf;
    static byte[] secondHalf;

    @BeforeAll
    static void readTheLog() throws IOException {
        log = Files.readAllBytes(Corpus.realFile("apache-combined-honeynet-rh71-2004jul.log"));
        int cut = indexAfterLineNear(log, log.length / 2);
        firstHalf = Arrays.copyOf(log, cut);
        secondHalf = Arrays.copyOfRange(log, cut, log.length);
    }

    private static int indexAfterLineNear(byte[] b, int at) {
        while (b[at - 1] != '\n') at++;
        return at;
    }

    /** Both ways a stream can arrive: whole, and one byte per read (a pipe at its worst). */
    static Stream<UnaryOperator<InputStream>> feeds() {
        return Stream.of(in -> in, OneByteInputStream::new);
    }

    static Stream<Arguments> codecsAndFeeds() {
        return Arrays.stream(Codec.values()).flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    private static InputStream feed(byte[] data, boolean oneByte) {
        InputStream in = new ByteArrayInputStream(data);
        return oneByte ? new OneByteInputStream(in) : in;
    }

    private static Decompression.Opened open(byte[] data, boolean oneByte) throws IOException {
        return Decompression.open(feed(data, oneByte));
    }

    /** Reads to the end in small reads; returns what came out before any exception, and the exception. */
    private record Drained(byte[] bytes, IOException error) {}

    private static Drained drain(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) out.write(buf, 0, n);
            return new Drained(out.toByteArray(), null);
        } catch (IOException e) {
            return new Drained(out.toByteArray(), e);
        }
    }

    private static Drained drainDecoded(byte[] data, boolean oneByte) {
        try {
            return drain(open(data, oneByte).stream());
        } catch (IOException e) {
            return new Drained(new byte[0], e);
        }
    }

    private static Decompression.Codec ours(Codec c) {
        return Decompression.Codec.valueOf(c.name());
    }

    // ---- codecs ----

    @ParameterizedTest(name = "{0}, one byte per read: {1}")
    @MethodSource("codecsAndFeeds")
    void everyCodecIsRecognisedAndDecodesToTheLog(Codec codec, boolean oneByte) throws IOException {
        Decompression.Opened o = open(codec.encode(log), oneByte);
        assertEquals(ours(codec), o.codec());
        assertEquals(Decompression.Container.NONE, o.container());
        assertEquals(codec.name().toLowerCase(java.util.Locale.ROOT), o.compression());
        assertArrayEquals(log, o.stream().readAllBytes());
    }

    /** gzip members (logrotate, cat), bzip2 streams (pbzip2), xz streams, zstd frames (zstd -T, cat). */
    @ParameterizedTest(name = "{0}, one byte per read: {1}")
    @MethodSource("codecsAndFeeds")
    void concatenatedMembersAllComeOut(Codec codec, boolean oneByte) throws IOException {
        byte[] joined = Compressed.concat(codec.encode(firstHalf), codec.encode(new byte[0]), codec.encode(secondHalf));
        assertArrayEquals(log, open(joined, oneByte).stream().readAllBytes());
    }

    static Stream<Arguments> cuts() {
        List<Arguments> all = new ArrayList<>();
        for (Codec c : Codec.values()) {
            byte[] whole = c.encode(log);
            byte[] first = c.encode(firstHalf);
            byte[] two = Compressed.concat(first, c.encode(secondHalf));
            all.add(Arguments.of(c, "cut in half", Arrays.copyOf(whole, whole.length / 2)));
            all.add(Arguments.of(c, "last byte missing", Arrays.copyOf(whole, whole.length - 1)));
            all.add(Arguments.of(c, "last 4 bytes missing", Arrays.copyOf(whole, whole.length - 4)));
            all.add(Arguments.of(c, "magic bytes only", Arrays.copyOf(whole, c == Codec.XZ ? 6 : 4)));
            // Silent in zstd-jni and in commons-compress's concatenated modes before our checks:
            for (int extra = 1; extra <= 5; extra++) {
                all.add(Arguments.of(c, "first member whole, then " + extra + " bytes of the next", Arrays.copyOf(two, first.length + extra)));
            }
            all.add(Arguments.of(c, "second member cut in half", Arrays.copyOf(two, first.length + (two.length - first.length) / 2)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cuts")
    void aCutStreamIsAnError(Codec codec, String how, byte[] data) {
        for (boolean oneByte : new boolean[] {false, true}) {
            Drained d = drainDecoded(data, oneByte);
            assertNotNull(d.error(), how + (oneByte ? ", one byte per read" : "") + ": read " + d.bytes().length + " bytes without an error");
        }
    }

    /** The good member before a damaged one is returned whole before the error (the libraries dropped its last read). */
    @ParameterizedTest(name = "{0}, one byte per read: {1}")
    @MethodSource("codecsAndFeeds")
    void aDamagedNextMemberDoesNotCostTheGoodOnesData(Codec codec, boolean oneByte) {
        byte[] first = codec.encode(firstHalf);
        byte[] two = Compressed.concat(first, codec.encode(secondHalf));
        for (int extra : new int[] {1, 3}) {
            Drained d = drainDecoded(Arrays.copyOf(two, first.length + extra), oneByte);
            assertNotNull(d.error());
            assertTrue(d.bytes().length >= firstHalf.length, "only " + d.bytes().length + " of the first member's " + firstHalf.length + " bytes");
            assertArrayEquals(firstHalf, Arrays.copyOf(d.bytes(), firstHalf.length));
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void garbageAfterTheLastMemberIsAnError(Codec codec) {
        byte[] data = Compressed.concat(codec.encode(log), "garbage\n".getBytes(StandardCharsets.US_ASCII));
        Drained d = drainDecoded(data, false);
        assertNotNull(d.error());
        assertArrayEquals(log, d.bytes(), "every byte of the good member, then the error");
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void garbageInTheMiddleIsAnError(Codec codec) {
        byte[] data = codec.encode(log);
        for (int i = data.length / 2; i < data.length / 2 + 32; i++) data[i] ^= 0x5a;
        assertNotNull(drainDecoded(data, false).error());
    }

    /** A cut gzip keeps what came before the cut, less at most one small read (see SmallReads). */
    @Test
    void whatCameBeforeACutIsStillReturned() {
        byte[] gz = Codec.GZIP.encode(log);
        Drained d = drainDecoded(Arrays.copyOf(gz, gz.length / 2), false);
        assertNotNull(d.error());
        assertTrue(d.bytes().length > log.length / 4, "only " + d.bytes().length + " bytes before the cut");
        assertArrayEquals(Arrays.copyOf(log, d.bytes().length), d.bytes());
    }

    @Test
    void zstdThatStartsWithASkippableFrameIsZstd() throws IOException {
        // pzstd writes a skippable frame first: magic 0x184D2A50, size, payload.
        byte[] skippable = {0x50, 0x2A, 0x4D, 0x18, 4, 0, 0, 0, 1, 2, 3, 4};
        byte[] data = Compressed.concat(skippable, Codec.ZSTD.encode(log));
        Decompression.Opened o = open(data, false);
        assertEquals(Decompression.Codec.ZSTD, o.codec());
        assertArrayEquals(log, o.stream().readAllBytes());
        assertNotNull(drainDecoded(Arrays.copyOf(skippable, 10), false).error(), "a skippable frame cut short");
    }

    @Test
    void textThatMerelyStartsLikeAMagicNumberIsPlain() throws IOException {
        for (String s : List.of("BZh hello\n", "BZhx\n", "PK is a log line\n", "\u00fd7zXY\n", "(\u00b5/\n")) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            Decompression.Opened o = open(b, false);
            assertEquals(Decompression.Codec.PLAIN, o.codec(), s);
            assertEquals(Decompression.Container.NONE, o.container(), s);
            assertArrayEquals(b, o.stream().readAllBytes());
        }
    }

    // ---- archives ----

    static Stream<Arguments> archiveKinds() {
        Map<String, byte[]> e = Compressed.entries("W3SVC1/", null, "W3SVC1/ex010719.log", log, "empty.log", null,
                "W3SVC2/ex010720.log", firstHalf);
        byte[] tar = Compressed.tar(e);
        byte[] zip = Compressed.zip(e);
        return Stream.of(
                Arguments.of("tar", tar), Arguments.of("zip", zip),
                Arguments.of("tar+gzip", Codec.GZIP.encode(tar)), Arguments.of("tar+bzip2", Codec.BZIP2.encode(tar)),
                Arguments.of("tar+xz", Codec.XZ.encode(tar)), Arguments.of("tar+zstd", Codec.ZSTD.encode(tar)),
                Arguments.of("zip+gzip", Codec.GZIP.encode(zip)));
    }

    private record Read(String name, byte[] bytes) {}

    private static List<Read> members(byte[] data, boolean oneByte) throws IOException {
        Decompression.Opened o = open(data, oneByte);
        Archive a = Archive.open(o);
        List<Read> out = new ArrayList<>();
        for (Archive.Member m; (m = a.next()) != null; ) {
            assertNull(m.unreadable());
            try (InputStream s = m.stream()) {
                out.add(new Read(m.name(), s.readAllBytes()));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("archiveKinds")
    void regularNonEmptyMembersComeInArchiveOrder(String kind, byte[] data) throws IOException {
        assertEquals(kind, open(data, false).compression());
        for (boolean oneByte : new boolean[] {false, true}) {
            List<Read> got = members(data, oneByte);
            assertEquals(List.of("W3SVC1/ex010719.log", "W3SVC2/ex010720.log"), got.stream().map(Read::name).toList(),
                    "directories and empty members are skipped");
            assertArrayEquals(log, got.get(0).bytes());
            assertArrayEquals(firstHalf, got.get(1).bytes());
        }
    }

    @Test
    void tarLinksAreNotMembers() throws IOException {
        List<Read> got = members(Compressed.tarWithSymlink("access_log", firstHalf, "access_log.current"), false);
        assertEquals(List.of("access_log"), got.stream().map(Read::name).toList());
    }

    @Test
    void anArchiveInsideAMemberIsRecognisedAsOne() throws IOException {
        byte[] inner = Compressed.zip(Compressed.entries("a.log", firstHalf));
        byte[] outer = Compressed.zip(Compressed.entries("inner.zip", inner, "tgz", Codec.GZIP.encode(Compressed.tar(Compressed.entries("b.log", secondHalf)))));
        Archive a = Archive.open(open(outer, false));
        assertEquals(Decompression.Container.ZIP, Decompression.open(a.next().stream()).container());
        Decompression.Opened tgz = Decompression.open(a.next().stream());
        assertEquals("tar+gzip", tgz.compression());
    }

    /** Reads every member to its end; returns the error that ended the archive, or fails if none did. */
    private static IOException readUntilDamage(byte[] data, boolean oneByte) {
        try {
            Archive a = Archive.open(open(data, oneByte));
            for (Archive.Member m; (m = a.next()) != null; ) {
                try {
                    m.stream().readAllBytes();
                } catch (IOException e) {
                    assertNotNull(a.fault(), "an error while reading a member's bytes is the archive's");
                    return e;
                }
            }
        } catch (IOException e) {
            return e;
        }
        return fail("the damaged archive read as complete");
    }

    static Stream<Arguments> damagedArchives() {
        Map<String, byte[]> e = Compressed.entries("a.log", firstHalf, "b.log", secondHalf);
        byte[] tar = Compressed.tar(e);
        byte[] zip = Compressed.zip(e);
        int firstTarMember = 512 + (firstHalf.length + 511) / 512 * 512;
        byte[] badHeader = tar.clone();
        badHeader[firstTarMember + 10] ^= 0x20; // inside the second header's name
        byte[] badZipData = zip.clone();
        for (int i = 100; i < 140; i++) badZipData[i] ^= 0x5a; // inside a.log's deflated data
        byte[] tgz = Codec.GZIP.encode(tar);
        return Stream.of(
                Arguments.of("tar cut in half", Arrays.copyOf(tar, tar.length / 2)),
                Arguments.of("tar cut at the end of its first member", Arrays.copyOf(tar, firstTarMember)),
                Arguments.of("tar cut at the end of its last member", Arrays.copyOf(tar, firstTarMember + 512 + (secondHalf.length + 511) / 512 * 512)),
                Arguments.of("tar cut inside a header", Arrays.copyOf(tar, firstTarMember + 100)),
                Arguments.of("tar header damaged", badHeader),
                Arguments.of("tar+gzip cut in half", Arrays.copyOf(tgz, tgz.length / 2)),
                Arguments.of("zip cut in half", Arrays.copyOf(zip, zip.length / 2)),
                Arguments.of("zip cut inside its first header", Arrays.copyOf(zip, 10)),
                Arguments.of("zip cut inside its central directory", Arrays.copyOf(zip, zip.length - 40)),
                Arguments.of("zip without its end record", Arrays.copyOf(zip, zip.length - 22)),
                Arguments.of("zip with damaged data", badZipData));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedArchives")
    void aDamagedArchiveIsAnError(String how, byte[] data) {
        assertNotNull(readUntilDamage(data, false));
        assertNotNull(readUntilDamage(data, true));
    }

    @Test
    void aTarCutAtAMemberBoundarySaysItHasNoEnd() throws IOException {
        byte[] tar = Compressed.tar(Compressed.entries("a.log", firstHalf, "b.log", secondHalf));
        byte[] cut = Arrays.copyOf(tar, 512 + (firstHalf.length + 511) / 512 * 512);
        Archive a = Archive.open(open(cut, false));
        assertArrayEquals(firstHalf, a.next().stream().readAllBytes(), "the whole first member is there");
        DamagedInputException e = assertThrows(DamagedInputException.class, a::next);
        assertTrue(e.getMessage().contains("end-of-archive"), e.getMessage());
    }

    /** Cut within 30 bytes of the central directory's start, the streaming reader took the end for a clean one. */
    @Test
    void aZipCutInItsCentralDirectorySaysSo() throws IOException {
        byte[] zip = Compressed.zip(Compressed.entries("a.log", firstHalf));
        int endRecord = zip.length - 22;
        int directory = zip[endRecord + 16] & 0xff | (zip[endRecord + 17] & 0xff) << 8 | (zip[endRecord + 18] & 0xff) << 16;
        Archive a = Archive.open(open(Arrays.copyOf(zip, directory + 10), false));
        assertArrayEquals(firstHalf, a.next().stream().readAllBytes());
        DamagedInputException e = assertThrows(DamagedInputException.class, a::next);
        assertTrue(e.getMessage().contains("central directory"), e.getMessage());
    }

    @Test
    void anEmptyZipHasNoMembers() throws IOException {
        byte[] empty = Compressed.zip(Compressed.entries());
        Decompression.Opened o = open(empty, false);
        assertEquals(Decompression.Container.ZIP, o.container());
        assertNull(Archive.open(o).next());
    }

    @Test
    void aZipMemberWithABadCrcIsAnError() throws IOException {
        // Stored (not deflated), so the damage cannot show up as bad deflate data: only the CRC-32 catches it.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var z = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(out)) {
            var e = new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("a.log");
            e.setMethod(java.util.zip.ZipEntry.STORED);
            e.setSize(firstHalf.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(firstHalf);
            e.setCrc(crc.getValue());
            z.putArchiveEntry(e);
            z.write(firstHalf);
            z.closeArchiveEntry();
        }
        byte[] zip = out.toByteArray();
        int at = indexOf(zip, Arrays.copyOf(firstHalf, 64)) + 1000;
        zip[at] = (byte) (zip[at] == 'x' ? 'y' : 'x');
        IOException e = readUntilDamage(zip, false);
        assertTrue(e.getMessage().contains("CRC-32"), e.getMessage());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }
}
