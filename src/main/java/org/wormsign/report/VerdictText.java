package org.wormsign.report;

import java.util.ArrayList;
import java.util.List;

import org.wormsign.aggregate.SalvagedAttempts;

/** The few sentences at the top of the report: the answer a responder needs before anything else. */
public final class VerdictText {
    private VerdictText() {}

    static List<String> sentences(ReportModel m) {
        ReportModel.TotalsRow t = m.totals();
        List<String> out = new ArrayList<>();
        // Before anything found: what could not be read, so no "no Code Red" is taken for an all-clear.
        if (m.unread().any()) {
            out.add(unread(m));
            if (t.records() == 0 && t.attemptsInRejects() == 0) return out;
        }
        if (t.attempts() == 0) {
            if (t.attemptsInRejects() > 0) {
                out.add(inRejects(t));
                out.add("No line that could be read holds one (" + t.lines() + " lines from " + t.inputs()
                        + (t.inputs() == 1 ? " input)." : " inputs)."));
            } else {
                out.add("No Code Red request in " + t.lines() + " lines from " + t.inputs() + (t.inputs() == 1 ? " input." : " inputs."));
            }
            if (t.otherIda() > 0) out.add(t.otherIda() + " other .ida/.idq requests (Index Server probes, not Code Red).");
            if (t.nimda() > 0) out.add(t.nimda() + " Nimda-family probes (root.exe, cmd.exe, directory traversal).");
            return out;
        }
        StringBuilder first = new StringBuilder();
        if (t.codeRed() > 0) first.append(plural(t.codeRedSources(), "source")).append(" sent Code Red I (").append(plural(t.codeRed(), "attempt")).append(")");
        if (t.codeRedII() > 0) {
            if (first.length() > 0) first.append(" and ");
            first.append(plural(t.codeRedIISources(), "source")).append(" sent Code Red II (").append(plural(t.codeRedII(), "attempt")).append(")");
        }
        if (t.seenAtKnownTimes()) {
            first.append(", from ").append(day(t.firstSeen())).append(" to ").append(day(t.lastSeen())).append(" UTC");
        }
        out.add(first.append('.').toString());
        if (t.attemptsWithoutTime() > 0) {
            boolean one = t.attemptsWithoutTime() == 1;
            out.add(plural(t.attemptsWithoutTime(), "attempt") + (one ? " has" : " have") + " no time: the format of "
                    + (one ? "its" : "their") + " log records none, so " + (one ? "it is" : "they are")
                    + " counted per source and target, but in no day, hour, phase of the worm's month or chart.");
        }

        List<ReportModel.TargetRow> probed = m.targets().stream().filter(r -> r.codeRed() + r.codeRedII() > 0).toList();
        if (probed.size() == 1) {
            out.add("The target, " + probed.get(0).target() + " (" + probed.get(0).kind() + "): " + probed.get(0).verdict() + ".");
        } else if (!probed.isEmpty()) {
            long s400 = probed.stream().mapToLong(ReportModel.TargetRow::status400).sum();
            long s404 = probed.stream().mapToLong(ReportModel.TargetRow::status404).sum();
            long s200 = probed.stream().mapToLong(ReportModel.TargetRow::status200).sum();
            long mapped = probed.stream().filter(r -> r.kind().equals("IIS") && r.status200() > 0).count();
            List<String> parts = new ArrayList<>();
            if (s400 > 0) parts.add(s400 + " × 400 (the side effect on non-IIS servers)");
            if (s404 > 0) parts.add(s404 + " × 404");
            if (s200 > 0) parts.add(s200 + " × 200");
            out.add(probed.size() + " targets answered " + String.join(", ", parts)
                    + (mapped > 0 ? "; " + plural(mapped, "IIS target") + " answered 200 with .ida mapped: check MS01-033 is applied there" : "") + ".");
        }
        for (ReportModel.TargetRow r : m.targets()) {
            for (ReportModel.SilenceRow s : r.silences()) {
                if (s.followsAttempt()) {
                    out.add(r.target() + " logged nothing for " + HtmlReport.hours(s.to() - s.from()) + " from " + Times.iso(s.from())
                            + ", minutes after a Code Red attempt: the signature of an infected or crashed IIS.");
                }
            }
        }
        if (t.offSchedule() > 0) {
            long sources = m.offSchedule().sources();
            out.add(plural(t.offSchedule(), "attempt") + " from " + plural(sources, "source")
                    + " came off the worm's own schedule: wrong clocks, or copies of the worm after its 2001 stop.");
        }
        if (t.probableSideEffects() > 0) {
            out.add(plural(t.probableSideEffects(), "unreadable 400 line") + " sat next to Code Red from the same source: probable side effects.");
        }
        if (t.attemptsInRejects() > 0) out.add(inRejects(t));
        return out;
    }

    /**
     * The Code Red requests found in lines that could not be read, and where they are: said wherever the
     * run's answer is (the report, the command's closing paragraph), so no "none found" hides them.
     */
    public static String inRejects(ReportModel.TotalsRow t) {
        List<String> counts = new ArrayList<>(), kinds = new ArrayList<>();
        if (t.codeRedInRejects() > 0) {
            counts.add(t.codeRedInRejects() + " Code Red I");
            kinds.add(SalvagedAttempts.CODE_RED_KIND);
        }
        if (t.codeRedIIInRejects() > 0) {
            counts.add(t.codeRedIIInRejects() + " Code Red II");
            kinds.add(SalvagedAttempts.CODE_RED_II_KIND);
        }
        boolean one = t.attemptsInRejects() == 1;
        return String.join(" and ", counts) + (one ? " attempt sits in a line" : " attempts sit in lines")
                + " that could not be read (see evidence.csv, kind " + String.join(" and ", kinds)
                + ", and rejects.csv): not counted as any source's.";
    }

    /**
     * How many inputs could not be read, of how many, and what that leaves: the first sentence of the verdict
     * when any could not be; null when all were read.
     */
    public static String unread(ReportModel m) {
        ReportModel.Unread u = m.unread();
        if (!u.any()) return null;
        String how = u.partly() == 0 ? "could not be read"
                : u.partly() == u.failed() ? "could not be read completely"
                : "could not be read completely (" + (u.failed() - u.partly()) + " not at all)";
        String s = u.failed() + " of " + plural(u.of(), "input") + " " + how;
        return m.totals().records() == 0
                ? s + ": no log record was read, so this report cannot say whether Code Red was there."
                : s + "; what follows is from what was read.";
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String day(long epochSecond) {
        return Times.iso(epochSecond).replace('T', ' ').replace("Z", "");
    }
}
