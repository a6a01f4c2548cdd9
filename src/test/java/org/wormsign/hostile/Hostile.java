package org.wormsign.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.wormsign.cli.Main;
import org.wormsign.detect.Classifier;
import org.wormsign.format.LogFormat;
import org.wormsign.input.Input;
import org.wormsign.input.InputFinder;
import org.wormsign.pipeline.AnalyzeOptions;
import org.wormsign.pipeline.Analyzer;
import org.wormsign.pipeline.InputResult;
import org.wormsign.pipeline.RunResult;
import org.wormsign.aggregate.Totals;
import picocli.CommandLine;

/** What the hostile-input tests share: hostile lines, running bytes through the pipeline, and the accounting law. */
final class Hostile {
    private Hostile() {}

    static final String CODE_RED_REQUEST = "GET /default.ida?" + "N".repeat(224) + Classifier.TAIL + "  HTTP/1.0";
    static final String CODE_RED_II_REQUEST = "GET /default.ida?" + "X".repeat(224) + Classifier.TAIL + "  HTTP/1.0";

    /** An Apache combined line with this request, from this client, on 19 July 2001 (Code Red I's day). */
    static String combined(String client, String request, int status) {
        return client + " - - [19/Jul/2001:15:38:38 +0000] \"" + request + "\" " + status + " 326 \"-\" \"-\"";
    }

    static AnalyzeOptions options(LogFormat forced) {
        return new AnalyzeOptions(List.of("unused"), Path.of("unused"), forced, 1, 1 << 20, null, List.of("hostile"));
    }

    /** Analyzes bytes as one input named {@code name}, as if named on the command line. */
    static RunResult run(String name, byte[] data) {
        return run(name, data, null);
    }

    static RunResult run(String name, byte[] data, LogFormat forced) {
        Input in = Input.of(name, () -> new ByteArrayInputStream(data));
        return Analyzer.run(options(forced), new InputFinder.Found(List.of(in), List.of()));
    }

    /** The one result of a run over one plain input. */
    static InputResult only(RunResult run) {
        assertEquals(1, run.inputs().size(), run.inputs().toString());
        return run.inputs().get(0);
    }

    /** {@code lines = records + rejected + skipped} for every input and for the run. */
    static void assertAccounting(RunResult run) {
        for (InputResult r : run.inputs()) assertAccounting(r.name(), r.aggregate().totals());
        assertAccounting("the run", run.merged().totals());
    }

    static void assertAccounting(String what, Totals t) {
        assertEquals(t.lines(), t.records() + t.rejected() + t.skipped(),
                what + ": lines " + t.lines() + " != records " + t.records() + " + rejected " + t.rejected() + " + skipped " + t.skipped());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** What the command line did: its status and what it printed. */
    record Outcome(int status, String out, String err) {
        /** Never a stack trace: no "\tat " frame, no exception class name line. */
        void assertNoStackTrace() {
            assertFalse(err.contains("\tat "), err);
            assertFalse(err.contains("Exception in thread"), err);
            assertFalse(out.contains("\tat "), out);
        }

        /** The stderr lines that start with "wormsign: " and are not the rate line. */
        List<String> messages() {
            return err.lines().filter(l -> l.startsWith("wormsign: ") && !l.startsWith("wormsign: read ")).toList();
        }
    }

    static Outcome cli(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Outcome(status, out.toString(), err.toString());
    }

    static JsonNode summary(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    /** Checks summary.json's accounting for every input and the totals. */
    static void assertAccounting(JsonNode summary) {
        for (JsonNode in : summary.get("inputs")) {
            assertEquals(in.get("lines").asLong(), in.get("records").asLong() + in.get("rejected").asLong() + in.get("skipped").asLong(),
                    in.get("path").asText());
        }
        JsonNode t = summary.get("totals");
        assertEquals(t.get("lines").asLong(), t.get("records").asLong() + t.get("rejected").asLong() + t.get("skipped").asLong());
    }

    /** The input of summary.json with this path. */
    static JsonNode input(JsonNode summary, String path) {
        for (JsonNode in : summary.get("inputs")) if (in.get("path").asText().equals(path)) return in;
        throw new AssertionError("no input " + path + " in " + summary.get("inputs"));
    }

    static void assertContains(String haystack, String needle) {
        assertTrue(haystack.contains(needle), "expected «" + needle + "» in «" + haystack + "»");
    }
}
