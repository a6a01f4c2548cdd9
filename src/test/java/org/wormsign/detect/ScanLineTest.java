package org.wormsign.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wormsign.format.LineParser;
import org.wormsign.format.LinePlan;
import org.wormsign.format.LogRecord;
import org.wormsign.format.apache.ApacheLogFormat;
import org.wormsign.testing.Corpus;

/**
 * {@link Classifier#scanLine}: the worm's request found in the bytes of a line no parser could read, by the
 * same rule as a parsed request, in the shape of every format's line, and in linear time.
 */
class ScanLineTest {
    private static final String TAIL = Classifier.TAIL;

    private static Verdict scan(String line) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        return Classifier.scanLine(b, 0, b.length);
    }

    static Stream<Arguments> worm() {
        String n100 = "N".repeat(100), x120 = "X".repeat(120);
        return Stream.of(
                Arguments.of("apache, cut", "211.218.252.9 - - [02/Aug/2001:06:01:38 -0400] \"GET /default.ida?" + n100, Verdict.CODE_RED_TRUNCATED),
                Arguments.of("apache, whole request, bad status", "211.218.252.9 - - [02/Aug/2001:06:01:38 -0400] \"GET /default.ida?"
                        + "N".repeat(224) + TAIL + "  HTTP/1.0\" 4x0 326 \"-\" \"-\"", Verdict.CODE_RED),
                Arguments.of("nginx, cut", "61.78.10.1 - - [11/Sep/2001:10:05:00 +0000] \"GET /default.ida?" + x120, Verdict.CODE_RED_II_TRUNCATED),
                Arguments.of("w3c, cut", "2001-07-19 15:38:38 137.250.36.15 - 10.10.10.10 80 GET /default.ida " + n100, Verdict.CODE_RED_TRUNCATED),
                Arguments.of("w3c, whole query, cut after it", "2001-08-05 01:02:03 24.1.2.3 GET /default.ida " + "X".repeat(224) + TAIL + " 40",
                        Verdict.CODE_RED_II),
                Arguments.of("iis native, cut", "172.16.1.1, -, 07/19/01, 19:59:59, W3SVC1, WEB1, 10.0.0.5, 0, 0, 0, 404, 2, GET, /default.ida, "
                        + n100, Verdict.CODE_RED_TRUNCATED),
                Arguments.of("iis native, whole", "172.16.1.1, -, 08/05/01, 19:59:59, W3SVC1, WEB1, 10.0.0.5, 0, 0, 0, 404, 2, GET, /default.ida, "
                        + "X".repeat(224) + TAIL + ",", Verdict.CODE_RED_II),
                Arguments.of("the request alone, at the line's start", "/default.ida?" + "N".repeat(64), Verdict.CODE_RED_TRUNCATED),
                Arguments.of("after another .ida request", "GET /default.ida?abc /default.ida?" + x120, Verdict.CODE_RED_II_TRUNCATED),
                Arguments.of("padding run past 224", "GET /default.ida?" + "N".repeat(300) + TAIL, Verdict.CODE_RED_TRUNCATED),
                Arguments.of("tail mangled", "GET /default.ida?" + "N".repeat(224) + TAIL.replace("%u9090", "%u9091") + " HTTP/1.0",
                        Verdict.CODE_RED_TRUNCATED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("worm")
    void findsTheRequestInAnyFormatsLine(String what, String line, Verdict expected) {
        assertEquals(expected, scan(line), what);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /search?q=default.ida NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN",
        "GET /docs/default.ida.html HTTP/1.0",
        "GET /default.idx?NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN",
        "GET /scripts/default.ida?NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN",
        "GET /default.idaNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN",
        "GET /default.ida?nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn",
        "GET /default.ida HTTP/1.0",
        "GET /default.ida?NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN",   // 63 N
        "GET /default.ida?NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN",
        "\"http://example.com/default.ida?NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN\"",
        "/default.ida",
        "",
    })
    void looksAlikeAreNotTheWorm(String line) {
        assertEquals(Verdict.CLEAN, scan(line), line);
    }

    @Test
    void aRunOfMinRunIsTheShortestTaken() {
        assertEquals(Verdict.CODE_RED_TRUNCATED, scan("/default.ida?" + "N".repeat(Classifier.MIN_RUN)));
        assertEquals(Verdict.CLEAN, scan("/default.ida?" + "N".repeat(Classifier.MIN_RUN - 1)));
    }

    /** The range given is all that is read: a worm request just past {@code to} is not there. */
    @Test
    void readsOnlyTheRangeGiven() {
        byte[] b = ("junk /default.ida?" + "N".repeat(80)).getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Verdict.CLEAN, Classifier.scanLine(b, 0, b.length - 20));
        assertEquals(Verdict.CODE_RED_TRUNCATED, Classifier.scanLine(b, 5, b.length));
    }

    /**
     * One rule, one implementation: on every record of the real Apache logs and the hand-made sample, the
     * byte scan of the whole line says what the classifier says of the parsed request.
     */
    @Test
    void agreesWithTheClassifierOnEveryParsedLine() throws IOException {
        LinePlan plan = ApacheLogFormat.compile("combined");
        LinePlan.Parser parser = plan.newParser();
        LogRecord rec = new LogRecord();
        int records = 0, attempts = 0;
        List<Path> files = List.of(Corpus.realFile("apache-combined-darwinsys-2001aug.log"),
                Corpus.realFile("apache-combined-honeynet-rh71-2004jul.log"), Corpus.realFile("apache-combined-honeynet-rh71-2004sep.log"),
                Corpus.realFile("apache-combined-honeynet-sotm34-2005.log"), Corpus.realFile("apache-combined-honeynet-rh71-2004-ida-extract.log"),
                Path.of("sample-logs/hand-made/access_log"), Path.of("sample-logs/nginx/access.log"));
        for (Path f : files) {
            byte[] all = Files.readAllBytes(f);
            int s = 0;
            for (int i = 0; i <= all.length; i++) {
                if (i < all.length && all[i] != '\n') continue;
                int e = i > s && all[i - 1] == '\r' ? i - 1 : i;
                if (parser.parse(all, s, e, rec) == LineParser.RECORD) {
                    records++;
                    Verdict parsed = Classifier.classify(rec);
                    if (parsed.isAttempt()) attempts++;
                    assertEquals(parsed.isAttempt() ? parsed : Verdict.CLEAN, Classifier.scanLine(all, s, e),
                            f.getFileName() + ": " + new String(all, s, Math.min(e - s, 200), StandardCharsets.ISO_8859_1));
                }
                s = i + 1;
            }
        }
        assertTrue(records > 5000 && attempts > 100, records + " records, " + attempts + " attempts");
    }

    /**
     * A hostile file may be all rejects: the scan stays linear whatever the line holds (near misses over and
     * over, a path followed by megabytes of blanks). Quadratic work on these 8 MB lines would take hours.
     */
    @Test
    void staysLinearOnHostileLines() {
        String nearMiss = "/default.ida?" + "N".repeat(Classifier.MIN_RUN - 1) + "/";
        byte[] misses = nearMiss.repeat((8 << 20) / nearMiss.length()).getBytes(StandardCharsets.ISO_8859_1);
        byte[] blanks = ("/default.ida" + " ".repeat(8 << 20) + "x").getBytes(StandardCharsets.ISO_8859_1);
        byte[] slashes = "/".repeat(8 << 20).getBytes(StandardCharsets.ISO_8859_1);
        byte[] stems = "/default.ida/default.ida?".repeat((8 << 20) / 25).getBytes(StandardCharsets.ISO_8859_1);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (byte[] b : List.of(misses, blanks, slashes, stems)) assertEquals(Verdict.CLEAN, Classifier.scanLine(b, 0, b.length));
        });
    }
}
