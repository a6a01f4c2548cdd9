package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.report.ReportModel;
import org.wormsign.testing.Corpus;
import org.wormsign.testing.Runs;

/** The real logs of ../shared/corpus/real against the counts in its README. */
class RealCorpusTest {

    /** file, lines, Code Red I, Code Red II, Nimda-style, answered 400, 404, 200 — from corpus/real/README.md. */
    static Stream<Arguments> apacheFiles() {
        return Stream.of(
                Arguments.of("apache-combined-darwinsys-2001aug.log", 2, 2, 0, 0, 2, 0, 0),
                Arguments.of("apache-combined-honeynet-rh71-2004jul.log", 352, 0, 8, 176, 0, 7, 1),
                Arguments.of("apache-combined-honeynet-rh71-2004sep.log", 2018, 0, 66, 884, 0, 66, 0),
                Arguments.of("apache-combined-honeynet-rh71-2004-ida-extract.log", 94, 0, 94, 0, 0, 94, 0),
                Arguments.of("apache-combined-honeynet-sotm34-2005.log", 1805, 0, 29, 674, 0, 29, 0),
                Arguments.of("apache-combined-honeynet-sotm34-2005-ida-extract.log", 11, 0, 11, 0, 0, 11, 0),
                Arguments.of("apache-combined-honeynet-2005jun-nocodered.log", 1808, 0, 0, 318, 0, 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apacheFiles")
    void apacheFileCountsMatchTheCorpusReadme(String file, long lines, long codeRed, long codeRedII, long nimda,
                                              long s400, long s404, long s200) {
        ReportModel m = Runs.analyze(Corpus.realFile(file));
        ReportModel.TotalsRow t = m.totals();
        assertEquals(lines, t.lines(), "lines");
        assertEquals(t.lines(), t.records() + t.rejected() + t.skipped(), "lines = records + rejected + skipped");
        assertEquals(codeRed, t.codeRed(), "Code Red I");
        assertEquals(codeRedII, t.codeRedII(), "Code Red II");
        assertEquals(nimda, t.nimda(), "Nimda-style probes, none of them counted as Code Red");
        assertEquals(s400, t.sideEffect400(), "answered 400");
        assertEquals(s400, m.hosts().stream().mapToLong(ReportModel.HostRow::status400).sum());
        assertEquals(s404, m.hosts().stream().mapToLong(ReportModel.HostRow::status404).sum());
        assertEquals(s200, m.hosts().stream().mapToLong(ReportModel.HostRow::status200).sum());
        assertEquals("apache-combined", m.inputs().get(0).format());
        // Every Code Red II probe here is from 2004-05, long after the worm's 1 October 2001 stop; the
        // 2001 Code Red I probes are from 2 August, in the propagation phase.
        assertEquals(codeRedII, t.offSchedule(), "off schedule");
    }

    @Test
    void iisW3cFile() {
        ReportModel m = Runs.analyze(Corpus.realFile("iis-w3c-sans-sec505-2001jul.log"));
        ReportModel.TotalsRow t = m.totals();
        assertEquals("iis-w3c", m.inputs().get(0).format());
        assertEquals(50, t.lines());
        assertEquals(24, t.codeRed());
        assertEquals(0, t.codeRedII());
        assertEquals(1, t.offSchedule(), "the probe of 2001-07-20 00:56:21 UTC");
        assertEquals(23, m.hosts().stream().mapToLong(ReportModel.HostRow::status404).sum());
        assertEquals(1, m.hosts().stream().mapToLong(ReportModel.HostRow::status200).sum());
        ReportModel.HostRow late = m.hosts().stream().filter(h -> h.offSchedule() > 0).findFirst().orElseThrow();
        assertEquals("216.19.16.174", late.source());
        assertEquals(java.time.Instant.parse("2001-07-20T00:56:21Z").getEpochSecond(), late.firstSeen());
        // Directives and blank lines are skipped; the administrator's free text is rejected, with a reason.
        assertEquals(5, t.rejected());
        assertTrue(m.rejectSamples().stream().allMatch(r -> r.reason() == org.wormsign.format.Reject.NO_MATCH));
        assertTrue(m.rejectSamples().stream().anyMatch(r -> r.raw().startsWith("When Code Red successfully infects")));
        assertEquals(t.lines(), t.records() + t.rejected() + t.skipped());
    }

    @Test
    void wholeCorpusTotals() {
        // corpus/real/README.md: 26 Code Red I (2 + 24), 208 Code Red II, 209 off schedule, 2 answered 400,
        // 2,052 Nimda-style probes.
        ReportModel m = Runs.analyze(Corpus.real());
        ReportModel.TotalsRow t = m.totals();
        assertEquals(26, t.codeRed());
        assertEquals(208, t.codeRedII());
        assertEquals(2052, t.nimda());
        assertEquals(2, t.sideEffect400());
        assertEquals(209, t.offSchedule());
        for (ReportModel.InputRow in : m.inputs()) {
            if (in.ignoredBecause() != null) continue;
            assertEquals(in.lines(), in.records() + in.rejected() + in.skipped(), in.path());
            assertTrue(in.sha256() != null && in.sha256().matches("[0-9a-f]{64}"), in.path());
        }
    }

    @Test
    void oneByteReadsGiveTheSameResult() {
        ReportModel fast = Runs.analyze(Corpus.realFile("apache-combined-honeynet-rh71-2004jul.log"));
        ReportModel slow = Runs.analyzeOneByteAtATime(Corpus.realFile("apache-combined-honeynet-rh71-2004jul.log"));
        assertEquals(Runs.hostsCsv(fast), Runs.hostsCsv(slow));
        assertEquals(fast.totals(), slow.totals());
        assertEquals(fast.inputs().get(0).sha256(), slow.inputs().get(0).sha256());
    }
}
