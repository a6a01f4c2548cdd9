package org.wormsign.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.format.SampleLines.Sample;
import org.wormsign.testing.Corpus;

class FormatSnifferTest {

    static final List<String> JUNK = List.of(
            "This file was rotated by logrotate.",
            "#Comment: not a log line",
            "\0\0\0\0\0\0\0\0",
            "1.2.3.4 - - [02/Aug/2001:06:0",
            "<html><body>404</body></html>");

    static FormatSniffer.Sniffed sniff(byte[] head, boolean complete) {
        return FormatSniffer.sniff(head, head.length, complete, KnownFormats.sniffCandidates(ZoneOffset.UTC));
    }

    static byte[] file(List<String> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String l : lines) out.writeBytes(SampleLines.bytes(l + "\n"));
        return out.toByteArray();
    }

    static List<String> withJunk(List<String> lines) {
        List<String> all = new ArrayList<>(JUNK);
        all.addAll(lines);
        return all;
    }

    /** A day of ordinary traffic with worm probes mixed in, in one shape. */
    static List<String> combinedLines() {
        List<String> lines = new ArrayList<>();
        for (Sample s : SampleLines.samples()) {
            lines.add(s.combined());
            lines.add("10.0.0." + lines.size() + " - - [" + s.time() + "] \"GET /index.html HTTP/1.1\" 200 6214 \"http://www.example.com/\" \"Mozilla/4.0\"");
        }
        return lines;
    }

    static List<String> commonLines() {
        List<String> lines = new ArrayList<>();
        for (Sample s : SampleLines.samples()) {
            lines.add(s.common());
            lines.add("10.0.0." + lines.size() + " - - [" + s.time() + "] \"GET /index.html HTTP/1.1\" 304 -");
        }
        return lines;
    }

    /** nginx writes 0 for an empty body, never -. */
    static List<String> nginxLines() {
        List<String> lines = new ArrayList<>();
        for (Sample s : SampleLines.samples()) {
            lines.add(s.combined().replace("\" " + s.status() + " - \"", "\" " + s.status() + " 0 \""));
            lines.add("10.0.0." + lines.size() + " - - [" + s.time() + "] \"GET /index.html HTTP/1.1\" 304 0 \"-\" \"Mozilla/5.0\"");
        }
        return lines;
    }

    static List<String> vhostLines() {
        List<String> lines = new ArrayList<>();
        for (Sample s : SampleLines.samples()) {
            lines.add(s.vhostCombined(lines.size() % 2 == 0 ? "www.example.com" : "shop.example.com"));
        }
        return lines;
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("apache-combined", combinedLines()),
                Arguments.of("apache-common", commonLines()),
                Arguments.of("nginx-combined", nginxLines()),
                Arguments.of("apache-vhost-combined", vhostLines()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void picksTheFormat(String expected, List<String> lines) {
        FormatSniffer.Sniffed s = sniff(file(lines), true);
        assertEquals(expected, s.name());
        assertNotNull(s.format());
        assertEquals(expected, s.format().name());
        assertEquals(lines.size(), s.matched(), "every line reads in the chosen format");
        assertEquals(lines.size(), s.sampled());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void fiveJunkLinesAtTheTopDoNotMislead(String expected, List<String> lines) {
        FormatSniffer.Sniffed s = sniff(file(withJunk(lines)), true);
        assertEquals(expected, s.name());
        assertEquals(lines.size(), s.matched());
        assertEquals(lines.size() + JUNK.size(), s.sampled());
    }

    /**
     * Issue 15: lines no format reads do not bring the decision nearer, however many come first; it is
     * made on the first 200 lines some format reads.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void aThousandJunkLinesBeforeTheLogDoNotHideIt(String expected, List<String> lines) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) all.addAll(JUNK);
        all.addAll(lines);
        FormatSniffer.Sniffed s = sniff(file(all), true);
        assertEquals(expected, s.name());
        assertEquals(Math.min(lines.size(), FormatSniffer.SAMPLE_LINES), s.matched());
    }

    /** The head of a big file ends mid-line; that partial line is not sampled. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void aHeadCutMidLine(String expected, List<String> lines) {
        byte[] whole = file(lines);
        byte[] head = Arrays.copyOf(whole, whole.length - 10);
        FormatSniffer.Sniffed s = sniff(head, false);
        assertEquals(expected, s.name());
        assertEquals(lines.size() - 1, s.sampled());
    }

    /** Real Apache files: Apache writes - for an empty body, so none of these may pass for nginx. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wormsign.format.ApacheLogFormatTest#realApacheFiles")
    void realApacheFilesAreApacheCombined(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        byte[] head = Arrays.copyOf(data, Math.min(data.length, 64 * 1024));
        FormatSniffer.Sniffed s = sniff(head, head.length == data.length);
        assertEquals("apache-combined", s.name());
        assertEquals(s.sampled(), s.matched(), "every sampled line of a real Apache file is a record");
    }

    @Test
    void aReadmeIsNoLogFormat() throws IOException {
        byte[] readme = Files.readAllBytes(Corpus.realFile("README.md"));
        FormatSniffer.Sniffed s = sniff(readme, true);
        assertNull(s.format());
        assertEquals(0, s.matched());
    }

    @Test
    void emptyInputIsNoLogFormat() {
        FormatSniffer.Sniffed s = sniff(new byte[0], true);
        assertNull(s.format());
        assertEquals(0, s.sampled());
    }

    @Test
    void blankLinesAreNotSampled() {
        List<String> lines = new ArrayList<>(List.of("", "   ", "\t"));
        lines.addAll(combinedLines());
        FormatSniffer.Sniffed s = sniff(file(lines), true);
        assertEquals("apache-combined", s.name());
        assertEquals(combinedLines().size(), s.sampled());
    }

    @Test
    void crlfLinesAreSniffedLikeLf() {
        byte[] lf = file(commonLines());
        byte[] crlf = new String(lf, java.nio.charset.StandardCharsets.ISO_8859_1).replace("\n", "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        FormatSniffer.Sniffed s = sniff(crlf, true);
        assertEquals("apache-common", s.name());
        assertEquals(commonLines().size(), s.matched());
    }
}
