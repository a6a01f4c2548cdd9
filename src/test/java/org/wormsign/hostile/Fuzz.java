package org.wormsign.hostile;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators of hostile logs for the fuzz properties: lines of a format, mutated the way damage and
 * attackers mutate them (bytes flipped, separators and escapes inserted, ranges cut, repeated or dropped),
 * mixed with directives, blank lines and raw noise. QuickTheories shrinks a failing example to a small one.
 *
 * <p>A short pass is the default ({@value #DEFAULT_EXAMPLES} examples per property, a few seconds each);
 * {@code -Dwormsign.fuzz.examples=N} runs longer, {@code -DQT_SEED=S} repeats a reported failure.
 */
final class Fuzz {
    private Fuzz() {}

    static final int DEFAULT_EXAMPLES = 200;

    static int examples() {
        return Integer.getInteger("wormsign.fuzz.examples", DEFAULT_EXAMPLES);
    }

    static QuickTheory theory() {
        return theory(1);
    }

    /** @param divisor for properties whose examples cost more (whole runs of the pipeline) */
    static QuickTheory theory(int divisor) {
        return qt().withExamples(Math.max(1, examples() / divisor)).withShrinkCycles(200);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Pieces that mean something to some parser: separators, quotes, escapes, directives, numbers out of range. */
    private static final List<byte[]> TOKENS = List.of(bytes(" "), bytes("\""), bytes("["), bytes("]"), bytes("\t"),
            bytes("\0"), bytes("\r"), bytes("\\"), bytes("\\\""), bytes("#Fields: date time c-ip cs-method cs-uri-stem sc-status"),
            bytes("#Date: 2001-13-45 99:99:99"), bytes("#Fields:"), bytes("%"), bytes("%u"), new byte[] {(byte) 0xff, (byte) 0xfe},
            new byte[] {(byte) 0xc0, (byte) 0xaf}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, bytes("-"),
            bytes("99999999999999999999"), bytes(":"), bytes(":60"), bytes("/"), bytes("?"), bytes("="), bytes("+0000"),
            bytes("-9999"), bytes("+9999"), bytes("\u001b[2J\u001b]0;x\u0007"), bytes("<script>alert(1)</script>"),
            bytes("N".repeat(100)), bytes("X".repeat(63)), bytes("/default.ida?"), bytes("..%255c.."), bytes(","), bytes(", "),
            bytes("29/Feb/2001:25:61:61 +2400"), bytes("2001-02-29"), bytes("0000-00-00 00:00:00"), bytes("\n"), bytes("HTTP/1.0"),
            "\u00e9\u65e5".getBytes(StandardCharsets.UTF_8), bytes("a".repeat(300)));

    /** One change to a line: what, where (scaled to the line's length), how much, and which token or byte. */
    record Mutation(int kind, int where, int length, int value) {}

    static Gen<Mutation> mutations() {
        return integers().between(0, 6).zip(integers().between(0, 1000), integers().between(0, 64), integers().between(0, 255),
                Mutation::new);
    }

    static byte[] apply(byte[] line, List<Mutation> ms) {
        byte[] b = line;
        for (Mutation m : ms) b = apply(b, m);
        return b;
    }

    private static byte[] apply(byte[] b, Mutation m) {
        int at = b.length == 0 ? 0 : (int) ((long) m.where() * b.length / 1001);
        int end = Math.min(b.length, at + m.length());
        byte[] token = TOKENS.get(m.value() % TOKENS.size());
        return switch (m.kind()) {
            case 0 -> { // one byte becomes any byte
                if (b.length == 0) yield b;
                byte[] c = b.clone();
                c[at] = (byte) m.value();
                yield c;
            }
            case 1 -> splice(b, at, at, token);
            case 2 -> splice(b, at, end, new byte[0]);
            case 3 -> Arrays.copyOf(b, at);
            case 4 -> splice(b, end, end, Arrays.copyOfRange(b, at, end));
            case 5 -> splice(b, at, end, token);
            default -> splice(b, at, at, repeat(token, 1 + m.length()));
        };
    }

    private static byte[] repeat(byte[] t, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) out.writeBytes(t);
        return out.toByteArray();
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] with) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + with.length);
        out.write(b, 0, from);
        out.writeBytes(with);
        out.write(b, to, b.length - to);
        return out.toByteArray();
    }

    /** A line of this format: one of its lines (or a header), mutated 0 to 4 times; sometimes blank or noise. */
    static Gen<byte[]> line(FormatCase f) {
        List<byte[]> seeds = new ArrayList<>();
        for (String s : List.of(f.codeRed(), f.codeRedII(), f.clean())) seeds.add(bytes(s));
        for (String h : f.header()) seeds.add(bytes(h));
        seeds.add(new byte[0]);
        Gen<byte[]> mutated = Generate.pick(seeds).zip(lists().of(mutations()).ofSizeBetween(0, 4), Fuzz::apply);
        Gen<byte[]> noise = Generate.byteArrays(integers().between(0, 200), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
        return Generate.frequency(org.quicktheories.api.Pair.of(9, mutated), org.quicktheories.api.Pair.of(1, noise));
    }

    /** Lines joined into a log, each ended by LF or CR LF; the last one sometimes without an end. */
    static Gen<byte[]> log(FormatCase f) {
        return lists().of(line(f)).ofSizeBetween(0, 40).zip(integers().between(0, 3), Fuzz::join);
    }

    static byte[] join(List<byte[]> lines, int endings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            out.writeBytes(lines.get(i));
            boolean last = i == lines.size() - 1;
            if (last && endings == 3) break;
            out.writeBytes(endings == 1 || endings == 2 && i % 2 == 0 ? bytes("\r\n") : bytes("\n"));
        }
        return out.toByteArray();
    }

    /** How to show a byte array in a failure: short, escaped. */
    static String show(byte[] b) {
        return org.wormsign.aggregate.RawText.of(b, 0, b.length);
    }
}
