package org.wormsign.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quicktheories.core.Gen;
import org.wormsign.input.Archive;
import org.wormsign.input.Decompression;
import org.wormsign.input.Input;
import org.wormsign.input.InputFinder;
import org.wormsign.pipeline.Analyzer;
import org.wormsign.pipeline.InputResult;
import org.wormsign.pipeline.RunResult;
import org.wormsign.testing.Compressed;
import org.wormsign.testing.Compressed.Codec;
import org.wormsign.testing.OneByteInputStream;

/**
 * The decoders and archive readers over logs stored every way and then damaged (bytes flipped, cut, garbage
 * inserted or appended), and over plain noise: a decoder says damage only as an {@link IOException}, the
 * scan of the input never throws, the accounting holds, and an undamaged input reads whole.
 */
class DecoderFuzzTest {
    /** Every way wormsign recognises stored logs. */
    enum Storage {
        PLAIN(b -> b), GZIP(Codec.GZIP::encode), BZIP2(Codec.BZIP2::encode), XZ(Codec.XZ::encode), ZSTD(Codec.ZSTD::encode),
        GZIP_TWO_MEMBERS(b -> Compressed.concat(Codec.GZIP.encode(b), Codec.GZIP.encode(b))),
        ZIP(b -> Compressed.zip(Compressed.entries("a.log", b, "b.log", b))),
        TAR(b -> Compressed.tar(Compressed.entries("logs/a.log", b, "logs/b.log", b))),
        TAR_GZIP(b -> Codec.GZIP.encode(Compressed.tar(Compressed.entries("a.log", b)))),
        ZIP_OF_GZIP(b -> Compressed.zip(Compressed.entries("a.log.gz", Codec.GZIP.encode(b))));

        final UnaryOperator<byte[]> store;

        Storage(UnaryOperator<byte[]> store) { this.store = store; }
    }

    /** Damage to stored bytes: flip a byte, cut, insert garbage, or append garbage. */
    record Damage(int kind, int where, int value) {}

    private static Gen<Damage> damage() {
        return integers().between(0, 3).zip(integers().between(0, 1000), integers().between(0, 255), Damage::new);
    }

    private static byte[] damaged(byte[] b, List<Damage> ds) {
        for (Damage d : ds) {
            int at = (int) ((long) d.where() * b.length / 1001);
            b = switch (d.kind()) {
                case 0 -> { byte[] c = b.clone(); if (c.length > 0) c[at] ^= (byte) (1 + d.value() % 255); yield c; }
                case 1 -> java.util.Arrays.copyOf(b, at);
                case 2 -> Compressed.concat(java.util.Arrays.copyOf(b, at), new byte[] {(byte) d.value(), 0, (byte) 0xff},
                        java.util.Arrays.copyOfRange(b, at, b.length));
                default -> Compressed.concat(b, new byte[] {(byte) d.value(), (byte) d.where()});
            };
        }
        return b;
    }

    private static final FormatCase COMBINED = FormatCase.all().get(0);

    @ParameterizedTest
    @EnumSource(Storage.class)
    void damagedStoredLogsAreErrorsNeverExceptions(Storage storage) {
        Fuzz.theory(4).forAll(Fuzz.log(COMBINED), lists().of(damage()).ofSizeBetween(0, 3), integers().between(0, 1))
                .checkAssert((log, damage, oneByte) -> {
                    byte[] stored = damaged(storage.store.apply(log), damage);
                    UnaryOperator<InputStream> feed = oneByte == 1 ? OneByteInputStream::new : s -> s;
                    decodeEverything(stored, feed);
                    Input in = Input.of("fuzz", () -> feed.apply(new ByteArrayInputStream(stored)));
                    RunResult run = Analyzer.run(Hostile.options(null), new InputFinder.Found(List.of(in), List.of()));
                    Hostile.assertAccounting(run);
                    for (InputResult r : run.inputs()) {
                        for (String e : r.errors()) assertTrue(!e.isBlank() && e.lines().count() == 1, e);
                    }
                    if (damage.isEmpty()) {
                        // Undamaged: read to the end; a log of junk lines may only be "not recognised" (or, in an
                        // archive, where it would have been set aside, one that looks like an access log).
                        for (InputResult r : run.inputs()) {
                            assertNotNull(r.sha256(), r.toString());
                            for (String e : r.errors()) {
                                assertTrue(e.startsWith("format not recognised") || e.startsWith("looks like an access log"), storage + ": " + e);
                            }
                        }
                    }
                });
    }

    /**
     * Decodes and walks the archive by hand: damage may only ever show as an IOException (a library's
     * runtime exception would be a bug: the scan turns it into an error, but its message is not the user's).
     */
    private static void decodeEverything(byte[] stored, UnaryOperator<InputStream> feed) {
        try {
            Decompression.Opened dec = Decompression.open(feed.apply(new ByteArrayInputStream(stored)));
            if (dec.container() == Decompression.Container.NONE) {
                dec.stream().transferTo(OutputStream.nullOutputStream());
                return;
            }
            Archive archive = Archive.open(dec);
            for (Archive.Member m; (m = archive.next()) != null; ) {
                if (m.unreadable() == null) Decompression.open(m.stream()).stream().transferTo(OutputStream.nullOutputStream());
                if (archive.fault() != null) return;
            }
        } catch (IOException expected) {
            // Damage, said in words.
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void undamagedStoredLogsReadWhole(Storage storage) {
        byte[] log = Fuzz.bytes(COMBINED.log());
        Input in = Input.of("whole", () -> new ByteArrayInputStream(storage.store.apply(log)));
        RunResult run = Analyzer.run(Hostile.options(null), new InputFinder.Found(List.of(in), List.of()));
        long lines = run.merged().totals().lines();
        long copies = storage == Storage.ZIP || storage == Storage.TAR || storage == Storage.GZIP_TWO_MEMBERS ? 2 : 1;
        assertEquals(3 * copies, lines, run.inputs().toString());
        assertEquals(2 * copies, run.merged().totals().codeRed() + run.merged().totals().codeRedII());
        assertTrue(!run.incomplete(), run.inputs().toString());
    }
}
