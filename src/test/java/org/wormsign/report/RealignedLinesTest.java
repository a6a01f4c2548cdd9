package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.detect.Classifier;
import org.wormsign.testing.Runs;

/**
 * Realigned W3C lines (lines that did not fit their {@code #Fields}) are counted per input and in the totals,
 * and each input that has them is named in a warning, in summary.json and on the page.
 */
class RealignedLinesTest {
    @TempDir Path tmp;

    private static final String HEADER = "#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent)\r\n";
    /** A Code Red probe from 137.250.36.{@code host} (no String.format: the worm's tail is full of {@code %u}). */
    private static String codeRed(int host) {
        return "2001-07-19 15:38:38 137.250.36." + host + " - 10.10.10.10 80 GET /default.ida " + "N".repeat(224) + Classifier.TAIL + " 404 -";
    }

    /** A W3C log with {@code realigned} Code Red lines of one column more and one that fits. */
    private Path log(String name, int realigned) throws IOException {
        StringBuilder b = new StringBuilder(HEADER).append(codeRed(1)).append("\r\n");
        for (int i = 0; i < realigned; i++) b.append(codeRed(2 + i)).append(" -\r\n");
        Path p = tmp.resolve(name);
        Files.writeString(p, b, StandardCharsets.ISO_8859_1);
        return p;
    }

    @Test
    void countedPerInputAndNamedInAWarning() throws IOException {
        Path two = log("two.log", 2), none = log("none.log", 0), one = log("one<b>.log", 1);
        ReportModel m = Runs.analyze(two, none, one);
        assertEquals(List.of(2L, 0L, 1L), m.inputs().stream().map(ReportModel.InputRow::realigned).toList());
        assertEquals(3, m.totals().realigned());
        assertEquals(6, m.totals().codeRed(), "realigned lines are records like the others");
        assertEquals(List.of(two + ": 2 lines do not fit", one + ": 1 line does not fit"),
                m.warnings().stream().map(w -> w.substring(0, w.indexOf(" the #Fields"))).toList());

        JsonNode json = SummaryJson.tree(m);
        assertEquals(2, json.get("inputs").get(0).get("realigned").asLong());
        assertEquals(3, json.get("totals").get("realigned").asLong());
        List<String> inputFields = iterable(json.get("inputs").get(0).fieldNames());
        assertEquals(inputFields.indexOf("skipped") + 1, inputFields.indexOf("realigned"), "right after skipped");
        assertTrue(inputFields.indexOf("realigned") < inputFields.indexOf("errors"), "before errors, with the other new fields");
        List<String> totalFields = iterable(json.get("totals").fieldNames());
        assertEquals(totalFields.indexOf("default_ida_without_query") + 1, totalFields.indexOf("realigned"));

        String page = HtmlReport.render(m, List.of());
        assertTrue(page.contains("(3 realigned: they did not fit their #Fields)"));
        assertTrue(page.contains("Warning: " + one.toString().replace("<", "&lt;").replace(">", "&gt;") + ": 1 line does not fit"), "named, escaped");
    }

    @Test
    void tenInputsAreNamedAndTheRestCounted() throws IOException {
        Path[] logs = new Path[13];
        for (int i = 0; i < logs.length; i++) logs[i] = log("ex" + i + ".log", 1 + i % 2);
        ReportModel m = Runs.analyze(logs);
        List<String> warnings = m.warnings();
        assertEquals(ReportModel.REALIGNED_WARNINGS + 1, warnings.size());
        // The last three inputs: ex10 (1), ex11 (2), ex12 (1).
        assertEquals("3 more inputs have realigned lines (4 in all): see inputs[].realigned in summary.json", warnings.get(warnings.size() - 1));
        assertEquals(19, m.totals().realigned());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> all = new java.util.ArrayList<>();
        it.forEachRemaining(all::add);
        return all;
    }
}
