package org.wormsign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wormsign.testing.Command.run;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.testing.Command;
import org.wormsign.testing.Corpus;

/**
 * A format that logs no time (a {@code LogFormat} without {@code %t}, a {@code log_format} without
 * {@code $time_local}) gives legal records: their Code Red attempts are counted for their source and target,
 * kept out of every day, hour, phase and chart, and said to have no time. Issue 16 item 2: one such line
 * ended the run with exit 70 and no outputs.
 */
class RecordsWithoutTimeTest {
    @TempDir Path tmp;

    static final String QUERY = "N".repeat(224) + "%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801"
            + "%u9090%u9090%u8190%u00c3%u0003%u8b00%u531b%u53ff%u0078%u0000%u00=a";

    private Path log(String name, String... lines) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, List.of(lines), StandardCharsets.UTF_8);
        return p;
    }

    private static List<CSVRecord> rows(Path csv) throws IOException {
        try (Reader r = Files.newBufferedReader(csv)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    /** The outputs of a run whose every record lacks a time, with {@code attempts} Code Red attempts from {@code source}. */
    private static void assertWrittenWithoutTimes(Command o, Path out, String source, long attempts, long records) throws IOException {
        assertEquals(ExitStatus.OK, o.status(), o.err());
        for (String f : List.of("report.html", "hosts.csv", "evidence.csv", "rejects.csv", "summary.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        List<CSVRecord> hosts = rows(out.resolve("hosts.csv"));
        assertEquals(1, hosts.size());
        CSVRecord h = hosts.get(0);
        assertEquals(source, h.get("source_ip"));
        assertEquals(attempts, Long.parseLong(h.get("code_red_attempts")));
        assertEquals(attempts, Long.parseLong(h.get("status_400")));
        assertEquals("", h.get("first_seen_utc"));
        assertEquals("", h.get("last_seen_utc"));
        for (String phase : List.of("propagation_phase_attempts", "flood_phase_attempts", "dormant_phase_attempts", "off_schedule_attempts")) {
            assertEquals("0", h.get(phase), phase);
        }
        for (CSVRecord e : rows(out.resolve("evidence.csv"))) assertEquals("", e.get("utc"));

        String json = Files.readString(out.resolve("summary.json"));
        JsonNode summary = new ObjectMapper().readTree(json);
        JsonNode t = summary.get("totals");
        assertEquals(attempts, t.get("code_red").asLong());
        assertEquals(attempts, t.get("attempts_without_time").asLong());
        assertEquals(records, t.get("records").asLong());
        assertEquals(records, t.get("records_without_time").asLong());
        assertEquals(0, t.get("off_schedule").asLong());
        assertEquals("", t.get("first_seen_utc").asText());
        assertEquals("", t.get("covered_from_utc").asText());
        assertEquals(0, summary.get("attempts_per_utc_day").size());
        assertEquals(0, summary.get("attempts_per_utc_hour").size());
        assertEquals(0, summary.get("new_sources_per_utc_hour").size());
        // No stand-in for the unknown time leaks out: not 1970 (epoch 0), not the year of Long.MIN_VALUE.
        assertFalse(json.contains("1970") || json.contains("292275") || json.contains("-9223372036854775808"), json);
        assertTrue(summary.get("warnings").toString().contains("without a time"), summary.get("warnings").toString());

        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains(attempts + (attempts == 1 ? " attempt has" : " attempts have") + " no time: the format of"), "verdict");
        assertFalse(html.contains("9223372036854775808") || html.contains("1970-01-01"));
        assertTrue(o.out().contains("(" + attempts + " without a time)"), o.out());
    }

    @Test
    void aLogFormatWithoutATimeIsReadAndReported() throws IOException {
        Path in = log("access.log", "61.1.2.3 \"GET /default.ida?" + QUERY + " HTTP/1.0\" 400", "61.1.2.9 \"GET /index.html HTTP/1.0\" 200");
        Path out = tmp.resolve("r");
        Command o = run("analyze", "--no-progress", "-o", out.toString(), "--log-format", "%h \"%r\" %>s", in.toString());
        assertWrittenWithoutTimes(o, out, "61.1.2.3", 1, 2);
    }

    @Test
    void anNginxLogFormatWithoutATimeIsReadAndReported() throws IOException {
        Path in = log("access.log", "61.1.2.4 \"GET /default.ida?" + QUERY + " HTTP/1.0\" 400",
                "61.1.2.4 \"GET /default.ida?" + QUERY + " HTTP/1.0\" 400", "61.1.2.9 \"GET / HTTP/1.1\" 200");
        Path out = tmp.resolve("r");
        Command o = run("analyze", "--no-progress", "-o", out.toString(), "--nginx-format",
                "log_format notime '$remote_addr \"$request\" $status';", in.toString());
        assertWrittenWithoutTimes(o, out, "61.1.2.4", 2, 3);
    }

    /**
     * logparser's nginx JSON format logs no time at all: its own line, and a Code Red request logged the same
     * way ({@code $request_uri} in "message", {@code $status} in "response").
     */
    @Test
    void logparsersNginxJsonWithoutATime() throws IOException {
        Path peer = Corpus.peerFile("logparser-inline");
        String format = Files.readString(peer.resolve("nginx-json.format")).strip();
        String line = Files.readString(peer.resolve("nginx-json.log")).strip();
        String codeRed = line.replace("/one/two/tool.git/info/refs?service=upload-pack", "/default.ida?" + QUERY)
                .replace("10.11.12.13", "61.1.2.5").replace("\"response\": \"301\"", "\"response\": \"400\"");
        assertTrue(codeRed.contains("61.1.2.5") && codeRed.contains("\"400\""), codeRed);
        Path in = log("json.log", line, codeRed);
        Path out = tmp.resolve("r");
        Command o = run("analyze", "--no-progress", "-o", out.toString(), "--nginx-format", format, in.toString());
        assertWrittenWithoutTimes(o, out, "61.1.2.5", 1, 2);
    }
}
