package org.wormsign.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.aggregate.Evidence;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LogFormat;
import org.wormsign.pipeline.AnalyzeOptions;
import org.wormsign.pipeline.Analyzer;
import org.wormsign.pipeline.InputZones;
import org.wormsign.report.CsvOutputs;
import org.wormsign.report.ReportModel;
import org.wormsign.testing.Corpus;

/**
 * The worm's UTC calendar through the whole pipeline (issue 4, DOMAIN.md "Time"): the same instants, written
 * in whatever local time a log uses, land in the same phase and are off schedule or not alike, as
 * {@code hosts.csv} shows. Each attempt comes from its own source, so each {@code hosts.csv} row is one instant.
 */
class PhaseBoundaryTest {
    @TempDir Path tmp;

    static final String TAIL = Classifier.TAIL;
    static final String CODE_RED_QUERY = "N".repeat(224) + TAIL;
    static final String CODE_RED_II_QUERY = "X".repeat(224) + TAIL;

    /** One attempt at one UTC instant, and what hosts.csv must say of its source. */
    record Case(String source, String utc, boolean codeRedII, int propagation, int flood, int dormant, int offSchedule) {
        Map<String, String> expectedRow() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("code_red_attempts", codeRedII ? "0" : "1");
            m.put("code_red_ii_attempts", codeRedII ? "1" : "0");
            m.put("first_seen_utc", utc);
            m.put("last_seen_utc", utc);
            m.put("propagation_phase_attempts", String.valueOf(propagation));
            m.put("flood_phase_attempts", String.valueOf(flood));
            m.put("dormant_phase_attempts", String.valueOf(dormant));
            m.put("off_schedule_attempts", String.valueOf(offSchedule));
            return m;
        }
    }

    /** The columns the calendar decides, plus the times, per source. */
    static final List<String> COLUMNS = List.of("code_red_attempts", "code_red_ii_attempts", "first_seen_utc", "last_seen_utc",
            "propagation_phase_attempts", "flood_phase_attempts", "dormant_phase_attempts", "off_schedule_attempts");

    /**
     * Code Red I: day 19 / 20 (propagation ends), 27 / 28 (flood ends), the last day of a 31-day, a 30-day
     * and a leap February month / the 1st, the end of a year. Code Red II: its first day (2001-08-04) and its
     * stop (2001-10-01), a second either side. Phase columns count Code Red I only (DESIGN.md, hosts.csv).
     */
    static final List<Case> CASES = List.of(
            new Case("10.0.0.1", "2001-07-19T23:59:59Z", false, 1, 0, 0, 0),
            new Case("10.0.0.2", "2001-07-20T00:00:00Z", false, 0, 1, 0, 1),
            new Case("10.0.0.3", "2001-07-27T23:59:59Z", false, 0, 1, 0, 1),
            new Case("10.0.0.4", "2001-07-28T00:00:00Z", false, 0, 0, 1, 1),
            new Case("10.0.0.5", "2001-07-31T23:59:59Z", false, 0, 0, 1, 1),
            new Case("10.0.0.6", "2001-08-01T00:00:00Z", false, 1, 0, 0, 0),
            new Case("10.0.0.7", "2001-06-30T23:59:59Z", false, 0, 0, 1, 1),
            new Case("10.0.0.8", "2001-07-01T00:00:00Z", false, 1, 0, 0, 0),
            new Case("10.0.0.9", "2004-02-29T23:59:59Z", false, 0, 0, 1, 1),
            new Case("10.0.0.10", "2004-03-01T00:00:00Z", false, 1, 0, 0, 0),
            new Case("10.0.0.11", "2001-12-31T23:59:59Z", false, 0, 0, 1, 1),
            new Case("10.0.0.12", "2002-01-01T00:00:00Z", false, 1, 0, 0, 0),
            new Case("10.1.0.1", "2001-08-03T23:59:59Z", true, 0, 0, 0, 1),
            new Case("10.1.0.2", "2001-08-04T00:00:00Z", true, 0, 0, 0, 0),
            new Case("10.1.0.3", "2001-09-30T23:59:59Z", true, 0, 0, 0, 0),
            new Case("10.1.0.4", "2001-10-01T00:00:00Z", true, 0, 0, 0, 1));

    static final DateTimeFormatter APACHE_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    static final DateTimeFormatter W3C_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    static final DateTimeFormatter IIS_NATIVE_DATE = DateTimeFormatter.ofPattern("MM/dd/yy, H:mm:ss", Locale.ROOT);

    // ---------------------------------------------------------------- Apache combined, five (six) offsets

    static Stream<String> offsets() {
        return Stream.of("-0400", "+0000", "+0930", "-1200", "+1400", "+0545");
    }

    static String combinedLine(Case c, String offset) {
        String when = ZonedDateTime.ofInstant(Instant.parse(c.utc()), ZoneOffset.of(offset)).format(APACHE_TIME);
        String query = c.codeRedII() ? CODE_RED_II_QUERY : CODE_RED_QUERY;
        String status = c.codeRedII() ? "404 283" : "400 326";
        return c.source() + " - - [" + when + "] \"GET /default.ida?" + query + "  HTTP/1.0\" " + status + " \"-\" \"-\"";
    }

    @Test
    void theLocalTimesWrittenReallyDifferFromUtc() {
        // Guards the test itself: at -1200 and +1400 every boundary second has a local date unlike its UTC one.
        for (Case c : CASES) {
            String utcDay = c.utc().substring(0, 10);
            String west = ZonedDateTime.ofInstant(Instant.parse(c.utc()), ZoneOffset.of("-1200")).toLocalDate().toString();
            String east = ZonedDateTime.ofInstant(Instant.parse(c.utc()), ZoneOffset.of("+1400")).toLocalDate().toString();
            assertTrue(!west.equals(utcDay) || !east.equals(utcDay), c.utc());
        }
        assertTrue(combinedLine(CASES.get(1), "+1400").contains("[20/Jul/2001:14:00:00 +1400]"));
        assertTrue(combinedLine(CASES.get(1), "-1200").contains("[19/Jul/2001:12:00:00 -1200]"));
    }

    @ParameterizedTest(name = "Apache combined at {0}")
    @MethodSource("offsets")
    void apacheCombinedPhasesAreByUtcDay(String offset) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Case c : CASES) lines.add(combinedLine(c, offset));
        ReportModel m = run(write("access_log", lines), KnownFormats.byName("apache-combined"), null);
        assertCalendar(m);
    }

    @ParameterizedTest(name = "Apache combined at {0}, format sniffed")
    @MethodSource("offsets")
    void apacheCombinedSniffedGivesTheSameRows(String offset) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Case c : CASES) lines.add(combinedLine(c, offset));
        ReportModel sniffed = run(write("access_log", lines), null, null);
        assertEquals("apache-combined", sniffed.inputs().get(0).format());
        assertCalendar(sniffed);
    }

    @Test
    void everyOffsetAndW3cGiveTheSameHostsRowsDaysAndHours() throws IOException {
        ReportModel reference = run(write("ex.log", w3cLines()), null, null);
        assertEquals("iis-w3c", reference.inputs().get(0).format());
        assertCalendar(reference);
        Map<String, Map<String, String>> expectedRows = calendarColumns(reference);
        for (String offset : offsets().toList()) {
            List<String> lines = new ArrayList<>();
            for (Case c : CASES) lines.add(combinedLine(c, offset));
            ReportModel m = run(write("access_log" + offset, lines), KnownFormats.byName("apache-combined"), null);
            assertEquals(expectedRows, calendarColumns(m), "hosts.csv at " + offset + " vs W3C (UTC)");
            assertEquals(days(reference), days(m), "attempts per UTC day at " + offset);
            assertEquals(hours(reference.hourly()), hours(m.hourly()), "attempts per UTC hour at " + offset);
            assertEquals(reference.totals().offSchedule(), m.totals().offSchedule(), "off schedule at " + offset);
        }
    }

    // ---------------------------------------------------------------- the same instants in other time spellings

    static final DateTimeFormatter STRFTIME_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx", Locale.ROOT);
    static final DateTimeFormatter NGINX_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    static Stream<Arguments> spellings() {
        return offsets().flatMap(o -> Stream.of(Arguments.of("apache %{%Y-%m-%dT%H:%M:%S%z}t", o), Arguments.of("nginx $time_iso8601", o)));
    }

    /** An Apache strftime time ({@code +hhmm}) and nginx's {@code $time_iso8601} ({@code +hh:mm}) take other code paths. */
    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("spellings")
    void otherTimeSpellingsGiveTheSameRows(String spelling, String offset) throws IOException {
        boolean apache = spelling.startsWith("apache");
        LogFormat plan = apache
                ? org.wormsign.format.apache.ApacheLogFormat.compile("%h [%{%Y-%m-%dT%H:%M:%S%z}t] \"%r\" %>s %b", (ZoneId) null)
                : org.wormsign.format.nginx.NginxLogFormat.compile("nginx-custom", "$remote_addr [$time_iso8601] \"$request\" $status $body_bytes_sent", (ZoneId) null);
        List<String> lines = new ArrayList<>();
        for (Case c : CASES) {
            ZonedDateTime t = ZonedDateTime.ofInstant(Instant.parse(c.utc()), ZoneOffset.of(offset));
            String when = (apache ? STRFTIME_ISO : NGINX_ISO).format(t);
            lines.add(c.source() + " [" + when + "] \"GET /default.ida?" + (c.codeRedII() ? CODE_RED_II_QUERY : CODE_RED_QUERY)
                    + "  HTTP/1.0\" " + (c.codeRedII() ? "404 283" : "400 326"));
        }
        assertCalendar(run(write("custom.log", lines), plan, null));
    }

    // ---------------------------------------------------------------- IIS W3C (UTC by definition)

    static List<String> w3cLines() {
        List<String> lines = new ArrayList<>(List.of("#Software: Microsoft Internet Information Services 5.0", "#Version: 1.0",
                "#Date: 2001-06-30 00:00:00",
                "#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent)"));
        for (Case c : CASES) {
            String when = ZonedDateTime.ofInstant(Instant.parse(c.utc()), ZoneOffset.UTC).format(W3C_TIME);
            lines.add(when + " " + c.source() + " - 192.0.2.80 80 GET /default.ida " + (c.codeRedII() ? CODE_RED_II_QUERY : CODE_RED_QUERY)
                    + " 404 -");
        }
        return lines;
    }

    @Test
    void w3cTimesAreUtc() throws IOException {
        ReportModel m = run(write("ex010719.log", w3cLines()), KnownFormats.byName("iis-w3c"), null);
        assertCalendar(m);
        // A --tz given for another format must not move W3C times: they are UTC by definition.
        ReportModel withTz = run(write("ex010720.log", w3cLines()), null, ZoneId.of("Asia/Tokyo"));
        assertEquals("iis-w3c", withTz.inputs().get(0).format());
        assertCalendar(withTz);
    }

    // ---------------------------------------------------------------- IIS native, local time, --tz

    static String iisNativeLine(Case c, ZoneId zone) {
        String when = ZonedDateTime.ofInstant(Instant.parse(c.utc()), zone).format(IIS_NATIVE_DATE);
        return c.source() + ", -, " + when + ", W3SVC1, WEB1, 192.0.2.80, 0, 0, 0, 404, 2, GET, /default.ida, "
                + (c.codeRedII() ? CODE_RED_II_QUERY : CODE_RED_QUERY) + ",";
    }

    static Stream<Arguments> zones() {
        return Stream.of("America/New_York", "Asia/Tokyo", "UTC", "Australia/Adelaide", "Pacific/Kiritimati", "Etc/GMT+12")
                .flatMap(z -> Stream.of(Arguments.of(z, true), Arguments.of(z, false)));
    }

    @ParameterizedTest(name = "IIS native in {0}, format named: {1}")
    @MethodSource("zones")
    void iisNativeWithTzPhasesAreByUtcDay(String zoneName, boolean formatNamed) throws IOException {
        ZoneId zone = ZoneId.of(zoneName);
        List<String> lines = new ArrayList<>();
        for (Case c : CASES) lines.add(iisNativeLine(c, zone));
        LogFormat plan = formatNamed ? KnownFormats.byName("iis-native", zone) : null;
        ReportModel m = run(write("in010719.log", lines), plan, zone);
        assertEquals("iis-native", m.inputs().get(0).format());
        assertCalendar(m);
        assertTrue(m.warnings().stream().noneMatch(w -> w.contains("local times read as UTC")), m.warnings().toString());
    }

    @Test
    void iisNativeLocalDateIsNotTheWormsDay() throws IOException {
        // New York, EDT: 2001-07-20T00:00:00Z is logged on the 19th at 20:00, still the 19th locally; Tokyo logs
        // 2001-07-19T23:59:59Z on the 20th at 08:59:59. Only UTC decides.
        Case lastPropagation = CASES.get(0), firstFlood = CASES.get(1);
        assertTrue(iisNativeLine(firstFlood, ZoneId.of("America/New_York")).contains(", 07/19/01, 20:00:00, "));
        assertTrue(iisNativeLine(lastPropagation, ZoneId.of("Asia/Tokyo")).contains(", 07/20/01, 8:59:59, "));

        // Code Red II's stop, in Tokyo: local 2001-10-01 08:59:59 is still 30 September in UTC.
        Case lastCr2 = CASES.get(14), stopped = CASES.get(15);
        assertTrue(iisNativeLine(lastCr2, ZoneId.of("Asia/Tokyo")).contains("10/01/01, 8:59:59"));
        ReportModel tokyo = run(write("in011001.log", List.of(iisNativeLine(lastCr2, ZoneId.of("Asia/Tokyo")),
                iisNativeLine(stopped, ZoneId.of("Asia/Tokyo")))), KnownFormats.byName("iis-native", ZoneId.of("Asia/Tokyo")),
                ZoneId.of("Asia/Tokyo"));
        assertEquals(1, tokyo.totals().offSchedule());
        assertEquals(0, host(tokyo, lastCr2.source()).offSchedule());
        assertEquals(1, host(tokyo, stopped.source()).offSchedule());
    }

    @Test
    void iisNativeWithoutTzIsReadAsUtcWithAWarning() throws IOException {
        // The same New York file without --tz: its times are read as UTC, four hours early, so the first
        // flood second (logged 07/19/01 20:00:00) looks like propagation. The report must say so.
        ZoneId ny = ZoneId.of("America/New_York");
        Case firstFlood = CASES.get(1);
        ReportModel m = run(write("in010719.log", List.of(iisNativeLine(CASES.get(0), ny), iisNativeLine(firstFlood, ny))), null, null);
        assertEquals("iis-native", m.inputs().get(0).format());
        assertEquals(0, host(m, firstFlood.source()).offSchedule());
        assertEquals("2001-07-19T20:00:00Z", iso(host(m, firstFlood.source()).firstSeen()));
        assertTrue(m.warnings().stream().anyMatch(w -> w.contains("local times read as UTC")), m.warnings().toString());
    }

    // ---------------------------------------------------------------- the real IIS log's late probe

    @Test
    void realIisLogHasOneOffSchedulePrintedInHostsAndEvidence() throws IOException {
        ReportModel m = org.wormsign.testing.Runs.analyze(Corpus.realFile("iis-w3c-sans-sec505-2001jul.log"));
        Map<String, CSVRecord> rows = hostsRows(m);
        assertEquals(24, rows.size(), "24 sources, one attempt each");
        CSVRecord late = rows.get("216.19.16.174");
        assertNotNull(late);
        assertEquals("2001-07-20T00:56:21Z", late.get("first_seen_utc"));
        assertEquals("0", late.get("propagation_phase_attempts"));
        assertEquals("1", late.get("flood_phase_attempts"), "20 July UTC is a flood day");
        assertEquals("0", late.get("dormant_phase_attempts"));
        assertEquals("1", late.get("off_schedule_attempts"));
        assertEquals("1", late.get("status_200"));
        long propagation = 0, offSchedule = 0;
        for (CSVRecord r : rows.values()) {
            propagation += Long.parseLong(r.get("propagation_phase_attempts"));
            offSchedule += Long.parseLong(r.get("off_schedule_attempts"));
        }
        assertEquals(23, propagation, "every 19 July probe is in propagation, 23:55:11 included");
        assertEquals(1, offSchedule);
        assertEquals(1, m.totals().offSchedule());
        // The probe is unusual (off schedule, answered 200): evidence keeps it, with its place in the file.
        Evidence e = m.evidence().stream().filter(x -> x.source().equals("216.19.16.174")).findFirst().orElseThrow();
        assertEquals(Instant.parse("2001-07-20T00:56:21Z").getEpochSecond(), e.epochSecond());
        assertEquals("code-red", e.kind());
        assertEquals(200, e.status());
        assertEquals(44, e.line());
        assertTrue(e.raw().startsWith("2001-07-20 00:56:21 216.19.16.174 "), e.raw());
    }

    // ---------------------------------------------------------------- helpers

    private void assertCalendar(ReportModel m) throws IOException {
        Map<String, CSVRecord> rows = hostsRows(m);
        assertEquals(CASES.size(), rows.size(), "one hosts.csv row per instant: " + rows.keySet());
        long off = 0;
        for (Case c : CASES) {
            CSVRecord r = rows.get(c.source());
            assertNotNull(r, "no row for " + c);
            Map<String, String> actual = new LinkedHashMap<>();
            for (String col : COLUMNS) actual.put(col, r.get(col));
            assertEquals(c.expectedRow(), actual, c.toString());
            off += c.offSchedule();
        }
        assertEquals(off, m.totals().offSchedule(), "totals.off_schedule");
        assertEquals(0, m.totals().rejected(), "every line read");
    }

    private static Map<String, Map<String, String>> calendarColumns(ReportModel m) throws IOException {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (Map.Entry<String, CSVRecord> e : hostsRows(m).entrySet()) {
            Map<String, String> row = new LinkedHashMap<>();
            for (String col : COLUMNS) row.put(col, e.getValue().get(col));
            out.put(e.getKey(), row);
        }
        return out;
    }

    static Map<String, CSVRecord> hostsRows(ReportModel m) throws IOException {
        StringWriter w = new StringWriter();
        CsvOutputs.writeHosts(m, w);
        Map<String, CSVRecord> rows = new LinkedHashMap<>();
        try (CSVParser p = CSVParser.parse(new StringReader(w.toString()),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord r : p) assertNull(rows.put(r.get("source_ip"), r), "one row per source: " + r.get("source_ip"));
        }
        return rows;
    }

    private static List<String> days(ReportModel m) {
        return m.days().stream().map(d -> d.epochDay() + ":" + d.codeRed() + "/" + d.codeRedII()).toList();
    }

    private static Map<Long, List<Long>> hours(Map<Long, long[]> hourly) {
        Map<Long, List<Long>> out = new TreeMap<>();
        hourly.forEach((h, c) -> out.put(h, List.of(c[0], c[1])));
        return out;
    }

    private static ReportModel.HostRow host(ReportModel m, String source) {
        return m.hosts().stream().filter(h -> h.source().equals(source)).findFirst().orElseThrow(() -> new AssertionError("no host " + source));
    }

    private static String iso(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }

    private Path write(String name, List<String> lines) {
        try {
            Path dir = Files.createTempDirectory(tmp, "log");
            Path p = dir.resolve(name);
            Files.write(p, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ReportModel run(Path input, LogFormat plan, ZoneId zone) {
        AnalyzeOptions options = new AnalyzeOptions(List.of(input.toString()), Path.of("unused"), plan, 1, 1 << 20, InputZones.of(zone), List.of("test"));
        return ReportModel.of(Analyzer.run(options).snapshot(), "test");
    }
}
