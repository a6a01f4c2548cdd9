package org.wormsign.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;
import static org.wormsign.hostile.Hostile.assertContains;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.aggregate.RawText;
import org.wormsign.cli.ExitStatus;
import org.wormsign.cli.TerminalText;
import org.wormsign.report.CsvCells;
import org.wormsign.report.ReportWriter;

/**
 * Issue 8, part 5: what wormsign writes is safe to open. CSV cells never start a formula, nothing printed
 * to a terminal carries a control or escape sequence, log text in HTML is text, and the output folder holds
 * either the earlier run's files or this run's, whole, never a mixture or a half-written one.
 */
class SafeOutputsTest {
    @TempDir Path tmp;

    /** A string generator that favours what attacks are made of. */
    private static org.quicktheories.core.Gen<String> hostileStrings() {
        return strings().allPossible().ofLengthBetween(0, 40).mix(strings().betweenCodePoints(0, 0x3000).ofLengthBetween(0, 20))
                .mix(integers().between(0, 8).map(i -> List.of("=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=x", "\r=x",
                        "\u001b[2J\u001b]0;pwned\u0007", "\u202e)gol.exe", "<script>alert(1)</script>").get(i)));
    }

    @Test
    void noCsvCellStartsAFormula() {
        Fuzz.theory().forAll(hostileStrings()).checkAssert(s -> {
            String cell = CsvCells.safe(s);
            if (cell == null || cell.isEmpty()) return;
            assertFalse("=+-@\t\r".indexOf(cell.charAt(0)) >= 0, cell);
            String shown = s.replaceAll("[\\x00-\\x08\\x0a-\\x1f\\x7f-\\x9f]", "?");
            String kept = cell.replaceAll("\\\\x[0-9a-f]{2}", "?");
            assertTrue(kept.equals(shown) || kept.equals("'" + shown), "only an apostrophe is added, controls escaped: " + cell);
        });
    }

    @Test
    void nothingPrintedToATerminalCarriesAControlCharacter() {
        Fuzz.theory().forAll(hostileStrings()).checkAssert(s -> {
            String clean = TerminalText.clean(s);
            clean.codePoints().forEach(cp -> {
                assertTrue(cp == '\t' || cp >= 0x20 && (cp < 0x7f || cp >= 0xa0), "control " + Integer.toHexString(cp) + " in " + clean);
                int type = Character.getType(cp);
                assertTrue(type != Character.FORMAT && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                        && type != Character.SURROGATE, "format character " + Integer.toHexString(cp));
            });
        });
        assertEquals("\\x1b[2J \\u202e)gol.exe \\x9b", TerminalText.clean("\u001b[2J \u202e)gol.exe \u009b"));
    }

    /** A log whose every field is an attack, in a file whose name is one. */
    private Path hostileInput() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        String evil = "=HYPERLINK(\"http://x\")<script>alert(1)</script>\u001b]0;t\u0007";
        Path log = dir.resolve("=cmd|' calc'!A0 <img src=x onerror=alert(2)>\u001b[31m.log");
        String line = "1.2.3.4 - - [19/Jul/2001:10:00:00 +0000] \"" + Hostile.CODE_RED_REQUEST + "\" 400 326 \"" + evil + "\" \"" + evil + "\"\n"
                + "@1.2.3.5 - - [19/Jul/2001:10:00:00 +0000] \"GET /" + evil + " HTTP/1.0\" 200 1 \"-\" \"-\"\n"
                + "-1.2.3.6 - - [19/Jul/2001:10:00:00 +0000] \"" + Hostile.CODE_RED_REQUEST + "\" 400 326 \"-\" \"-\"\n"
                + evil + "\n";
        Files.writeString(log, line, StandardCharsets.UTF_8);
        return dir;
    }

    @Test
    void hostileLogsMakeSafeOutputs() throws IOException {
        Path out = tmp.resolve("out");
        Hostile.Outcome o = Hostile.cli("analyze", "--no-progress", "-o", out.toString(), hostileInput().toString());
        assertEquals(ExitStatus.OK, o.status(), o.err());
        for (String printed : List.of(o.out(), o.err())) {
            assertFalse(printed.contains("\u001b"), "no ESC reaches the terminal");
            assertFalse(printed.contains("\u0007"));
        }
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(html.contains("<script>alert"), "log text is text");
        assertFalse(html.contains("<img src=x"), "file names are text");
        assertContains(html, "Content-Security-Policy");
        // Every cell of every CSV, read back as a spreadsheet would: none starts a formula.
        int cells = 0;
        for (String csv : List.of("hosts.csv", "evidence.csv", "rejects.csv")) {
            try (Reader r = Files.newBufferedReader(out.resolve(csv))) {
                for (CSVRecord rec : CSVFormat.DEFAULT.parse(r)) {
                    for (String cell : rec) {
                        cells++;
                        assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, csv + ": " + cell);
                    }
                }
            }
        }
        assertTrue(cells > 40, "the CSVs hold the hostile rows: " + cells);
        String evidence = Files.readString(out.resolve("evidence.csv"));
        assertContains(evidence, "'-1.2.3.6");
        assertFalse(evidence.contains("\u001b"), "raw text has its ESC as \\x1b");
    }

    private Map<String, byte[]> outputs(Path out) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (var s = Files.list(out)) {
            for (Path p : s.toList()) files.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        return files;
    }

    @Test
    void aRunThatCannotWriteLeavesTheEarlierRunsFilesWhole() throws IOException {
        Path out = tmp.resolve("out");
        assertEquals(ExitStatus.OK, Hostile.cli("analyze", "--no-progress", "-o", out.toString(), "sample-logs").status());
        Map<String, byte[]> before = outputs(out);
        // The summary cannot be written (a folder is in the way of its temporary file): the run fails after
        // hosts.csv, evidence.csv and rejects.csv were written under temporary names.
        Files.createDirectories(ReportWriter.partial(out, ReportWriter.SUMMARY).resolve("in-the-way"));
        Hostile.Outcome o = Hostile.cli("analyze", "--no-progress", "-o", out.toString(), hostileInput().toString());
        assertEquals(ExitStatus.OUTPUT, o.status(), o.err());
        o.assertNoStackTrace();
        assertEquals(1, o.messages().size(), o.err());
        assertContains(o.messages().get(0), "the outputs could not be written to " + out);
        Files.delete(ReportWriter.partial(out, ReportWriter.SUMMARY).resolve("in-the-way"));
        Files.delete(ReportWriter.partial(out, ReportWriter.SUMMARY));
        Map<String, byte[]> after = outputs(out);
        assertEquals(before.keySet(), after.keySet(), "no temporary file is left");
        for (String name : before.keySet()) assertArrayEquals(before.get(name), after.get(name), name + " is the earlier run's");
    }

    @Test
    void aKilledRunLeavesNoFileThatLooksWholeAndTheNextRunCleansUp() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        // What a run killed while writing leaves: temporary files only.
        Files.writeString(ReportWriter.partial(out, ReportWriter.REPORT), "<html><body>half");
        Files.writeString(out.resolve("notes.txt"), "the user's own file");
        // A run killed while it reads: a named pipe that never ends keeps it reading until it is killed.
        Path fifo = tmp.resolve("never.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0);
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.wormsign.cli.Main", "analyze", "--no-progress", "-o", out.toString(), fifo.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("run.txt").toFile()).start();
        try (var writer = Files.newOutputStream(fifo)) {
            writer.write(Fuzz.bytes(FormatCase.all().get(0).log()));
            writer.flush();
            Thread.sleep(300);
            run.destroyForcibly();
            assertTrue(run.waitFor(20, TimeUnit.SECONDS));
        } catch (IOException pipeClosedByTheKill) {
            // The reader died first: the same.
        }
        for (String name : ReportWriter.FILES) assertFalse(Files.exists(out.resolve(name)), name + " from a killed run");
        // The next run writes whole files, removes the leftover and keeps the user's file.
        Hostile.Outcome o = Hostile.cli("analyze", "--no-progress", "-o", out.toString(), "sample-logs");
        assertEquals(ExitStatus.OK, o.status(), o.err());
        for (String name : ReportWriter.FILES) assertTrue(Files.size(out.resolve(name)) > 0, name);
        assertFalse(Files.exists(ReportWriter.partial(out, ReportWriter.REPORT)));
        assertEquals("the user's own file", Files.readString(out.resolve("notes.txt")));
    }

    @Test
    @Timeout(30)
    void anOutputFolderThatIsAFileIsAUsageErrorBeforeAnythingIsRead() throws IOException {
        Path file = Files.writeString(tmp.resolve("reports"), "not a folder");
        Hostile.Outcome o = Hostile.cli("analyze", "--no-progress", "-o", file.toString(), "sample-logs");
        assertEquals(ExitStatus.USAGE, o.status());
        assertEquals(List.of("wormsign: -o " + file + ": exists and is not a folder"), o.err().lines().toList());
        assertEquals("not a folder", Files.readString(file));
    }

    @Test
    void rawTextIsShownEscapedWherever() {
        byte[] b = Fuzz.bytes("a\u0000b\u001bc\u00ff\r\n");
        assertEquals("a\\x00b\\x1bc\\xff\\x0d\\x0a", RawText.of(b, 0, b.length));
    }
}
