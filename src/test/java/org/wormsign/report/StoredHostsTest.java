package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.aggregate.StateFolder;
import org.wormsign.aggregate.TextBudget;
import org.wormsign.format.SourceAddress;
import org.wormsign.testing.Command;

/**
 * A state's outputs made from its sources read one at a time ({@link StoredHosts}, what {@code report --state} does)
 * are those made from every source on the heap ({@link ReportModel#of(org.wormsign.aggregate.Snapshot, String, long)}):
 * the same rows in the same order, and the same charts, tables and counts made in one pass over them.
 */
class StoredHostsTest {
    @TempDir Path dir;

    private static final int[] TRAPS = {0, 1, 2, 9, 10, 11, 12, 19, 100, 101, 199, 200, 255};

    /**
     * A source whose text orders unlike its number (1.10.x after 1.1.x, 12.x after 100.x), an IPv6 address, or a
     * host name sharing its first eight characters with others: where the hosts table's order is decided.
     */
    private static String source(Random r) {
        int kind = r.nextInt(10);
        if (kind < 7) {
            StringBuilder s = new StringBuilder();
            for (int o = 0; o < 4; o++) s.append(o == 0 ? "" : ".").append(TRAPS[r.nextInt(TRAPS.length)]);
            return s.toString();
        }
        if (kind < 9) return "2001:db8:" + Integer.toHexString(r.nextInt(4)) + "::" + Integer.toHexString(r.nextInt(300));
        return "host-" + r.nextInt(200) + ".example.net";
    }

    /** A night's log: attempts of both variants, some off the worm's schedule, unreadable 400s after some of them. */
    private static String night(Random r, int lines) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            String src = source(r);
            boolean second = r.nextInt(4) == 0;
            int day = second ? 4 + r.nextInt(20) : 1 + r.nextInt(31);
            String when = String.format("%02d/%s/2001:%02d:%02d:%02d +0000", day, second ? "Aug" : "Jul", r.nextInt(24), r.nextInt(60), r.nextInt(50));
            String request = "GET /default.ida?" + (second ? "X" : "N").repeat(224) + "%u9090%u6858%ucbd3%u7801 HTTP/1.0";
            s.append(src).append(" - - [").append(when).append("] \"").append(request).append("\" ")
                    .append(new int[] {404, 400, 200}[r.nextInt(3)]).append(" 0\n");
            if (r.nextInt(8) == 0) s.append(src).append(" - - [").append(when.replace(":00 +", ":09 +")).append("] \"-\" 400 0\n");
        }
        return s.toString();
    }

    @Test
    void aStatesSourcesReadOneAtATimeGiveTheOutputsOfTheSourcesHeldTogether() throws IOException {
        Random r = new Random(42);
        Path state = dir.resolve("state");
        List<Path> nights = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            Path log = dir.resolve("night-" + n + ".log");
            Files.writeString(log, night(r, 1500));
            nights.add(log);
            Command c = Command.run("analyze", "--no-progress", "--absorb-only", "--state", state.toString(), "-o", dir.resolve("o").toString(), log.toString());
            assertEquals(0, c.status(), c.err());
        }
        Path held = dir.resolve("held"), stored = dir.resolve("stored");
        ReportModel heldModel;
        try (StateFolder st = StateFolder.open(state, false)) {
            heldModel = ReportModel.of(st.read(new TextBudget(TextBudget.DEFAULT_BYTES)), "test", ReportModel.DEFAULT_GAP_SECONDS);
            ReportWriter.writeAll(heldModel, held, 2);
            try (StoredHosts.Read read = StoredHosts.model(st, new TextBudget(TextBudget.DEFAULT_BYTES), "test", ReportModel.DEFAULT_GAP_SECONDS)) {
                assertEquals(heldModel.hosts().size(), read.hosts().size());
                ReportWriter.writeAll(read.model(), stored, 2);
                assertEquals(heldModel.offSchedule().sources(), read.model().offSchedule().sources());
                assertEquals(heldModel.offSchedule().most().stream().map(ReportModel.HostRow::source).toList(),
                        read.model().offSchedule().most().stream().map(ReportModel.HostRow::source).toList());
            }
        }
        for (String f : ReportWriter.FILES) {
            assertArrayEquals(Files.readAllBytes(held.resolve(f)), Files.readAllBytes(stored.resolve(f)), f + " differs");
        }
        // What the comparison covered: sources of every kind tied on their attempts, the tables made in the pass.
        ReportModel.TotalsRow t = heldModel.totals();
        assertTrue(heldModel.hosts().stream().anyMatch(h -> !h.summary().isIpv4()) && heldModel.hosts().stream().anyMatch(h -> h.source().startsWith("host-")));
        assertTrue(heldModel.hosts().stream().filter(h -> h.attempts() == 1).count() > 100);
        assertTrue(t.probableSideEffects() > 0 && heldModel.offSchedule().sources() > HtmlReport.TOP_ROWS && !heldModel.networks().isEmpty(),
                t.probableSideEffects() + " side effects, " + heldModel.offSchedule().sources() + " off schedule");
        assertTrue(Files.list(state).noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "the copy of the sources is gone");
    }

    @Test
    void anIpv4AddressesTextOrderSortsAsItsDottedQuad() {
        Random r = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            int a = r.nextInt(4) == 0 ? TRAPS[r.nextInt(TRAPS.length)] << 24 | r.nextInt(1 << 24) : r.nextInt();
            int b = r.nextInt(2) == 0 ? a ^ (1 << r.nextInt(32)) : r.nextInt();
            int byText = Integer.signum(SourceAddress.ipv4Text(a).compareTo(SourceAddress.ipv4Text(b)));
            assertEquals(byText, Integer.signum(Integer.compareUnsigned(SourceAddress.ipv4TextOrder(a), SourceAddress.ipv4TextOrder(b))),
                    SourceAddress.ipv4Text(a) + " " + SourceAddress.ipv4Text(b));
            assertEquals(a, SourceAddress.ipv4OfTextOrder(SourceAddress.ipv4TextOrder(a)));
        }
    }
}
