package org.wormsign.isp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wormsign.testing.Command;

/**
 * Issue 20's "done when": a simulated ISP analysed with its own customer and lease files, each lease format on
 * its own and all four mixed, gives a customers.csv whose Code Red I and II attempts per customer are the
 * simulator's truth-customers.csv, row for row. The simulator knows which host sent each attempt and which
 * customer that host is; the analyzer knows only the logs, customers.csv and the leases, so agreeing is the proof.
 * An address that changed hands mid-day must split its attempts exactly: a wrong split would move attempts from
 * one customer's row to the other's, which the row comparison would see; its per-address reports (XARF) must also
 * fall on the right side of the handover second.
 */
class SimulatedIspTest {
    @TempDir static Path tmp;
    private static Path sim;
    private static List<String> logs;

    @BeforeAll
    static void simulate() throws IOException {
        sim = tmp.resolve("sim");
        // Two weeks of August at a twentieth of the population: a few hundred customers, handovers included.
        Command c = Command.run("simulate", "--isp", "--seed", "1", "--scale", "0.05", "--from", "2001-08-01", "--to", "2001-08-14",
                "-o", sim.toString());
        assertEquals(0, c.status(), c.err());
        logs = new ArrayList<>();
        for (CSVRecord r : csv(sim.resolve("servers.csv"))) logs.add(sim.resolve(r.get(0)).toString());
        assertFalse(logs.isEmpty());
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    /** customer → {Code Red I, Code Red II} attempts, rows with none left out (the truth lists customers that never attacked). */
    private static Map<String, List<Long>> attempts(Path file) throws IOException {
        Map<String, List<Long>> m = new TreeMap<>();
        for (CSVRecord r : csv(file)) {
            long cr = Long.parseLong(r.get("code_red_attempts")), crii = Long.parseLong(r.get("code_red_ii_attempts"));
            if (cr + crii > 0) m.put(r.get("customer"), List.of(cr, crii));
        }
        return m;
    }

    @ParameterizedTest(name = "leases/{0}")
    @ValueSource(strings = {"dhcpd", "kea", "radius", "plain", "mixed"})
    void customersAreTheSimulatorsTruth(String leases) throws IOException {
        Path out = tmp.resolve("out-" + leases);
        List<String> args = new ArrayList<>(List.of("analyze", "--no-progress", "--tz", "America/New_York", "-o", out.toString(),
                "--customers", sim.resolve("customers.csv").toString(), "--leases", sim.resolve("leases").resolve(leases).toString()));
        args.addAll(logs);
        Command c = Command.run(args.toArray(String[]::new));
        assertEquals(0, c.status(), c.err());

        Map<String, List<Long>> truth = attempts(sim.resolve("truth-customers.csv"));
        Map<String, List<Long>> got = attempts(out.resolve("customers.csv"));
        assertTrue(truth.size() > 100, "a few hundred customers attacked: " + truth.size());
        assertEquals(truth, got, "customers.csv against truth-customers.csv, leases in " + leases);

        List<CSVRecord> handovers = csv(sim.resolve("truth-handovers.csv"));
        assertFalse(handovers.isEmpty(), "the simulation has an address that changed hands mid-day");
        for (CSVRecord h : handovers) {
            String address = h.get("address");
            Instant at = Instant.parse(h.get("handover_utc"));
            JsonNode before = report(out, h.get("customer_before"), address), after = report(out, h.get("customer_after"), address);
            assertTrue(Instant.parse(before.get("last_seen").asText()).isBefore(at), "before " + at + ": " + before.get("last_seen"));
            assertFalse(Instant.parse(after.get("first_seen").asText()).isBefore(at), "from " + at + ": " + after.get("first_seen"));
            assertTrue(Long.parseLong(h.get("attempts_before")) > 0 && Long.parseLong(h.get("attempts_after")) > 0);
        }
    }

    /** The XARF report of {@code address} in {@code customer}'s notices. */
    private static JsonNode report(Path out, String customer, String address) throws IOException {
        Path notices = out.resolve("notices");
        try (Stream<Path> all = Files.walk(notices)) {
            List<Path> found = all.filter(p -> p.getFileName().toString().equals(address + ".json")).toList();
            for (Path p : found) {
                if (Files.readString(notices.resolve(p.getParent().getFileName() + ".txt")).contains("(" + customer + ")")) {
                    return new ObjectMapper().readTree(p.toFile());
                }
            }
            throw new AssertionError("no report of " + address + " for " + customer + " among " + found);
        }
    }
}
