package org.wormsign.simulate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The ground truth beside the logs: truth.csv, epidemic.csv and servers.csv. */
final class TruthFiles {
    private TruthFiles() {}

    static final String TRUTH = "truth.csv", EPIDEMIC = "epidemic.csv", SERVERS = "servers.csv";

    /** {@code source_ip, code_red_attempts, code_red_ii_attempts}: what a perfect hosts.csv holds for them. */
    static void writeTruth(Path dir, Truth truth) throws IOException {
        write(dir.resolve(TRUTH), new String[] {"source_ip", "code_red_attempts", "code_red_ii_attempts"}, p -> {
            for (Truth.Row r : truth.rows()) p.printRecord(r.source(), r.codeRed(), r.codeRedII());
        });
    }

    /**
     * One row per UTC hour of [from, to): hosts running Code Red at the end of the hour, infections during it
     * (the whole population, seen or not), then the same split by variant, the hosts probing, and the patched.
     */
    static void writeEpidemic(Path dir, EpidemicCurve c, long from, long to) throws IOException {
        write(dir.resolve(EPIDEMIC), new String[] {"utc_hour", "infected_hosts", "new_infections", "code_red_i_hosts",
            "code_red_ii_hosts", "probing_hosts", "patched_hosts"}, p -> {
                for (long hour = from; hour < to; hour += Utc.HOUR) {
                    int m0 = c.minute(hour), m1 = Math.min(c.minute(hour + Utc.HOUR), c.minutes) - 1;
                    long infections = 0;
                    for (int m = m0; m <= m1; m++) infections += c.newInfections[m];
                    int infected = c.infected[m1], ii = c.infectedCodeRedII[m1];
                    int probing = c.probingCodeRedI[m1] + c.probingCodeRedIWrongClock[m1]
                            + c.probingCodeRedII[m1] + c.probingCodeRedIIWrongClock[m1];
                    p.printRecord(Instant.ofEpochSecond(hour), infected, infections, infected - ii, ii, probing, c.patched[m1]);
                }
            });
    }

    /** Each server: its kind, address, log format and the time zone its log is in (what --tz needs). */
    static void writeServers(Path dir, List<Monitor> servers) throws IOException {
        write(dir.resolve(SERVERS), new String[] {"server", "kind", "address", "format", "time_zone", "code_red", "code_red_ii"}, p -> {
            for (Monitor m : servers) {
                ServerKind k = m.kind();
                p.printRecord(m.name(), k.id, LineBuffer.dotted(m.address()), k.style.formatName(),
                        k.style.utcDays() ? "UTC" : k.zone.getId(), answer(k.codeRedStatus), answer(k.codeRedIIStatus));
            }
        });
    }

    private static String answer(int status) {
        return status == 0 ? "not logged" : Integer.toString(status);
    }

    private interface Rows {
        void print(CSVPrinter p) throws IOException;
    }

    /** Written under a temporary name and renamed when complete, like the analyzer's outputs. */
    private static void write(Path file, String[] header, Rows rows) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator('\n').get())) {
            rows.print(p);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
