package org.wormsign.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.testing.Corpus;
import org.wormsign.testing.OneByteInputStream;

class CountingDigestInputStreamTest {

    static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static Stream<Arguments> inputs() {
        return Stream.of(
                Arguments.of("empty", new byte[0], 0),
                Arguments.of("one byte, read none", new byte[] {42}, 0),
                Arguments.of("small, read none", randomBytes(100, 1), 0),
                Arguments.of("small, read some", randomBytes(100, 2), 37),
                Arguments.of("small, read all", randomBytes(100, 3), 100),
                Arguments.of("3 MB, stop after 10 bytes", randomBytes(3_000_000, 4), 10),
                Arguments.of("3 MB, stop after 1 MB and one byte", randomBytes(3_000_000, 5), 1_000_001));
    }

    /** Reads {@code first} bytes through {@code read(byte[],int,int)}, then lets finishSha256 drain the rest. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void digestCoversTheWholeInputEvenWhenReadingStopsEarly(String name, byte[] data, int first) throws Exception {
        for (boolean oneByte : new boolean[] {false, true}) {
            InputStream raw = new ByteArrayInputStream(data);
            CountingDigestInputStream in = new CountingDigestInputStream(oneByte ? new OneByteInputStream(raw) : raw);
            byte[] buf = new byte[first];
            in.readNBytes(buf, 0, first);
            assertEquals(first, in.count(), "count so far");
            assertEquals(sha256(data), in.finishSha256(), oneByte ? "one byte per read" : "bulk");
            assertEquals(data.length, in.count(), "count after draining");
        }
    }

    @Test
    void singleByteReadsAreHashedAndCounted() throws Exception {
        byte[] data = randomBytes(1000, 6);
        CountingDigestInputStream in = new CountingDigestInputStream(new ByteArrayInputStream(data));
        for (int i = 0; i < 300; i++) assertEquals(data[i] & 0xff, in.read());
        assertEquals(300, in.count());
        assertEquals(sha256(data), in.finishSha256());
        assertEquals(1000, in.count());
    }

    @Test
    void skippedBytesAreHashedAndCounted() throws Exception {
        byte[] data = randomBytes(50_000, 7);
        CountingDigestInputStream in = new CountingDigestInputStream(new ByteArrayInputStream(data));
        in.read(new byte[10], 0, 10);
        assertEquals(20_000, in.skip(20_000));
        assertEquals(20_010, in.count());
        assertEquals(data[20_010] & 0xff, in.read(), "skip lands on the right byte");
        assertEquals(sha256(data), in.finishSha256());
        assertEquals(data.length, in.count());
    }

    @Test
    void skipPastTheEndStopsAtTheEnd() throws Exception {
        byte[] data = randomBytes(100, 8);
        CountingDigestInputStream in = new CountingDigestInputStream(new ByteArrayInputStream(data));
        assertEquals(100, in.skip(1_000));
        assertEquals(sha256(data), in.finishSha256());
    }

    @Test
    void finishAfterTheEndIsTheSameDigest() throws Exception {
        byte[] data = randomBytes(5000, 9);
        CountingDigestInputStream in = new CountingDigestInputStream(new ByteArrayInputStream(data));
        in.readAllBytes();
        assertEquals(sha256(data), in.finishSha256());
        assertEquals(5000, in.count());
    }

    @Test
    void emptyInputHasTheWellKnownEmptyDigest() throws Exception {
        CountingDigestInputStream in = new CountingDigestInputStream(new ByteArrayInputStream(new byte[0]));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", in.finishSha256());
    }

    /** As the pipeline uses it: hash the stored (compressed) bytes while decompressed lines are read from above. */
    @Test
    void hashesTheStoredBytesOfARealLogUnderDecompression() throws Exception {
        byte[] stored = DecompressionTest.gzip(Files.readAllBytes(Corpus.realFile("apache-combined-honeynet-sotm34-2005.log")));
        CountingDigestInputStream counting = new CountingDigestInputStream(new OneByteInputStream(new ByteArrayInputStream(stored)));
        InputStream plain = Decompression.open(counting).stream();
        plain.readNBytes(1000); // a reader that stops early
        assertEquals(sha256(stored), counting.finishSha256());
        assertEquals(stored.length, counting.count());
    }
}
