package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wormsign.aggregate.Aggregate;
import org.wormsign.aggregate.Aggregator;
import org.wormsign.detect.Classifier;
import org.wormsign.format.LinePlan;
import org.wormsign.format.LogRecord;
import org.wormsign.format.apache.ApacheLogFormat;
import org.wormsign.pipeline.InputResult;
import org.wormsign.pipeline.RunResult;
import org.wormsign.testing.Runs;

/**
 * One server logged twice, once with times and once by a format that logs none (issue 16 item 2): the
 * attempts without a time add to their source's and target's counts, and to nothing that needs a time —
 * first and last seen, the target's span and silences, days, hours, phases, the infection wave, side effects.
 */
class UnknownTimesTest {
    static final String CODE_RED = "GET /default.ida?" + "N".repeat(224) + Classifier.TAIL + "  HTTP/1.0";
    /** 2001-08-01T10:00:00Z and an hour later, in Apache's spelling. */
    static final String TEN = "01/Aug/2001:10:00:00 +0000", ELEVEN = "01/Aug/2001:11:00:00 +0000";
    static final long TEN_UTC = Instant.parse("2001-08-01T10:00:00Z").getEpochSecond();

    private static Aggregate read(String name, long index, LinePlan plan, String... lines) {
        Aggregator a = new Aggregator(index, name);
        LinePlan.Parser parser = plan.newParser();
        LogRecord rec = new LogRecord();
        for (int i = 0; i < lines.length; i++) {
            byte[] b = lines[i].getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(LinePlan.RECORD, parser.parse(b, 0, b.length, rec), lines[i]);
            a.record(rec, Classifier.classify(rec), i + 1, i * 1000L);
        }
        return a.aggregate();
    }

    private static ReportModel model() {
        Aggregate timed = read("timed.log", 0L << 32, ApacheLogFormat.compile("%v %h [%{%d/%b/%Y:%H:%M:%S %z}t] \"%r\" %>s"),
                "www.a 1.1.1.1 [" + TEN + "] \"" + CODE_RED + "\" 400",
                "www.a 9.9.9.9 [" + TEN + "] \"GET / HTTP/1.0\" 200",
                "www.a 9.9.9.9 [" + ELEVEN + "] \"GET / HTTP/1.0\" 200");
        Aggregate untimed = read("untimed.log", 1L << 32, ApacheLogFormat.compile("%v %h \"%r\" %>s"),
                "www.a 1.1.1.1 \"" + CODE_RED + "\" 400",
                "www.a 2.2.2.2 \"" + CODE_RED + "\" 400",
                "www.a 1.1.1.1 \"-\" 400");
        Aggregate merged = new Aggregate();
        merged.merge(timed);
        merged.merge(untimed);
        List<InputResult> inputs = List.of(new InputResult(0L << 32, "timed.log", 0, "x", "plain", "apache-custom", null, timed, List.of(), null),
                new InputResult(1L << 32, "untimed.log", 0, "y", "plain", "apache-custom", null, untimed, List.of(), null));
        RunResult run = new RunResult(Runs.options(List.of("timed.log", "untimed.log")), Instant.EPOCH, Instant.EPOCH, inputs, List.of(), merged);
        return ReportModel.of(run.snapshot(), "test");
    }

    @Test
    void attemptsWithoutATimeCountOnlyWhereNoTimeIsNeeded() {
        ReportModel m = model();
        ReportModel.TotalsRow t = m.totals();
        assertEquals(3, t.codeRed());
        assertEquals(2, t.attemptsWithoutTime());
        assertEquals(3, t.recordsWithoutTime());
        assertEquals(0, t.offSchedule());
        assertEquals(TEN_UTC, t.firstSeen());
        assertEquals(TEN_UTC, t.lastSeen());

        ReportModel.HostRow both = m.hosts().stream().filter(h -> h.source().equals("1.1.1.1")).findFirst().orElseThrow();
        assertEquals(2, both.codeRed());
        assertEquals(1, both.propagation(), "only the attempt with a time has a phase");
        assertEquals(1, both.summary().codeRedWithoutTime());
        assertEquals(TEN_UTC, both.firstSeen());
        assertEquals(TEN_UTC, both.lastSeen());
        ReportModel.HostRow none = m.hosts().stream().filter(h -> h.source().equals("2.2.2.2")).findFirst().orElseThrow();
        assertEquals(1, none.codeRed());
        assertEquals(Long.MAX_VALUE, none.firstSeen());
        assertTrue(Runs.hostsCsv(m).contains("\n2.2.2.2,1,0,,,1,0,0,0,0,0,0,0,1,0,www.a\n"), Runs.hostsCsv(m));

        ReportModel.TargetRow a = m.targets().get(0);
        assertEquals("www.a", a.target());
        assertEquals(6, a.records());
        assertEquals(3, a.status400());
        assertEquals(TEN_UTC, a.firstRecord());
        assertEquals(TEN_UTC + 3600, a.lastRecord(), "the span is the lines with a time");
        assertEquals(TEN_UTC, a.answers().get(0).firstSeen());
        assertEquals(TEN_UTC, a.answers().get(0).lastSeen());

        assertEquals(1, m.days().size());
        assertEquals(1, m.days().get(0).codeRed());
        assertEquals(1, m.hourly().size());
        assertEquals(1, m.hourly().get(TEN_UTC / 3600)[0]);
        assertEquals(1, m.newSourcesHourly().values().stream().mapToLong(c -> c[0] + c[1]).sum(), "2.2.2.2 was never seen at a time");
        assertEquals(1, m.dayOfMonth()[0][1]);

        // The unreadable 400 has no time: counted, never placed next to an attempt.
        assertEquals(1, t.unreadable400());
        assertEquals(List.of(), m.sideEffects());

        List<String> verdict = VerdictText.sentences(m);
        assertTrue(verdict.get(0).endsWith("from 2001-08-01 10:00:00 to 2001-08-01 10:00:00 UTC."), verdict.get(0));
        assertTrue(verdict.get(1).startsWith("2 attempts have no time: the format of their log records none"), verdict.get(1));
        assertTrue(m.warnings().stream().anyMatch(w -> w.startsWith("3 records without a time (2 Code Red attempts) in 1 input(s)")
                && w.endsWith(": untimed.log")), m.warnings().toString());
    }
}
