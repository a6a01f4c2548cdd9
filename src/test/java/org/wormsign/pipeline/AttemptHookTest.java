package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.aggregate.AttemptHook;
import org.wormsign.aggregate.Totals;
import org.wormsign.detect.Classifier;
import org.wormsign.detect.Verdict;
import org.wormsign.report.CsvCells;
import org.wormsign.report.Times;
import org.wormsign.testing.RecordingHook;
import org.wormsign.testing.RecordingHook.Seen;

/**
 * Every Code Red attempt passes the {@link AttemptHook} once, with what the outputs say of it: checked against
 * each golden case's expected hosts.csv (an independent record of every attempt's source, variant, time, status
 * and server) and summary.json totals. The sniffer's losing formats and a set-aside input show the hook nothing.
 */
class AttemptHookTest {
    @TempDir Path tmp;

    private static final String CR = "/default.ida?" + "N".repeat(224) + Classifier.TAIL;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wormsign.pipeline.GoldenTest#cases")
    void everyAttemptOfAGoldenCasePassesTheHookOnce(String name) throws IOException {
        Path dir = GoldenTest.ROOT.resolve(name);
        RunResult run = Analyzer.run(GoldenTest.options(dir).withAttemptHooks(RecordingHook::new));
        Totals t = run.merged().totals();
        List<Seen> seen = RecordingHook.of(run.merged().attemptHook()).seen();
        List<Seen> records = seen.stream().filter(s -> !s.salvaged()).toList();
        List<Seen> salvaged = seen.stream().filter(Seen::salvaged).toList();

        assertEquals(t.codeRed(), count(records, Verdict.Variant.CODE_RED), "code_red");
        assertEquals(t.codeRedII(), count(records, Verdict.Variant.CODE_RED_II), "code_red_ii");
        assertEquals(t.codeRedInRejects(), count(salvaged, Verdict.Variant.CODE_RED), "code_red_in_rejects");
        assertEquals(t.codeRedIIInRejects(), count(salvaged, Verdict.Variant.CODE_RED_II), "code_red_ii_in_rejects");
        assertEquals(t.attemptsWithoutTime(), records.stream().filter(s -> s.epochSecond() == Long.MIN_VALUE).count(), "attempts_without_time");
        assertEquals(t.truncated(), records.stream().filter(s -> s.verdict().truncated()).count(), "truncated");
        assertTrue(salvaged.stream().allMatch(s -> s.status() == -1), "a salvaged attempt has no status");
        assertEquals(expectedHosts(dir.resolve("expected/hosts.csv")), hostsOf(records), "hosts.csv as the hook saw the attempts");
        // In the order of the inputs and their lines: the aggregates' merge order.
        for (int i = 1; i < seen.size(); i++) {
            Seen a = seen.get(i - 1), b = seen.get(i);
            if (a.input().equals(b.input())) assertTrue(a.line() < b.line(), "line order in " + a.input());
        }
    }

    private static long count(List<Seen> seen, Verdict.Variant v) {
        return seen.stream().filter(s -> s.verdict().variant() == v).count();
    }

    private static final String[] COLUMNS = {"code_red_attempts", "code_red_ii_attempts", "first_seen_utc", "last_seen_utc",
        "status_400", "status_404", "status_200", "status_other", "servers"};

    private static Map<String, List<String>> expectedHosts(Path csv) throws IOException {
        Map<String, List<String>> rows = new TreeMap<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                List<String> row = new ArrayList<>();
                for (String c : COLUMNS) row.add(rec.get(c));
                rows.put(rec.get("source_ip"), row);
            }
        }
        return rows;
    }

    /** The hosts.csv columns that follow from each attempt's source, variant, time, status and server. */
    private static Map<String, List<String>> hostsOf(List<Seen> records) {
        Map<String, List<Seen>> bySource = new TreeMap<>();
        for (Seen s : records) bySource.computeIfAbsent(CsvCells.safe(s.source()), k -> new ArrayList<>()).add(s);
        Map<String, List<String>> rows = new TreeMap<>();
        bySource.forEach((source, list) -> {
            long first = Long.MAX_VALUE, last = Long.MIN_VALUE, s400 = 0, s404 = 0, s200 = 0, other = 0;
            Set<String> servers = new HashSet<>();
            for (Seen s : list) {
                if (s.epochSecond() != Long.MIN_VALUE) {
                    first = Math.min(first, s.epochSecond());
                    last = Math.max(last, s.epochSecond());
                }
                switch (s.status()) {
                    case 400 -> s400++;
                    case 404 -> s404++;
                    case 200 -> s200++;
                    default -> other++;
                }
                servers.add(s.target());
            }
            rows.put(source, List.of(String.valueOf(count(list, Verdict.Variant.CODE_RED)), String.valueOf(count(list, Verdict.Variant.CODE_RED_II)),
                    first == Long.MAX_VALUE ? "" : Times.iso(first), last == Long.MIN_VALUE ? "" : Times.iso(last),
                    String.valueOf(s400), String.valueOf(s404), String.valueOf(s200), String.valueOf(other), String.valueOf(servers.size())));
        });
        return rows;
    }

    @Test
    void severalInputsOnSeveralThreadsEachHookOnOneThread() throws IOException {
        List<String> paths = new ArrayList<>();
        long written = 0;
        for (int f = 0; f < 6; f++) {
            StringBuilder log = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                String ip = "10.0." + f + "." + (i % 50 + 1);
                boolean worm = i % 7 == 3;
                if (worm) written++;
                log.append(ip).append(" - - [19/Jul/2001:").append(String.format("%02d:%02d:%02d", i / 3600, i / 60 % 60, i % 60))
                        .append(" +0000] \"GET ").append(worm ? CR : "/index.html").append(" HTTP/1.0\" ").append(worm ? 404 : 200)
                        .append(" 100 \"-\" \"-\"\n");
            }
            Path p = tmp.resolve("access_log." + f);
            Files.writeString(p, log, StandardCharsets.ISO_8859_1);
            paths.add(p.toString());
        }
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        AttemptHook.Factory factory = () -> {
            threads.add(Thread.currentThread());
            return new RecordingHook();
        };
        AnalyzeOptions options = new AnalyzeOptions(paths, tmp, null, 3, 1 << 20, null, List.of()).withAttemptHooks(factory);
        RunResult run = Analyzer.run(options);
        RecordingHook merged = RecordingHook.of(run.merged().attemptHook());
        assertTrue(threads.size() > 1, "hooks were made on several threads: " + threads.size());
        assertFalse(merged.sharedByThreads(), "a hook was used by more than one thread");
        assertEquals(run.merged().totals().codeRed(), merged.seen().size());
        assertEquals(written, merged.seen().size());
        // Merged in input order, each input's attempts in line order.
        List<String> inputs = merged.seen().stream().map(Seen::input).distinct().toList();
        assertEquals(paths, inputs);
        Seen first = merged.seen().get(0);
        assertEquals("10.0.0.4", first.source());
        assertTrue(first.ipv4());
        assertEquals(4, first.line());
        assertEquals(404, first.status());
        assertEquals(paths.get(0), first.target(), "a log naming no server: the input is the target");
        assertEquals(java.time.Instant.parse("2001-07-19T00:00:03Z").getEpochSecond(), first.epochSecond());
    }

    @Test
    void noAttemptNoCall() throws IOException {
        Path p = tmp.resolve("access_log");
        Files.writeString(p, "10.0.0.1 - - [19/Jul/2001:10:00:00 +0000] \"GET /index.html HTTP/1.0\" 200 100 \"-\" \"-\"\n"
                + "10.0.0.2 - - [19/Jul/2001:10:00:01 +0000] \"GET /scripts/..%255c../winnt/system32/cmd.exe?/c+dir HTTP/1.0\" 404 100 \"-\" \"-\"\n"
                + "10.0.0.3 - - [19/Jul/2001:10:00:02 +0000] \"GET /null.ida HTTP/1.0\" 404 100 \"-\" \"-\"\n"
                + "a junk line\n", StandardCharsets.ISO_8859_1);
        List<RecordingHook> made = new ArrayList<>();
        AttemptHook.Factory factory = () -> {
            RecordingHook h = new RecordingHook();
            synchronized (made) {
                made.add(h);
            }
            return h;
        };
        RunResult run = Analyzer.run(new AnalyzeOptions(List.of(p.toString()), tmp, null, 2, 1 << 20, null, List.of()).withAttemptHooks(factory));
        assertEquals(4, run.merged().totals().lines());
        assertEquals(1, run.merged().totals().nimda());
        assertFalse(made.isEmpty(), "the hooks were made");
        for (RecordingHook h : made) assertTrue(h.seen().isEmpty(), "no attempt, no call");
    }

    @Test
    void withoutHooksTheAggregateHoldsNone() throws IOException {
        Path p = tmp.resolve("access_log");
        Files.writeString(p, "10.0.0.1 - - [19/Jul/2001:10:00:00 +0000] \"GET " + CR + " HTTP/1.0\" 404 100 \"-\" \"-\"\n", StandardCharsets.ISO_8859_1);
        RunResult run = Analyzer.run(new AnalyzeOptions(List.of(p.toString()), tmp, null, 2, 1 << 20, null, List.of()));
        assertEquals(1, run.merged().totals().codeRed());
        assertSame(AttemptHook.NONE, run.merged().attemptHook());
    }
}
