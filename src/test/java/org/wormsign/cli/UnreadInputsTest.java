package org.wormsign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.detect.Classifier;
import picocli.CommandLine;

/**
 * Issue 15: a run that could not read its inputs must not open with "No Code Red request found". The
 * verdict's first sentence, in report.html and in the paragraph printed at the end, says how many of how
 * many inputs could not be read, before anything about what was found.
 */
class UnreadInputsTest {
    @TempDir Path tmp;

    private record Outcome(int status, String out, String err, String html) {
        /** The verdict's sentences in report.html, in order. */
        String[] verdict() {
            int div = html.indexOf("<div class=\"verdict");
            String block = html.substring(div, html.indexOf("</div>", div));
            return Arrays.stream(block.split("<p>")).skip(1).map(p -> p.substring(0, p.indexOf("</p>"))).toArray(String[]::new);
        }

        String title() {
            return html.substring(html.indexOf("<title>") + 7, html.indexOf("</title>"));
        }

        /** Whether the verdict is shown as an all-clear (green). */
        boolean allClear() {
            return html.contains("<div class=\"verdict ok\">");
        }
    }

    private Outcome analyze(String... paths) throws IOException {
        Path out = tmp.resolve("r" + System.nanoTime());
        String[] args = new String[paths.length + 4];
        args[0] = "analyze";
        args[1] = "--no-progress";
        args[2] = "-o";
        args[3] = out.toString();
        System.arraycopy(paths, 0, args, 4, paths.length);
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = Main.commandLine();
        StringWriter o = new StringWriter(), e = new StringWriter();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int status = cl.execute(args);
        return new Outcome(status, o.toString(), e.toString(), Files.readString(out.resolve("report.html")));
    }

    private static final String CODE_RED = "211.218.252.9 - - [19/Jul/2001:15:38:38 +0000] \"GET /default.ida?" + "N".repeat(224)
            + Classifier.TAIL + "  HTTP/1.0\" 400 326 \"-\" \"-\"\n";
    private static final String CLEAN = "10.0.0.1 - - [19/Jul/2001:15:38:39 +0000] \"GET /index.html HTTP/1.0\" 200 1043 \"-\" \"Mozilla/4.0\"\n";

    private Path log(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void everyNamedPathMissing() throws IOException {
        Outcome o = analyze(tmp.resolve("gone.log").toString(), tmp.resolve("also-gone").toString());
        assertEquals(ExitStatus.INCOMPLETE, o.status());
        String first = "2 of 2 inputs could not be read: no log record was read, so this report cannot say whether Code Red was there.";
        assertEquals(first, o.verdict()[0]);
        assertEquals(1, o.verdict().length, "nothing else to say: " + String.join(" | ", o.verdict()));
        assertTrue(o.out().startsWith(first), o.out());
        assertFalse(o.out().contains("No Code Red"), o.out());
        assertFalse(o.allClear(), "not shown as an all-clear");
        assertEquals("wormsign: 2 of 2 inputs not read", o.title());
    }

    @Test
    void oneOfThreeMissingBeforeWhatWasFound() throws IOException {
        Outcome o = analyze(log("a.log", CODE_RED + CLEAN).toString(), tmp.resolve("gone.log").toString(), log("b.log", CLEAN).toString());
        assertEquals(ExitStatus.INCOMPLETE, o.status());
        String first = "1 of 3 inputs could not be read; what follows is from what was read.";
        assertEquals(first, o.verdict()[0]);
        assertTrue(o.verdict()[1].startsWith("1 source sent Code Red I"), o.verdict()[1]);
        assertTrue(o.out().startsWith(first + " 1 sources sent 1 Code Red I attempts"), o.out());
        assertEquals("wormsign: 1 Code Red sources", o.title());
    }

    @Test
    void oneOfThreeMissingAndNoCodeRedInTheRest() throws IOException {
        Outcome o = analyze(log("a.log", CLEAN).toString(), tmp.resolve("gone.log").toString(), log("b.log", CLEAN).toString());
        String first = "1 of 3 inputs could not be read; what follows is from what was read.";
        assertEquals(first, o.verdict()[0]);
        assertEquals("No Code Red request in 2 lines from 2 inputs.", o.verdict()[1]);
        assertTrue(o.out().startsWith(first + " No Code Red request found."), o.out());
        assertFalse(o.allClear());
        assertEquals("wormsign: 1 of 3 inputs not read, no Code Red in the rest", o.title());
    }

    /** A .gz cut short: its lines before the cut are read, so it could not be read completely. */
    @Test
    void oneReadOnlyInPart() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write((CLEAN.repeat(5000) + CODE_RED).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        byte[] bytes = gz.toByteArray();
        Path cut = Files.write(tmp.resolve("cut.log.gz"), Arrays.copyOf(bytes, bytes.length - 20));
        Outcome o = analyze(cut.toString(), log("b.log", CLEAN).toString(), tmp.resolve("gone.log").toString());
        assertEquals("2 of 3 inputs could not be read completely (1 not at all); what follows is from what was read.", o.verdict()[0]);
    }

    @Test
    void everythingReadSaysNothingOfIt() throws IOException {
        Outcome o = analyze(log("a.log", CLEAN).toString());
        assertEquals(ExitStatus.OK, o.status());
        assertEquals("No Code Red request in 1 lines from 1 input.", o.verdict()[0]);
        assertTrue(o.out().startsWith("No Code Red request found."), o.out());
        assertTrue(o.allClear());
    }
}
