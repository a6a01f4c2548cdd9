package org.wormsign.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.report.ReportModel;
import org.wormsign.testing.Runs;

/** The simulator is the oracle: the real analyzer must find in its logs exactly what truth.csv says. */
class TruthTest {
    @TempDir Path tmp;

    @Test
    void analyzerFindsExactlyTheTruthInEveryServersLog() throws IOException {
        Path out = tmp.resolve("sim");
        SimulateOptions o = new SimulateOptions(7, out, 0.02, LocalDate.of(2001, 7, 12), LocalDate.of(2001, 10, 5),
                SimulateOptions.serverKinds(), true, 2, 0, true, 2);
        Simulation.Summary s = Simulation.run(o);

        Map<String, long[]> truth = counts(Files.newBufferedReader(out.resolve("truth.csv")));
        ReportModel model = Runs.analyze(out);
        Map<String, long[]> found = counts(new StringReader(Runs.hostsCsv(model)));

        assertTrue(truth.size() > 100, "a run with something to find: " + truth.size() + " sources");
        assertEquals(truth.keySet(), found.keySet(), "the same sources");
        for (Map.Entry<String, long[]> e : truth.entrySet()) {
            long[] f = found.get(e.getKey());
            assertEquals(e.getValue()[0], f[0], "Code Red I attempts of " + e.getKey());
            assertEquals(e.getValue()[1], f[1], "Code Red II attempts of " + e.getKey());
        }
        assertEquals(s.codeRed(), model.totals().codeRed());
        assertEquals(s.codeRedII(), model.totals().codeRedII());
        assertTrue(s.codeRed() > 0 && s.codeRedII() > 0, "both variants");
        assertEquals(0, model.totals().rejected(), "every simulated line is a record");
        assertTrue(model.totals().nimda() > 0, "Nimda from 18 September, never counted as Code Red");

        // epidemic.csv: the whole population (2 % of it here) every hour, CAIDA's curve at that scale.
        java.util.List<String> hours = Files.readAllLines(out.resolve("epidemic.csv"));
        assertEquals("utc_hour,infected_hosts,new_infections,code_red_i_hosts,code_red_ii_hosts,probing_hosts,patched_hosts", hours.get(0));
        assertEquals(86 * 24, hours.size() - 1);
        assertTrue(hours.get(1).startsWith("2001-07-12T00:00:00Z,0,"));
        String midnight = hours.stream().filter(l -> l.startsWith("2001-07-20T00:00:00Z,")).findFirst().orElseThrow();
        assertTrue(Integer.parseInt(midnight.split(",")[1]) > 0.02 * 300_000, midnight);
    }

    /** source_ip -> {code_red_attempts, code_red_ii_attempts}, from truth.csv or hosts.csv. */
    private static Map<String, long[]> counts(Reader r) throws IOException {
        Map<String, long[]> m = new TreeMap<>();
        try (r) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                long[] previous = m.put(rec.get("source_ip"),
                        new long[] {Long.parseLong(rec.get("code_red_attempts")), Long.parseLong(rec.get("code_red_ii_attempts"))});
                assertEquals(null, previous, "one row per source: " + rec.get("source_ip"));
            }
        }
        return m;
    }
}
