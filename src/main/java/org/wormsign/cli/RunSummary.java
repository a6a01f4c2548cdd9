package org.wormsign.cli;

import java.nio.file.Path;

import org.wormsign.report.ReportModel;
import org.wormsign.report.ReportWriter;
import org.wormsign.report.Times;
import org.wormsign.report.VerdictText;

/** The paragraph printed at the end of a run: the answer first, then what was read and where the files are. */
final class RunSummary {
    private RunSummary() {}

    /** One line for stderr: how much a run (the snapshot of one) read, and how fast. */
    static String rate(org.wormsign.aggregate.Snapshot run) {
        // Members of an archive are inside its bytes: count what was stored, once.
        long bytes = run.inputs().stream().filter(i -> (i.index() & 0xFFFFFFFFL) == 0)
                .mapToLong(org.wormsign.aggregate.Snapshot.Input::bytes).sum();
        long lines = run.totals().lines();
        org.wormsign.aggregate.Snapshot.Run r = run.runs().get(0);
        double seconds = Math.max(1e-3, java.time.Duration.between(r.started(), r.finished()).toNanos() / 1e9);
        return String.format(java.util.Locale.ROOT, "wormsign: read %.1f MB, %d lines in %.2f s (%.1f MB/s, %.0f lines/s)",
                bytes / 1e6, lines, seconds, bytes / 1e6 / seconds, lines / seconds);
    }

    static String paragraph(ReportModel m, Path out) {
        ReportModel.TotalsRow t = m.totals();
        StringBuilder s = new StringBuilder();
        // The verdict's first sentence, as the report's: what could not be read comes before what was found.
        String unread = VerdictText.unread(m);
        if (unread != null) s.append(unread).append(t.records() == 0 && t.attemptsInRejects() == 0 ? "" : " ");
        if (t.attempts() == 0 && t.attemptsInRejects() == 0) {
            // After "no log record was read", "no Code Red found" would read as an all-clear.
            if (unread == null || t.records() > 0) s.append("No Code Red request found.");
        } else if (t.attempts() == 0) {
            s.append(VerdictText.inRejects(t)).append(" No line that could be read holds one.");
        } else {
            s.append(t.codeRedSources()).append(" sources sent ").append(t.codeRed()).append(" Code Red I attempts and ")
                    .append(t.codeRedIISources()).append(" sent ").append(t.codeRedII()).append(" Code Red II attempts");
            if (t.seenAtKnownTimes()) {
                s.append(", first seen ").append(Times.iso(t.firstSeen())).append(", last seen ").append(Times.iso(t.lastSeen()));
            }
            if (t.attemptsWithoutTime() > 0) s.append(" (").append(t.attemptsWithoutTime()).append(" without a time)");
            s.append("; ").append(t.sideEffect400()).append(" answered 400, ").append(t.offSchedule()).append(" off schedule.");
        }
        if (t.attempts() > 0 && t.attemptsInRejects() > 0) s.append(' ').append(VerdictText.inRejects(t));
        if (t.nimda() > 0) s.append(" Also ").append(t.nimda()).append(" Nimda-family probes.");
        s.append(" Read ").append(t.inputs()).append(t.inputs() == 1 ? " input, " : " inputs, ").append(t.lines()).append(" lines: ")
                .append(t.records()).append(" records, ").append(t.rejected()).append(" rejected (samples in rejects.csv), ")
                .append(t.skipped()).append(" skipped.");
        s.append(" Report: ").append(out.resolve(ReportWriter.REPORT));
        return s.toString();
    }
}
