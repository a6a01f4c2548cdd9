package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wormsign.cli.ExitStatus;
import org.wormsign.cli.Main;
import org.wormsign.detect.Classifier;
import org.wormsign.input.Input;
import org.wormsign.input.InputFinder;
import org.wormsign.testing.Corpus;
import org.wormsign.testing.Runs;
import picocli.CommandLine;

/**
 * Issue 16 item 3: a folder of logs in a layout the sniffer does not know gave "No Code Red request found.
 * Read 0 inputs", exit 0, the files only under ignored[]; and a found file of no known layout holding the
 * worm's request was set aside unread. Now a found file that looks like an access log, or carries the worm's
 * request, is an error naming it (exit 1, every line a reject); only files that are clearly no log are
 * ignored quietly. Run through the command line, as a user would.
 */
class UnrecognisedLogTest {
    @TempDir Path tmp;

    private static final String CR = "/default.ida?" + "N".repeat(224) + Classifier.TAIL;

    private record Run(int status, String out, String err, Path dir) {
        JsonNode summary() throws IOException {
            return new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        }

        String html() throws IOException {
            return Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        }
    }

    private Run analyze(String... paths) {
        Path out = tmp.resolve("out" + System.nanoTime());
        List<String> args = new ArrayList<>(List.of("analyze", "--no-progress", "-o", out.toString()));
        args.addAll(List.of(paths));
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = Main.commandLine();
        StringWriter o = new StringWriter(), e = new StringWriter();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int status = cl.execute(args.toArray(String[]::new));
        return new Run(status, o.toString(), e.toString(), out);
    }

    /** Lines of layouts nobody will add as a format: the time last, in odd shapes; the status before the request. */
    private static String oddLayout(int layout, int lines, Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            String client = "10.0." + random.nextInt(256) + "." + (1 + random.nextInt(254));
            String path = "/page" + random.nextInt(1000) + ".html";
            int status = random.nextBoolean() ? 200 : 404;
            String clock = String.format("%02d:%02d:%02d", 10 + i / 3600, i / 60 % 60, i % 60);
            s.append(switch (layout) {
                case 0 -> client + " | GET " + path + " HTTP/1.1 | " + status + " | 512 bytes | at 19.07.2001 (" + clock + ")";
                case 1 -> "<" + status + "> " + client + " ~ \"HEAD " + path + " HTTP/1.0\" ~ Thursday the 19th of July 2001, " + clock;
                default -> "peer=" + client + ";req=\"POST " + path + " HTTP/1.1\";code=" + status + ";when=" + clock + "@2001/200";
            }).append('\n');
        }
        return s.toString();
    }

    @Test
    void aFolderOfUnknownLogLikeFilesIsAnErrorNamingEachFile() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("logs"));
        Random random = new Random(16_3);
        for (int layout = 0; layout < 3; layout++) Files.writeString(dir.resolve("site" + layout + ".log"), oddLayout(layout, 40, random));
        // A README with an example line in a code block is still no log.
        Files.writeString(dir.resolve("README.md"), """
                # Logs of the web farm

                Rotated nightly by logrotate; the layout is our own:

                ```
                10.0.0.1 | GET /index.html HTTP/1.1 | 200 | 512 bytes | at 19.07.2001 (15:38:39)
                ```

                Ask ops before deleting anything.
                """);
        Run r = analyze(dir.toString());

        assertEquals(ExitStatus.INCOMPLETE, r.status(), r.err());
        for (int layout = 0; layout < 3; layout++) {
            String line = "wormsign: " + dir.resolve("site" + layout + ".log") + ": looks like an access log but its layout is not one"
                    + " wormsign knows (40 of 40 lines have a request, status and time); name it with --log-format or --nginx-format";
            assertTrue(r.err().contains(line + "\n"), "each file named, on one line: " + r.err());
        }
        assertTrue(r.out().startsWith("3 of 3 inputs could not be read"), r.out());
        assertFalse(r.out().contains("No Code Red"), r.out());
        assertTrue(r.html().contains("3 of 3 inputs could not be read"), "the report's verdict says so too");

        JsonNode s = r.summary();
        assertEquals(1, s.get("ignored").size(), s.get("ignored").toString());
        assertTrue(s.get("ignored").get(0).get("path").asText().endsWith("README.md"));
        assertEquals(3, s.get("inputs").size());
        for (JsonNode in : s.get("inputs")) {
            assertEquals(40, in.get("lines").asLong());
            assertEquals(40, in.get("rejected").asLong(), "every line a reject, counted");
            assertEquals(1, in.get("errors").size());
        }
    }

    /** Named on the command line, the same file gets the same sentence (it was "format not recognised", which told less). */
    @Test
    void aNamedFileGetsTheSameSentence() throws IOException {
        Path log = Files.writeString(tmp.resolve("odd.log"), oddLayout(1, 5, new Random(7)));
        Run r = analyze(log.toString());
        assertEquals(ExitStatus.INCOMPLETE, r.status());
        assertTrue(r.err().contains(log + ": looks like an access log but its layout is not one wormsign knows (5 of 5 lines"), r.err());
    }

    /**
     * Peer logs in layouts wormsign does not read today (other formats may be added: then they are read): found
     * in a folder, they are never set aside quietly.
     */
    @ParameterizedTest
    @ValueSource(strings = {"matomo/custom_regex_custom_date.log", "matomo/icecast2.log", "lnav/logfile_haproxy.0"})
    void peerLogsInUnknownLayoutsAreNotSetAside(String name) {
        Path file = Corpus.peerFile(name);
        Input found = Input.of(file.toString(), () -> Files.newInputStream(file), false);
        InputResult r = single(Analyzer.run(Runs.options(List.of()), new InputFinder.Found(List.of(found), List.of())));
        assertNull(r.ignoredBecause(), name + " looks like an access log");
        if (FormatDecision.UNRECOGNISED.equals(r.format())) {
            assertEquals(1, r.errors().size(), r.errors().toString());
            assertTrue(r.errors().get(0).startsWith("looks like an access log but its layout is not one wormsign knows ("), r.errors().get(0));
            assertEquals(r.aggregate().totals().lines() - r.aggregate().totals().skipped(), r.aggregate().totals().rejected());
        } else {
            assertTrue(r.aggregate().totals().records() > 0, name + " read as " + r.format());
        }
    }

    /**
     * The URLScan log quotes {@code /default.ida} URLs without a query (nothing in it is an attempt), and it
     * holds no request line and no status: it is no access log, and found in a folder it is set aside.
     */
    @Test
    void aUrlScanLogIsNoAccessLog() {
        Path file = Corpus.peerFile("misc/urlscan-sans-sec505-2001sep.log");
        Input found = Input.of(file.toString(), () -> Files.newInputStream(file), false);
        InputResult r = single(Analyzer.run(Runs.options(List.of()), new InputFinder.Found(List.of(found), List.of())));
        assertEquals("not a log in a known format (none of its first lines parse)", r.ignoredBecause());
        assertEquals(0, r.aggregate().totals().lines());
    }

    /**
     * A found file of no known layout, not log-shaped (one line in ten is a request), holding the worm's request:
     * read to its end as an unrecognised input, the request salvaged, an error.
     */
    @Test
    void aFoundFileWithTheWormsRequestIsNeverSetAside() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("proxy"));
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            s.append("debug: worker ").append(i).append(" polled the upstream pool\n");
            if (i % 10 == 9) s.append("debug: forwarding for 211.218.252.9 GET ").append(CR).append(" HTTP/1.0\n");
        }
        Files.writeString(dir.resolve("proxy-debug.txt"), s.toString());
        Run r = analyze(dir.toString());

        assertEquals(ExitStatus.INCOMPLETE, r.status(), r.err());
        assertTrue(r.err().contains(dir.resolve("proxy-debug.txt") + ": format not recognised from its first lines; every line is rejected;"
                + " 3 lines hold the Code Red request (kept as salvaged requests)"), r.err());
        assertTrue(r.out().startsWith("1 of 1 input could not be read"), r.out());
        JsonNode s2 = r.summary();
        assertEquals(0, s2.get("ignored").size());
        assertEquals(33, s2.get("inputs").get(0).get("rejected").asLong());
        assertEquals(3, s2.get("totals").get("code_red_in_rejects").asLong());
    }

    /**
     * A found file whose head is not text (a packet capture, say) is set aside after 64 KiB, unless the worm's
     * request is among what was read: then it is read to its end.
     */
    @Test
    void aBinaryHeadWithTheWormsRequestIsReadThrough() {
        byte[] noise = new byte[100 * 1024];
        new Random(16_3_2).nextBytes(noise);
        ByteArrayOutputStream capture = new ByteArrayOutputStream();
        capture.write(noise, 0, 20_000);
        capture.writeBytes(("\nGET " + CR + " HTTP/1.0\n").getBytes(StandardCharsets.US_ASCII));
        capture.write(noise, 20_000, noise.length - 20_000);
        byte[] bytes = capture.toByteArray();
        Input withWorm = Input.of("captures/port80.pcap", () -> new ByteArrayInputStream(bytes), false);
        Input without = Input.of("captures/other.pcap", () -> new ByteArrayInputStream(noise), false);
        RunResult run = Analyzer.run(Runs.options(List.of()), new InputFinder.Found(List.of(withWorm, without), List.of()));

        InputResult w = run.inputs().get(0);
        assertNull(w.ignoredBecause());
        assertNotNull(w.sha256(), "read to its end");
        assertEquals(1, w.aggregate().totals().codeRedInRejects());
        assertEquals(1, w.errors().size());
        assertTrue(run.inputs().get(1).ignoredBecause().contains("not text"), run.inputs().get(1).ignoredBecause());
    }

    /** File names are chosen by whoever made the folder: the sentence naming one is escaped where it is shown. */
    @Test
    void aHostileFileNameIsEscaped() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("evil"));
        Files.writeString(dir.resolve("a\u001b[2J<b>x.log"), oddLayout(0, 3, new Random(1)));
        Run r = analyze(dir.toString());
        assertEquals(ExitStatus.INCOMPLETE, r.status());
        assertFalse(r.err().contains("\u001b"), "no terminal escape reaches stderr");
        assertTrue(r.err().contains("looks like an access log"), r.err());
        assertFalse(r.html().contains("<b>x.log"), "no markup from the name reaches the report");
    }

    private static InputResult single(RunResult run) {
        assertEquals(1, run.inputs().size(), run.inputs().toString());
        return run.inputs().get(0);
    }
}
