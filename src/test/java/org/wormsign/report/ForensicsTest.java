package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wormsign.detect.Classifier;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LogFormat;
import org.wormsign.pipeline.AnalyzeOptions;
import org.wormsign.pipeline.Analyzer;
import org.wormsign.testing.Corpus;
import org.wormsign.testing.Runs;

/**
 * The forensic timeline of issue 4: what each target's answers mean, unreadable 400s that were probably the
 * worm, silences after attempts, Code Red II locality, {@code /default.ida} without a query, and the hourly
 * series. Real logs where they exist (corpus/real), small synthetic logs for the edges.
 */
class ForensicsTest {
    @TempDir Path tmp;

    static final String CODE_RED = "GET /default.ida?" + "N".repeat(224) + Classifier.TAIL + "  HTTP/1.0";
    static final String CODE_RED_II = "GET /default.ida?" + "X".repeat(224) + Classifier.TAIL + " HTTP/1.0";
    static final String CODE_RED_QUERY = "N".repeat(224) + Classifier.TAIL;
    static final String CODE_RED_II_QUERY = "X".repeat(224) + Classifier.TAIL;
    static final DateTimeFormatter APACHE_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    static final DateTimeFormatter W3C_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    static final List<String> W3C_HEADER = List.of("#Software: Microsoft Internet Information Services 5.0", "#Version: 1.0",
            "#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status");

    // ================================================================ verdicts on the real logs

    @Test
    void apache2001FileIsNonIisAnswering400() {
        ReportModel m = Runs.analyze(Corpus.realFile("apache-combined-darwinsys-2001aug.log"));
        ReportModel.TargetRow t = only(m.targets());
        assertEquals("non-IIS", t.kind());
        assertEquals(List.of(400), statuses(t));
        assertEquals(2, t.answers().get(0).attempts());
        assertEquals(2, t.status400());
        assertEquals(0, t.status404() + t.status200() + t.statusOther());
        assertTrue(t.verdict().contains("(400)"), t.verdict());
        assertTrue(t.verdict().contains("side effect"), t.verdict());
        assertFalse(t.verdict().contains("IIS with"), t.verdict());
        assertFalse(t.verdict().contains("; then "), "one kind of answer: " + t.verdict());
        assertEquals(at("2001-08-02T10:01:38Z"), t.answers().get(0).firstSeen());
        assertEquals(at("2001-08-02T13:27:59Z"), t.answers().get(0).lastSeen());
    }

    /** file, 404s, 200s (corpus/real/README.md). */
    static Stream<Arguments> honeynets() {
        return Stream.of(
                Arguments.of("apache-combined-honeynet-rh71-2004jul.log", 7, 1),
                Arguments.of("apache-combined-honeynet-rh71-2004sep.log", 66, 0),
                Arguments.of("apache-combined-honeynet-rh71-2004-ida-extract.log", 94, 0),
                Arguments.of("apache-combined-honeynet-sotm34-2005.log", 29, 0),
                Arguments.of("apache-combined-honeynet-sotm34-2005-ida-extract.log", 11, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("honeynets")
    void honeynetsAreNonIisAnswering404(String file, long s404, long s200) {
        ReportModel m = Runs.analyze(Corpus.realFile(file));
        List<ReportModel.TargetRow> probed = m.targets().stream().filter(t -> t.codeRed() + t.codeRedII() > 0).toList();
        ReportModel.TargetRow t = only(probed);
        assertEquals("non-IIS", t.kind());
        assertEquals(s404, t.status404());
        assertEquals(s200, t.status200());
        assertEquals(0, t.status400() + t.statusOther());
        assertTrue(t.verdict().startsWith("non-IIS, not found (404)"), t.verdict());
        if (s200 == 0) {
            assertEquals(List.of(404), statuses(t));
            assertFalse(t.verdict().contains("(200)") || t.verdict().contains("answered 200"), t.verdict());
        }
    }

    @Test
    void rh71JulyHoneynetAnswered404ThenOnce200() {
        ReportModel m = Runs.analyze(Corpus.realFile("apache-combined-honeynet-rh71-2004jul.log"));
        ReportModel.TargetRow t = only(m.targets().stream().filter(x -> x.codeRedII() > 0).toList());
        assertEquals(List.of(404, 200), statuses(t), "404 first (13 July), the one 200 on 14 July");
        ReportModel.AnswerRow ok = t.answers().get(1);
        assertEquals(1, ok.attempts());
        assertEquals(at("2004-07-14T14:49:12Z"), ok.firstSeen());
        assertEquals(ok.firstSeen(), ok.lastSeen());
        assertTrue(ok.meaning().contains("non-IIS") && ok.meaning().contains("200"), ok.meaning());
        String v = t.verdict();
        int notFound = v.indexOf("not found (404) ×7"), then = v.indexOf("; then "), twoHundred = v.indexOf("answered 200");
        assertTrue(notFound >= 0 && notFound < then && then < twoHundred, v);
        assertTrue(v.contains("×1, 2004-07-14T14:49:12Z"), v);
    }

    @Test
    void realIisFileIsUnmapped404ThenOneMapped200() {
        ReportModel m = Runs.analyze(Corpus.realFile("iis-w3c-sans-sec505-2001jul.log"));
        ReportModel.TargetRow t = only(m.targets());
        assertEquals("10.10.10.10", t.target(), "the s-ip column names the target");
        assertEquals("IIS", t.kind());
        assertEquals(List.of(404, 200), statuses(t));
        assertEquals(23, t.answers().get(0).attempts());
        assertEquals(1, t.answers().get(1).attempts());
        assertEquals(at("2001-07-19T15:38:38Z"), t.answers().get(0).firstSeen());
        assertEquals(at("2001-07-19T23:55:11Z"), t.answers().get(0).lastSeen());
        assertEquals(at("2001-07-20T00:56:21Z"), t.answers().get(1).firstSeen());
        String v = t.verdict();
        int unmapped = v.indexOf("unmapped (404)"), then = v.indexOf("; then "), mapped = v.indexOf(".ida mapped (200)");
        assertTrue(unmapped >= 0 && unmapped < then && then < mapped, v);
        assertTrue(v.indexOf("MS01-033") > mapped, v);
        assertEquals(-1, t.sameSlash8(), "no Code Red II here");
        assertTrue(t.silences().isEmpty(), "no six-hour hole in this log: " + t.silences());
    }

    @Test
    void wholeRealFolderKeepsEachTargetsKind() {
        ReportModel m = Runs.analyze(Corpus.real());
        for (ReportModel.TargetRow t : m.targets()) {
            if (t.codeRed() + t.codeRedII() == 0) continue;
            String expected = t.target().equals("10.10.10.10") ? "IIS" : "non-IIS";
            assertEquals(expected, t.kind(), t.target());
        }
        long s400 = m.targets().stream().mapToLong(ReportModel.TargetRow::status400).sum();
        long s404 = m.targets().stream().mapToLong(ReportModel.TargetRow::status404).sum();
        long s200 = m.targets().stream().mapToLong(ReportModel.TargetRow::status200).sum();
        assertEquals(2, s400);
        assertEquals(2, s200, "the honeynet's one 200 and the IIS file's one 200");
        assertEquals(26 + 208 - 2 - 2, s404, "every other attempt was answered 404");
    }

    // ================================================================ answers and verdicts, synthetic

    @Test
    void answersAreInTheOrderTheyBeganWithTheirCountsAndOther() {
        List<String> lines = new ArrayList<>(W3C_HEADER);
        lines.add(w3c("2001-07-19T10:00:00Z", "61.1.1.1", "192.0.2.80", CODE_RED_QUERY, 404));
        lines.add(w3c("2001-07-19T11:00:00Z", "61.1.1.2", "192.0.2.80", CODE_RED_QUERY, 200));
        lines.add(w3c("2001-07-19T12:00:00Z", "61.1.1.3", "192.0.2.80", CODE_RED_QUERY, 500));
        lines.add(w3c("2001-08-05T13:00:00Z", "61.1.1.4", "192.0.2.80", CODE_RED_II_QUERY, 404));
        ReportModel m = run(write("ex.log", lines), null);
        ReportModel.TargetRow t = only(m.targets());
        assertEquals("IIS", t.kind());
        assertEquals(List.of(404, 200, 500), statuses(t));
        assertEquals(2, t.answers().get(0).attempts(), "404 from both variants");
        assertEquals(at("2001-08-05T13:00:00Z"), t.answers().get(0).lastSeen());
        assertEquals(2, t.status404());
        assertEquals(1, t.status200());
        assertEquals(1, t.statusOther());
        assertEquals(0, t.status400());
        assertEquals(3, t.codeRed());
        assertEquals(1, t.codeRedII());
        assertTrue(t.verdict().contains("×2, 2001-07-19T10:00:00Z to 2001-08-05T13:00:00Z"), t.verdict());
        assertTrue(t.verdict().endsWith("IIS answered 500 ×1, 2001-07-19T12:00:00Z"), t.verdict());
    }

    @Test
    void nginxIsNonIis() {
        ReportModel m = run(write("access.log", List.of(
                combined("2001-08-02T10:00:00Z", "-0400", "61.1.1.1", CODE_RED, 400),
                combined("2001-08-06T10:00:00Z", "-0400", "61.1.1.2", CODE_RED_II, 404))),
                KnownFormats.byName("nginx-combined"));
        ReportModel.TargetRow t = only(m.targets());
        assertEquals("non-IIS", t.kind());
        assertEquals(List.of(400, 404), statuses(t));
        assertTrue(t.verdict().contains("side effect"), t.verdict());
        assertTrue(t.verdict().contains("; then non-IIS, not found (404)"), t.verdict());
    }

    // ================================================================ probable side effects

    static Stream<String> unreadableRequests() {
        return Stream.of("-", "", "\u0004\u0001", "\\x16\\x03\\x01\\x00", "\u0016\u0003\u0001\u0000\u00ff", "GE");
    }

    @ParameterizedTest(name = "request \"{0}\"")
    @MethodSource("unreadableRequests")
    void unreadable400FromTheSameSourceWithinTenMinutesIsAProbableSideEffect(String request) throws IOException {
        String a = "61.10.10.10", b = "61.20.20.20";
        List<String> lines = List.of(
                combined("2001-08-02T10:00:00Z", "+0000", a, CODE_RED, 400),
                combined("2001-08-02T10:01:00Z", "+0000", b, request, 400),
                combined("2001-08-02T10:05:00Z", "+0000", a, request, 400),
                combined("2001-08-02T10:20:00Z", "+0000", a, request, 400));
        Path log = write("access_log", lines);
        ReportModel m = run(log, KnownFormats.byName("apache-combined"));
        assertEquals(0, m.totals().rejected(), "every line is a record");

        assertEquals(1, m.sideEffects().size(), m.sideEffects().toString());
        ReportModel.SideEffectRow s = m.sideEffects().get(0);
        assertEquals(a, s.source());
        assertEquals(log.toString(), s.target(), "an Apache combined log's target is its input");
        assertEquals(log.toString(), s.input());
        assertEquals(at("2001-08-02T10:05:00Z"), s.epochSecond());
        assertEquals(at("2001-08-02T10:00:00Z"), s.nearestAttempt());
        assertEquals(3, s.line());
        long offset = lines.get(0).getBytes(StandardCharsets.ISO_8859_1).length + 1 + lines.get(1).getBytes(StandardCharsets.ISO_8859_1).length + 1;
        assertEquals(offset, s.offset());
        byte[] raw = lines.get(2).getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(org.wormsign.aggregate.RawText.of(raw, 0, raw.length), s.raw());

        // Kept apart from the direct 400s: the attempt itself is the only one answered 400 in the hosts table.
        assertEquals(1, m.totals().sideEffect400(), "the Code Red request answered 400");
        assertEquals(1, m.totals().probableSideEffects());
        assertEquals(3, m.totals().unreadable400());
        assertEquals(1, m.hosts().size());
        assertEquals(1, m.hosts().get(0).status400());
        assertEquals(1, m.hosts().get(0).codeRed());

        ObjectNode json = SummaryJson.tree(m);
        assertEquals(1, json.get("totals").get("probable_side_effects").asLong());
        assertEquals(1, json.get("totals").get("side_effect_400").asLong());
        JsonNode row = json.get("probable_side_effects").get(0);
        assertEquals(3, row.get("line").asLong());
        assertEquals(offset, row.get("offset").asLong());
        assertEquals("2001-08-02T10:00:00Z", row.get("nearest_code_red_utc").asText());
        assertEquals(1, json.get("probable_side_effects").size());
    }

    @Test
    void aRequestCutAfterItsMethodIsUnreadable() {
        String a = "61.10.10.10";
        ReportModel m = run(write("access_log", List.of(
                combined("2001-08-02T10:00:00Z", "+0000", a, CODE_RED, 400),
                combined("2001-08-02T10:05:00Z", "+0000", a, "GET ", 400))),
                KnownFormats.byName("apache-combined"));
        assertEquals(1, m.totals().unreadable400());
        assertEquals(1, m.sideEffects().size());
    }

    @Test
    void theWindowIsTenMinutesEitherSideInclusive() {
        String a = "61.10.10.10";
        String dash = "-";
        ReportModel m = run(write("access_log", List.of(
                combined("2001-08-02T09:49:59Z", "-0400", a, dash, 400),
                combined("2001-08-02T09:50:00Z", "-0400", a, dash, 400),
                combined("2001-08-02T10:00:00Z", "-0400", a, CODE_RED, 400),
                combined("2001-08-02T10:02:00Z", "-0400", a, "GET /index.html HTTP/1.0", 400),
                combined("2001-08-02T10:03:00Z", "-0400", a, dash, 408),
                combined("2001-08-02T10:10:00Z", "-0400", a, dash, 400),
                combined("2001-08-02T10:10:01Z", "-0400", a, dash, 400))),
                KnownFormats.byName("apache-combined"));
        List<Long> lines = m.sideEffects().stream().map(ReportModel.SideEffectRow::line).toList();
        assertEquals(List.of(2L, 6L), lines, "09:50:00 and 10:10:00 only; a readable 400 and a 408 are not side effects");
        assertEquals(at("2001-08-02T10:00:00Z"), m.sideEffects().get(0).nearestAttempt());
        assertEquals(at("2001-08-02T10:00:00Z"), m.sideEffects().get(1).nearestAttempt());
        assertEquals(4, m.totals().unreadable400());
    }

    @Test
    void aSideEffectMustBeAtTheSameTarget() {
        String a = "61.10.10.10";
        ReportModel m = run(write("other_vhosts_access.log", List.of(
                vhost("www.a.example", "2001-08-02T10:00:00Z", a, CODE_RED, 400),
                vhost("www.b.example", "2001-08-02T10:03:00Z", a, "-", 400),
                vhost("www.a.example", "2001-08-02T10:04:00Z", a, "-", 400))),
                KnownFormats.byName("apache-vhost-combined"));
        assertEquals(1, m.sideEffects().size(), m.sideEffects().toString());
        assertEquals("www.a.example", m.sideEffects().get(0).target());
        assertEquals(3, m.sideEffects().get(0).line());
    }

    @Test
    void nearestAttemptIsTheCloserOfBeforeAndAfter() {
        String a = "61.10.10.10";
        ReportModel m = run(write("access_log", List.of(
                combined("2001-08-02T10:00:00Z", "+0000", a, CODE_RED, 400),
                combined("2001-08-02T10:07:00Z", "+0000", a, "-", 400),
                combined("2001-08-02T10:09:00Z", "+0000", a, CODE_RED, 400))),
                KnownFormats.byName("apache-combined"));
        assertEquals(1, m.sideEffects().size());
        assertEquals(at("2001-08-02T10:09:00Z"), m.sideEffects().get(0).nearestAttempt());
    }

    // ================================================================ silences

    /** A W3C log at {@code 10.10.10.10} with a line every minute over two days, except in [holeFrom, holeTo). */
    private List<String> everyMinute(String holeFrom, String holeTo, String attemptUtc) {
        List<String> lines = new ArrayList<>(W3C_HEADER);
        long start = at("2001-07-18T00:00:00Z"), end = at("2001-07-20T00:00:00Z");
        long from = at(holeFrom), to = at(holeTo), attempt = attemptUtc == null ? Long.MIN_VALUE : at(attemptUtc);
        for (long t = start; t < end; t += 60) {
            if (t <= attempt && attempt < t + 60) lines.add(w3c(iso(attempt), "61.1.1.1", "10.10.10.10", CODE_RED_QUERY, 404));
            if (t >= from && t < to) continue;
            lines.add(w3c(iso(t), "192.0.2." + (1 + t / 60 % 200), "10.10.10.10", null, 200));
        }
        return lines;
    }

    @Test
    void aSevenHourHoleTwoMinutesAfterAnAttemptFollowsIt() {
        // Lines every minute; the attempt at 12:00:00; lines at 12:00 and 12:01; nothing from 12:02 to 19:02.
        ReportModel m = run(write("ex.log", everyMinute("2001-07-19T12:02:00Z", "2001-07-19T19:02:00Z", "2001-07-19T12:00:00Z")),
                KnownFormats.byName("iis-w3c"));
        ReportModel.TargetRow t = only(m.targets());
        assertEquals(1, t.silences().size(), t.silences().toString());
        ReportModel.SilenceRow s = t.silences().get(0);
        assertEquals(at("2001-07-19T12:02:00Z"), s.from());
        assertEquals(at("2001-07-19T19:02:00Z"), s.to());
        assertTrue(s.followsAttempt());
        assertEquals(at("2001-07-19T12:00:00Z"), s.afterAttempt());

        JsonNode js = SummaryJson.tree(m).get("targets").get(0).get("silences");
        assertEquals(1, js.size());
        assertEquals("2001-07-19T12:02:00Z", js.get(0).get("from_utc").asText());
        assertEquals("2001-07-19T19:02:00Z", js.get(0).get("to_utc").asText());
        assertEquals(7.0, js.get(0).get("hours").asDouble());
        assertEquals("2001-07-19T12:00:00Z", js.get(0).get("after_code_red_attempt_utc").asText());
    }

    @ParameterizedTest(name = "attempt {0} s before the silence: follows = {1}")
    @CsvSource({"0, true", "60, true", "120, true", "599, true", "600, true", "601, false", "1800, false"})
    void aSilenceFollowsAnAttemptWithinTenMinutes(long secondsBefore, boolean follows) {
        long from = at("2001-07-19T12:02:00Z");
        // An attempt exactly at the silence's start cannot be: the minute it is logged in is active. Use the
        // last second of the minute before for "0".
        long attempt = secondsBefore == 0 ? from - 1 : from - secondsBefore;
        ReportModel m = run(write("ex.log", everyMinute("2001-07-19T12:02:00Z", "2001-07-19T19:02:00Z", iso(attempt))),
                KnownFormats.byName("iis-w3c"));
        ReportModel.SilenceRow s = only(only(m.targets()).silences());
        assertEquals(from, s.from());
        assertEquals(follows, s.followsAttempt(), s.toString());
        if (follows) assertEquals(attempt, s.afterAttempt());
    }

    @ParameterizedTest(name = "hole of {0}: reported = {1}")
    @CsvSource({"2001-07-19T18:01:00Z, false", "2001-07-19T18:02:00Z, true", "2001-07-19T18:03:00Z, true"})
    void theDefaultThresholdIsSixHours(String holeTo, boolean reported) {
        ReportModel m = run(write("ex.log", everyMinute("2001-07-19T12:02:00Z", holeTo, "2001-07-19T12:00:00Z")),
                KnownFormats.byName("iis-w3c"));
        assertEquals(reported ? 1 : 0, only(m.targets()).silences().size());
        assertEquals(ReportModel.DEFAULT_GAP_SECONDS, m.gapSeconds());
    }

    @Test
    void aShorterGapCanBeAsked() {
        Path log = write("ex.log", everyMinute("2001-07-19T12:02:00Z", "2001-07-19T15:02:00Z", "2001-07-19T12:00:00Z"));
        AnalyzeOptions o = options(log, KnownFormats.byName("iis-w3c"));
        assertTrue(only(ReportModel.of(Analyzer.run(o).snapshot(), "test").targets()).silences().isEmpty(), "3 h < 6 h");
        ReportModel two = ReportModel.of(Analyzer.run(o).snapshot(), "test", 2 * 3600L);
        ReportModel.SilenceRow s = only(only(two.targets()).silences());
        assertEquals(3 * 3600L, s.to() - s.from());
        assertTrue(s.followsAttempt());
    }

    @Test
    void aTargetThatLogsEveryThreeHoursHasNoSilence() {
        // Usually quiet: its ordinary pauses are three hours, so even a nine-hour one right after an attempt is
        // not reported (the target does not "usually log more often").
        List<String> lines = new ArrayList<>(W3C_HEADER);
        for (long t = at("2001-07-15T00:00:00Z"); t < at("2001-07-19T00:00:00Z"); t += 3 * 3600) {
            if (t > at("2001-07-17T03:00:00Z") && t < at("2001-07-17T12:00:00Z")) continue;
            lines.add(w3c(iso(t), "192.0.2.9", "10.10.10.10", null, 200));
            if (t == at("2001-07-17T03:00:00Z")) lines.add(w3c(iso(t + 60), "61.1.1.1", "10.10.10.10", CODE_RED_QUERY, 404));
        }
        ReportModel m = run(write("ex.log", lines), KnownFormats.byName("iis-w3c"));
        ReportModel.TargetRow t = only(m.targets());
        assertEquals(1, t.codeRed());
        assertTrue(t.silences().isEmpty(), t.silences().toString());
    }

    @Test
    void aTargetWithASilenceButNoAttemptIsStillListed() {
        ReportModel m = run(write("ex.log", everyMinute("2001-07-19T02:00:00Z", "2001-07-19T10:00:00Z", null)),
                KnownFormats.byName("iis-w3c"));
        ReportModel.TargetRow t = only(m.targets());
        assertEquals(0, t.codeRed() + t.codeRedII());
        assertFalse(only(t.silences()).followsAttempt());
        assertEquals("no Code Red attempt logged", t.verdict());
    }

    @Test
    void aTargetSplitOverTwoFilesHasOneTimeline() throws IOException {
        // The same server (s-ip 10.10.10.10) in two files, cut at the hole: merged, the silence and the attempt
        // before it are still seen, whichever file is read first.
        List<String> all = everyMinute("2001-07-19T12:02:00Z", "2001-07-19T19:02:00Z", "2001-07-19T12:00:00Z");
        int cut = all.indexOf(w3c("2001-07-19T19:02:00Z", "192.0.2." + (1 + at("2001-07-19T19:02:00Z") / 60 % 200), "10.10.10.10", null, 200));
        assertTrue(cut > W3C_HEADER.size());
        Path dir = Files.createDirectories(tmp.resolve("two"));
        List<String> second = new ArrayList<>(W3C_HEADER);
        second.addAll(all.subList(cut, all.size()));
        Files.write(dir.resolve("ex010719b.log"), (String.join("\n", all.subList(0, cut)) + "\n").getBytes(StandardCharsets.ISO_8859_1));
        Files.write(dir.resolve("ex010719a.log"), (String.join("\n", second) + "\n").getBytes(StandardCharsets.ISO_8859_1));
        for (int threads : new int[] {1, 2}) {
            AnalyzeOptions o = new AnalyzeOptions(List.of(dir.toString()), Path.of("unused"), null, threads, 1 << 20, null, List.of("test"));
            ReportModel m = ReportModel.of(Analyzer.run(o).snapshot(), "test");
            assertEquals(2, m.inputs().size());
            ReportModel.TargetRow t = only(m.targets());
            assertEquals("10.10.10.10", t.target());
            ReportModel.SilenceRow s = only(t.silences());
            assertEquals(at("2001-07-19T12:02:00Z"), s.from());
            assertEquals(at("2001-07-19T19:02:00Z"), s.to());
            assertEquals(at("2001-07-19T12:00:00Z"), s.afterAttempt());
            // The time range covered, over both files.
            assertEquals(at("2001-07-18T00:00:00Z"), t.firstRecord());
            assertEquals(at("2001-07-19T23:59:00Z"), t.lastRecord());
            assertEquals(2 * 1440 - 7 * 60 + 1, t.records(), "a line a minute, less the hole, plus the attempt");
        }
    }

    @Test
    void aSideEffectInTheNextFileOfTheSameVhost() throws IOException {
        String a = "61.10.10.10";
        Path dir = Files.createDirectories(tmp.resolve("rotated"));
        Files.write(dir.resolve("other_vhosts_access.log.1"), (vhost("www.a.example", "2001-08-02T10:00:00Z", a, CODE_RED, 400) + "\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        Files.write(dir.resolve("other_vhosts_access.log"), (vhost("www.b.example", "2001-08-02T10:03:00Z", "192.0.2.1", "GET / HTTP/1.0", 200)
                + "\n" + vhost("www.a.example", "2001-08-02T10:04:00Z", a, "-", 400) + "\n").getBytes(StandardCharsets.ISO_8859_1));
        AnalyzeOptions o = new AnalyzeOptions(List.of(dir.toString()), Path.of("unused"), KnownFormats.byName("apache-vhost-combined"), 2,
                1 << 20, null, List.of("test"));
        ReportModel m = ReportModel.of(Analyzer.run(o).snapshot(), "test");
        ReportModel.SideEffectRow s = only(m.sideEffects());
        assertEquals(dir.resolve("other_vhosts_access.log").toString(), s.input());
        assertEquals(2, s.line());
        assertEquals(at("2001-08-02T10:00:00Z"), s.nearestAttempt());
    }

    // ================================================================ Code Red II locality

    @Test
    void codeRedIILocalityInAVhostLog() {
        ReportModel m = run(write("other_vhosts_access.log", List.of(
                vhost("10.1.2.3", "2001-08-05T10:00:00Z", "10.1.9.9", CODE_RED_II, 404),
                vhost("10.1.2.3", "2001-08-05T10:00:01Z", "10.1.9.9", CODE_RED_II, 404),
                vhost("10.1.2.3", "2001-08-05T10:01:00Z", "10.200.0.1", CODE_RED_II, 404),
                vhost("10.1.2.3", "2001-08-05T10:02:00Z", "99.1.1.1", CODE_RED_II, 404),
                vhost("10.1.2.3", "2001-08-05T10:03:00Z", "10.1.5.5", CODE_RED, 404),
                vhost("www.example.com", "2001-08-05T10:04:00Z", "10.1.9.9", CODE_RED_II, 404))),
                KnownFormats.byName("apache-vhost-combined"));
        ReportModel.TargetRow t = target(m, "10.1.2.3");
        assertLocality(t);
        assertEquals(-1, target(m, "www.example.com").sameSlash8(), "a host name has no /8");
        assertEquals(-1, target(m, "www.example.com").sameSlash16());

        JsonNode targets = SummaryJson.tree(m).get("targets");
        for (JsonNode n : targets) {
            if (n.get("target").asText().equals("10.1.2.3")) {
                JsonNode loc = n.get("code_red_ii_locality");
                assertNotNull(loc);
                assertEquals(3, loc.get("sources").asLong());
                assertEquals(2, loc.get("same_slash8").asLong());
                assertEquals(1, loc.get("same_slash16").asLong());
            } else {
                assertTrue(n.get("code_red_ii_locality") == null, n.toString());
            }
        }
    }

    @Test
    void codeRedIILocalityInAW3cLogWithServerAddress() {
        List<String> lines = new ArrayList<>(W3C_HEADER);
        lines.add(w3c("2001-08-05T10:00:00Z", "10.1.9.9", "10.1.2.3", CODE_RED_II_QUERY, 404));
        lines.add(w3c("2001-08-05T10:01:00Z", "10.200.0.1", "10.1.2.3", CODE_RED_II_QUERY, 404));
        lines.add(w3c("2001-08-05T10:02:00Z", "99.1.1.1", "10.1.2.3", CODE_RED_II_QUERY, 404));
        lines.add(w3c("2001-08-05T10:03:00Z", "10.1.5.5", "10.1.2.3", CODE_RED_QUERY, 404));
        ReportModel m = run(write("ex010805.log", lines), null);
        assertLocality(only(m.targets()));
    }

    /** The same W3C log from a dual-stack IIS, c-ip and s-ip IPv4-mapped (issue 16, item 11): the same locality. */
    @Test
    void codeRedIILocalityWithIpv4MappedAddresses() {
        List<String> lines = new ArrayList<>(W3C_HEADER);
        lines.add(w3c("2001-08-05T10:00:00Z", "::ffff:10.1.9.9", "::ffff:10.1.2.3", CODE_RED_II_QUERY, 404));
        lines.add(w3c("2001-08-05T10:01:00Z", "0:0:0:0:0:ffff:10.200.0.1", "::ffff:10.1.2.3", CODE_RED_II_QUERY, 404));
        lines.add(w3c("2001-08-05T10:02:00Z", "::ffff:99.1.1.1", "::ffff:10.1.2.3", CODE_RED_II_QUERY, 404));
        lines.add(w3c("2001-08-05T10:03:00Z", "::ffff:10.1.5.5", "::ffff:10.1.2.3", CODE_RED_QUERY, 404));
        ReportModel m = run(write("ex010805.log", lines), null);
        ReportModel.TargetRow t = only(m.targets());
        assertEquals("::ffff:10.1.2.3", t.target(), "a server is named as logged");
        assertLocality(t);
    }

    /**
     * Servers are read by the sources' rules (SourceAddress): 255.255.255.255 is an address (Forensics' own parser
     * once returned -1 for it, its "not an address"), and a zero-padded quad is a name, located nowhere.
     */
    @Test
    void codeRedIILocalityReadsServersAsSourcesAre() {
        List<String> lines = new ArrayList<>(W3C_HEADER);
        lines.add(w3c("2001-08-05T10:00:00Z", "255.255.9.9", "255.255.255.255", CODE_RED_II_QUERY, 404));
        lines.add(w3c("2001-08-05T10:01:00Z", "255.200.0.1", "255.255.255.255", CODE_RED_II_QUERY, 404));
        lines.add(w3c("2001-08-05T10:02:00Z", "99.1.1.1", "255.255.255.255", CODE_RED_II_QUERY, 404));
        lines.add(w3c("2001-08-05T10:03:00Z", "10.1.9.9", "010.1.2.3", CODE_RED_II_QUERY, 404));
        ReportModel m = run(write("ex010805.log", lines), null);
        java.util.Map<String, ReportModel.TargetRow> byName = new java.util.HashMap<>();
        for (ReportModel.TargetRow t : m.targets()) byName.put(t.target(), t);
        ReportModel.TargetRow broadcast = byName.get("255.255.255.255");
        assertEquals(3, broadcast.codeRedIISources());
        assertEquals(2, broadcast.sameSlash8());
        assertEquals(1, broadcast.sameSlash16());
        ReportModel.TargetRow padded = byName.get("010.1.2.3");
        assertEquals(1, padded.codeRedIISources());
        assertEquals(-1, padded.sameSlash8(), "010.1.2.3 is no address: its locality is not known");
        assertEquals(-1, padded.sameSlash16());
    }

    private static void assertLocality(ReportModel.TargetRow t) {
        assertEquals(3, t.codeRedIISources(), "distinct Code Red II sources; the Code Red I one is not counted");
        assertEquals(2, t.sameSlash8(), "10.1.9.9 and 10.200.0.1 share 10/8");
        assertEquals(1, t.sameSlash16(), "only 10.1.9.9 shares 10.1/16");
    }

    // ================================================================ /default.ida without a query

    @Test
    void defaultIdaInAW3cLogWithoutQueryColumnIsFlagged() {
        List<String> lines = new ArrayList<>(List.of("#Software: Microsoft Internet Information Services 5.0", "#Version: 1.0",
                "#Fields: date time c-ip cs-method cs-uri-stem sc-status s-ip"));
        lines.add("2001-07-19 10:00:00 61.1.1.1 GET /default.ida 404 10.10.10.10");
        lines.add("2001-07-19 10:01:00 61.1.1.2 GET /default.ida 404 10.10.10.10");
        lines.add("2001-07-19 10:02:00 61.1.1.3 GET /default.ida 404 10.10.10.10");
        lines.add("2001-07-19 10:03:00 61.1.1.4 GET /null.idq 404 10.10.10.10");
        lines.add("2001-07-19 10:04:00 192.0.2.4 GET /index.htm 200 10.10.10.10");
        ReportModel m = run(write("ex.log", lines), null);
        assertEquals("iis-w3c", m.inputs().get(0).format());
        assertEquals(3, m.totals().defaultIdaWithoutQuery());
        assertEquals(4, m.totals().otherIda(), "none of them is Code Red: they cannot be told apart");
        assertEquals(0, m.totals().codeRed() + m.totals().codeRedII());
        assertTrue(m.warnings().stream().anyMatch(w -> w.startsWith("3 requests for /default.ida") && w.contains("without a query")),
                m.warnings().toString());
        ObjectNode json = SummaryJson.tree(m);
        assertEquals(3, json.get("totals").get("default_ida_without_query").asLong());
        assertTrue(json.get("warnings").toString().contains("/default.ida"));
    }

    /** The count reads the stem as the classifier does: decoded once, as IIS maps it (issue 15). */
    @Test
    void anEncodedDefaultIdaWithoutQueryColumnIsFlaggedToo() {
        List<String> lines = new ArrayList<>(List.of("#Software: Microsoft Internet Information Services 5.0", "#Version: 1.0",
                "#Fields: date time c-ip cs-method cs-uri-stem sc-status s-ip"));
        lines.add("2001-07-19 10:00:00 61.1.1.1 GET /default.id%u0061 404 10.10.10.10");
        lines.add("2001-07-19 10:01:00 61.1.1.2 GET /default.%69da 404 10.10.10.10");
        lines.add("2001-07-19 10:02:00 61.1.1.3 GET /default.%2569da 404 10.10.10.10");
        ReportModel m = run(write("ex.log", lines), KnownFormats.byName("iis-w3c"));
        assertEquals(2, m.totals().defaultIdaWithoutQuery(), "%2569 is %69 after one decode: not the worm's stem");
        assertEquals(2, m.totals().otherIda());
        assertEquals(0, m.totals().codeRed() + m.totals().codeRedII());
    }

    @Test
    void aLogWithQueriesHasNoSuchWarning() {
        List<String> lines = new ArrayList<>(W3C_HEADER);
        lines.add(w3c("2001-07-19T10:00:00Z", "61.1.1.1", "10.10.10.10", CODE_RED_QUERY, 404));
        ReportModel m = run(write("ex.log", lines), null);
        assertEquals(0, m.totals().defaultIdaWithoutQuery());
        assertTrue(m.warnings().stream().noneMatch(w -> w.contains("/default.ida")), m.warnings().toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"apache", "w3c-dash"})
    void aDefaultIdaWhoseQueryFieldIsLoggedEmptyIsNotFlagged(String kind) {
        ReportModel m;
        if (kind.equals("apache")) {
            m = run(write("access_log", List.of(combined("2001-07-19T10:00:00Z", "+0000", "61.1.1.1", "GET /default.ida HTTP/1.0", 404))),
                    KnownFormats.byName("apache-combined"));
        } else {
            List<String> lines = new ArrayList<>(W3C_HEADER);
            lines.add("2001-07-19 10:00:00 61.1.1.1 - 10.10.10.10 80 GET /default.ida - 404");
            m = run(write("ex.log", lines), KnownFormats.byName("iis-w3c"));
        }
        assertEquals(1, m.totals().otherIda(), "a generic Index Server probe");
        assertEquals(0, m.totals().defaultIdaWithoutQuery(), "its query field was logged, and empty");
        assertTrue(m.warnings().stream().noneMatch(w -> w.contains("/default.ida")), m.warnings().toString());
    }

    // ================================================================ hourly series

    @Test
    void hourlySeriesAndNewSourcesPerHour() {
        // -0400: local 06:xx is UTC 10:xx.
        ReportModel m = run(write("access_log", List.of(
                combined("2001-08-02T10:10:00Z", "-0400", "61.1.1.1", CODE_RED, 400),
                combined("2001-08-02T10:20:00Z", "-0400", "61.1.1.2", CODE_RED, 400),
                combined("2001-08-02T10:50:00Z", "-0400", "61.1.1.1", CODE_RED, 400),
                combined("2001-08-05T11:05:00Z", "-0400", "61.1.1.3", CODE_RED_II, 404),
                combined("2001-08-05T11:30:00Z", "-0400", "61.1.1.1", CODE_RED, 400))),
                KnownFormats.byName("apache-combined"));
        long h10 = at("2001-08-02T10:00:00Z") / 3600, h11 = at("2001-08-05T11:00:00Z") / 3600;
        assertEquals(List.of(h10, h11), List.copyOf(m.hourly().keySet()));
        assertEquals(List.of(3L, 0L), pair(m.hourly().get(h10)));
        assertEquals(List.of(1L, 1L), pair(m.hourly().get(h11)));
        assertEquals(List.of(h10, h11), List.copyOf(m.newSourcesHourly().keySet()));
        assertEquals(List.of(2L, 0L), pair(m.newSourcesHourly().get(h10)));
        assertEquals(List.of(0L, 1L), pair(m.newSourcesHourly().get(h11)));

        JsonNode json = SummaryJson.tree(m);
        JsonNode hours = json.get("attempts_per_utc_hour");
        assertEquals("2001-08-02T10:00:00Z", hours.get(0).get("utc_hour").asText());
        assertEquals(3, hours.get(0).get("code_red").asLong());
        JsonNode wave = json.get("new_sources_per_utc_hour");
        assertEquals(2, wave.size());
        assertEquals(2, wave.get(0).get("cumulative_sources").asLong());
        assertEquals(3, wave.get(1).get("cumulative_sources").asLong());
        assertEquals(1, wave.get(1).get("new_code_red_ii_sources").asLong());
        assertSeriesSumToTotals(m);
    }

    static Stream<String> seriesInputs() {
        return Stream.of("sample-logs", Corpus.real().toString(), "src/test/resources/golden");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seriesInputs")
    void seriesSumToTotals(String path) {
        assertSeriesSumToTotals(Runs.analyze(Path.of(path)));
    }

    private static void assertSeriesSumToTotals(ReportModel m) {
        long cr = 0, cr2 = 0;
        for (long[] c : m.hourly().values()) { cr += c[0]; cr2 += c[1]; }
        assertEquals(m.totals().codeRed(), cr, "Code Red I per hour sums to the total");
        assertEquals(m.totals().codeRedII(), cr2, "Code Red II per hour sums to the total");
        long days = m.days().stream().mapToLong(d -> d.codeRed() + d.codeRedII()).sum();
        assertEquals(m.totals().attempts(), days, "per day sums to the total");
        long news = 0, newII = 0;
        for (long[] c : m.newSourcesHourly().values()) { news += c[0] + c[1]; newII += c[1]; }
        assertEquals(m.hosts().size(), news, "every source is new exactly once");
        assertEquals(m.totals().codeRedIISources(), newII, "sources with any Code Red II");
        for (ReportModel.HostRow h : m.hosts()) {
            assertTrue(m.newSourcesHourly().containsKey(Math.floorDiv(h.firstSeen(), 3600L)), h.source());
        }
        JsonNode wave = SummaryJson.tree(m).get("new_sources_per_utc_hour");
        long previous = 0;
        for (JsonNode n : wave) {
            long c = n.get("cumulative_sources").asLong();
            assertEquals(previous + n.get("new_sources").asLong(), c);
            previous = c;
        }
        assertEquals(m.hosts().size(), previous, "cumulative ends at every source");
    }

    // ================================================================ helpers

    static long at(String isoUtc) {
        return Instant.parse(isoUtc).getEpochSecond();
    }

    static String iso(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }

    static String combined(String utc, String offset, String source, String request, int status) {
        String when = ZonedDateTime.ofInstant(Instant.parse(utc), ZoneOffset.of(offset)).format(APACHE_TIME);
        return source + " - - [" + when + "] \"" + request + "\" " + status + " 300 \"-\" \"-\"";
    }

    static String vhost(String host, String utc, String source, String request, int status) {
        String when = ZonedDateTime.ofInstant(Instant.parse(utc), ZoneOffset.UTC).format(APACHE_TIME);
        return host + ":80 " + source + " - - [" + when + "] \"" + request + "\" " + status + " 300 \"-\" \"-\"";
    }

    /** A line of {@link #W3C_HEADER}'s fields; a null query is a request for /index.htm. */
    static String w3c(String utc, String client, String server, String query, int status) {
        String when = ZonedDateTime.ofInstant(Instant.parse(utc), ZoneOffset.UTC).format(W3C_TIME);
        return when + " " + client + " - " + server + " 80 GET " + (query == null ? "/index.htm -" : "/default.ida " + query) + " " + status;
    }

    private static List<Integer> statuses(ReportModel.TargetRow t) {
        return t.answers().stream().map(ReportModel.AnswerRow::status).toList();
    }

    private static List<Long> pair(long[] c) {
        return List.of(c[0], c[1]);
    }

    private static <T> T only(List<T> list) {
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }

    private static ReportModel.TargetRow target(ReportModel m, String name) {
        return m.targets().stream().filter(t -> t.target().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no target " + name + " in " + m.targets().stream().map(ReportModel.TargetRow::target).toList()));
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

    private static AnalyzeOptions options(Path input, LogFormat plan) {
        return new AnalyzeOptions(List.of(input.toString()), Path.of("unused"), plan, 1, 1 << 20, null, List.of("test"));
    }

    private static ReportModel run(Path input, LogFormat plan) {
        return ReportModel.of(Analyzer.run(options(input, plan)).snapshot(), "test");
    }
}
