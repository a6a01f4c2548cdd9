package org.wormsign.aggregate;

import org.wormsign.detect.Verdict;
import org.wormsign.detect.WormCalendar;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;

/**
 * Folds the lines of one input into an {@link Aggregate}. Clean records touch only counters; only
 * Code Red attempts make strings (source, target, evidence text).
 */
public final class Aggregator {
    private final Aggregate agg = new Aggregate();
    private final long inputIndex;
    private final String input;
    private final int[] samplesByReason = new int[Reject.values().length];

    /** @param inputIndex the order of the input among all inputs (see {@link Evidence}) */
    public Aggregator(long inputIndex, String input) {
        this.inputIndex = inputIndex;
        this.input = input;
    }

    public Aggregate aggregate() { return agg; }

    public void skipped() {
        agg.totals.lines++;
        agg.totals.skipped++;
    }

    public void rejected(Reject reason, byte[] b, int start, int end, long fullLength, long line, long offset) {
        agg.totals.lines++;
        agg.totals.rejected++;
        agg.rejectsByReason[reason.ordinal()]++;
        if (samplesByReason[reason.ordinal()]++ < Aggregate.REJECT_SAMPLES) {
            agg.rejectSamples.add(new RejectSample(inputIndex, input, line, offset, reason, RawText.of(b, start, end, fullLength)));
        }
    }

    public void record(LogRecord r, Verdict v, long line, long offset) {
        Totals t = agg.totals;
        t.lines++;
        t.records++;
        switch (v) {
            case CLEAN: return;
            case NIMDA: t.nimda++; return;
            case OTHER_IDA: t.otherIda++; return;
            default: attempt(r, v, line, offset);
        }
    }

    private void attempt(LogRecord r, Verdict v, long line, long offset) {
        Totals t = agg.totals;
        long when = r.epochSecond();
        int status = r.status();
        if (v.variant() == Verdict.Variant.CODE_RED) t.codeRed++; else t.codeRedII++;
        if (v.truncated()) t.truncated++;
        if (status == 400) t.sideEffect400++;
        if (WormCalendar.offSchedule(v.variant(), when)) t.offSchedule++;
        long[] day = agg.daily.computeIfAbsent(Math.floorDiv(when, 86400L), d -> new long[2]);
        day[v.variant() == Verdict.Variant.CODE_RED ? 0 : 1]++;

        String source = r.client();
        String target = r.hasTarget() ? r.target() : input;
        agg.targets.computeIfAbsent(target, TargetSummary::new).addAttempt(v, when, status);
        SourceSummary s = agg.sources.computeIfAbsent(source, SourceSummary::new);
        boolean unusual = s.addAttempt(v, when, status, target);
        EvidenceSample ev = s.evidence();
        if (ev.wants(when, inputIndex, line, unusual)) {
            ev.add(new Evidence(source, when, v.code(), status, inputIndex, input, line, offset,
                    RawText.of(r.bytes(), r.lineStart(), r.lineEnd()), unusual));
        }
    }
}
