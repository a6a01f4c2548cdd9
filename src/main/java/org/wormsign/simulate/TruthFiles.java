package org.wormsign.simulate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The ground truth beside the logs: truth.csv, epidemic.csv and servers.csv (and mirrors.csv). */
final class TruthFiles {
    private TruthFiles() {}

    static final String TRUTH = "truth.csv", EPIDEMIC = "epidemic.csv", SERVERS = "servers.csv", MIRRORS = "mirrors.csv";

    /** {@code source_ip, code_red_attempts, code_red_ii_attempts}: what a perfect hosts.csv holds for them. */
    static void writeTruth(Path dir, Truth truth) throws IOException {
        write(dir.resolve(TRUTH), new String[] {"source_ip", "code_red_attempts", "code_red_ii_attempts"}, p -> {
            for (Truth.Row r : truth.rows()) p.printRecord(r.source(), r.codeRed(), r.codeRedII());
        });
    }

    /**
     * One row per UTC hour of [from, to): hosts running Code Red at that instant and infections during the
     * hour that starts then (the whole population, seen or not), then at that instant the hosts running each
     * variant, the hosts probing and the hosts patched.
     */
    static void writeEpidemic(Path dir, EpidemicCurve c, long from, long to) throws IOException {
        write(dir.resolve(EPIDEMIC), new String[] {"utc_hour", "infected_hosts", "new_infections", "code_red_i_hosts",
            "code_red_ii_hosts", "probing_hosts", "patched_hosts"}, p -> {
                for (long hour = from; hour < to; hour += Utc.HOUR) {
                    int m0 = c.minute(hour), m1 = Math.min(c.minute(hour + Utc.HOUR), c.minutes);
                    long infections = 0;
                    for (int m = m0; m < m1; m++) infections += c.newInfections[m];
                    // The state at the hour's first instant is the state at the end of the minute before.
                    int b = m0 - 1;
                    int infected = b < 0 ? 0 : c.infected[b], ii = b < 0 ? 0 : c.infectedCodeRedII[b];
                    int probing = b < 0 ? 0 : c.probingCodeRedI[b] + c.probingCodeRedIWrongClock[b]
                            + c.probingCodeRedII[b] + c.probingCodeRedIIWrongClock[b];
                    p.printRecord(Instant.ofEpochSecond(hour), infected, infections, infected - ii, ii, probing, b < 0 ? 0 : c.patched[b]);
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

    /**
     * mirrors.csv, when there are mirrors ({@code --also-as}): each one's folder, the server whose requests it
     * holds, its format and the zone of its times (what {@code --tz} needs for IIS native). Without mirrors an
     * earlier run's file is removed: the run removed those mirrors' logs too.
     */
    static void writeMirrors(Path dir, List<LogFiles.Log> mirrors) throws IOException {
        if (mirrors.isEmpty()) {
            Files.deleteIfExists(dir.resolve(MIRRORS));
            return;
        }
        write(dir.resolve(MIRRORS), new String[] {"folder", "server", "kind", "format", "time_zone"}, p -> {
            for (LogFiles.Log l : mirrors) p.printRecord(l.folder(), l.server().name(), l.server().kind().id, l.style().formatName(), l.timeZone());
        });
    }

    private static String answer(int status) {
        return status == 0 ? "not logged" : Integer.toString(status);
    }

    interface Rows {
        void print(CSVPrinter p) throws IOException;
    }

    interface Text {
        void write(Writer w) throws IOException;
    }

    /** A CSV file with a header, written under a temporary name and renamed when complete, like the analyzer's outputs. */
    static void write(Path file, String[] header, Rows rows) throws IOException {
        writeText(file, w -> {
            CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator('\n').get());
            rows.print(p);
            p.flush();
        });
    }

    /** A text file (UTF-8), written under a temporary name and renamed when complete. */
    static void writeText(Path file, Text text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            text.write(w);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
