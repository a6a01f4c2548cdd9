package org.wormsign.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import org.wormsign.report.ReportModel;
import org.wormsign.report.ReportWriter;

/**
 * The end of {@code analyze} and {@code report} alike: the five outputs of a model written, what the user is
 * told of them, and the exit status.
 */
final class OutputsWritten {
    private OutputsWritten() {}

    /**
     * Writes the outputs into {@code out}; false (said on {@code err} in one line) if they could not be, the
     * files of an earlier run there then left as they were.
     */
    static boolean write(ReportModel model, Path out, int threads, PrintWriter err) {
        return write(model, out, threads, err, null, null);
    }

    /** As above; with {@code isp}, the ISP mode's outputs too, its notices as {@code notices} says. */
    static boolean write(ReportModel model, Path out, int threads, PrintWriter err, org.wormsign.isp.IspFindings isp,
                         org.wormsign.report.Notices.Settings notices) {
        try {
            ReportWriter.writeAll(model, out, threads, isp, notices);
            return true;
        } catch (IOException e) {
            err.println("wormsign: the outputs could not be written to " + TerminalText.clean(out.toString())
                    + ": " + TerminalText.clean(AnalyzeCommand.describe(e)) + " (any earlier run's files there are left as they were)");
            return false;
        }
    }

    /** The model's errors and warnings on {@code err}, and its paragraph on {@code stdout}. */
    static void tell(ReportModel model, Path out, PrintWriter stdout, PrintWriter err) {
        for (String e : model.errors()) err.println("wormsign: " + TerminalText.clean(e));
        for (String w : model.warnings()) err.println("wormsign: warning: " + TerminalText.clean(w));
        stdout.println(TerminalText.clean(RunSummary.paragraph(model, out)));
    }

    /**
     * The exit status once the outputs are written: incomplete input first; then, with --fail-on-detection, any
     * Code Red source, or the worm in a line that could not be read (no source's attempt, but a batch job must
     * hear of it).
     */
    static int status(ReportModel model, boolean incomplete, boolean failOnDetection) {
        if (incomplete) return ExitStatus.INCOMPLETE;
        if (failOnDetection && (model.totals().sources() > 0 || model.totals().attemptsInRejects() > 0)) return ExitStatus.DETECTED;
        return ExitStatus.OK;
    }
}
