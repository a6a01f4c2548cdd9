package org.wormsign.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.wormsign.aggregate.Snapshot;
import org.wormsign.aggregate.SnapshotFile;
import org.wormsign.aggregate.StateFolder;
import org.wormsign.aggregate.TextBudget;
import org.wormsign.report.ReportModel;
import org.wormsign.report.StoredHosts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Writes the outputs of snapshots saved by 'wormsign analyze --save', without the logs.",
            "Several snapshots (say one per server, each analysed on its own machine) are merged into one report."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "1:done, but some input of the runs could not be read completely",
            "2:usage error, or a snapshot missing or not readable", "3:with --fail-on-detection, Code Red was found",
            "70:internal error", "74:the outputs could not be written"})
final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SNAPSHOT", description = "Snapshots to render, merged when there are several.", arity = "0..*")
    List<Path> snapshots = new ArrayList<>();

    @Option(names = "--state", paramLabel = "DIR", description = "Render the state 'wormsign analyze --state DIR' keeps, instead of snapshots.")
    Path state;

    @Option(names = "--wait", description = "With --state: wait while another run uses the state, instead of exiting with status 2.")
    boolean waitForState;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("reports");

    @Option(names = "--gap-hours", paramLabel = "H", description = "A target's silence this long is reported, if it usually logs more often (default: ${DEFAULT-VALUE}).")
    double gapHours = 6;

    @Option(names = "--threads", paramLabel = "N", description = "Threads writing the outputs (default: all cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--fail-on-detection", description = "Exit with status 3 when any Code Red source is found, or Code Red in a line that could not be read.")
    boolean failOnDetection;

    @Option(names = "--debug", description = "Show stack traces of internal errors.")
    boolean debug;

    @Override public Integer call() {
        if (threads < 1) throw new UsageException("--threads must be at least 1");
        if (!(gapHours > 0)) throw new UsageException("--gap-hours must be more than 0");
        if ((state == null) == snapshots.isEmpty()) throw new UsageException("give either snapshots or --state DIR");
        if (waitForState && state == null) throw new UsageException("--wait is for --state");
        AnalyzeCommand.checkOutputFolder(out);
        ReportModel model;
        TextBudget budget = new TextBudget(TextBudget.DEFAULT_BYTES);
        // Evidence text past the budget is spilled while the snapshots are read; the spill goes once the outputs are written.
        StoredHosts.Read stored = null;
        try (var spill = budget.spill()) {
            if (state != null) {
                stored = ofState(budget);
                model = stored.model();
            } else {
                List<Snapshot> parts = new ArrayList<>();
                for (Path p : snapshots) parts.add(read(p, budget));
                Snapshot all;
                try {
                    all = parts.size() == 1 ? parts.get(0) : Snapshot.merge(parts);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
                model = ReportModel.of(all, Version.get(), Math.round(gapHours * 3600));
            }
            if (!OutputsWritten.write(model, out, threads, spec.commandLine().getErr())) return ExitStatus.OUTPUT;
        } finally {
            closeQuietly(stored);
        }
        OutputsWritten.tell(model, out, spec.commandLine().getOut(), spec.commandLine().getErr());
        return OutputsWritten.status(model, !model.errors().isEmpty(), failOnDetection);
    }

    /** Closes the copy of a state's sources made for its outputs (a temporary file, unlinked already). */
    static void closeQuietly(StoredHosts.Read stored) {
        if (stored == null) return;
        try {
            stored.close();
        } catch (IOException ignored) {
            // Its file was unlinked when opened: closing it frees the space, and nothing else can go wrong with it.
        }
    }

    /** The model of the state, every input of it absorbed by an earlier run, its sources not held but read back from a copy. */
    private StoredHosts.Read ofState(TextBudget budget) {
        // Rendering makes no state: a mistyped folder is said, not rendered empty.
        if (!java.nio.file.Files.isRegularFile(state.resolve("manifest.json"))) throw new UsageException("state " + state + " is not a wormsign state (no manifest.json)");
        try (StateFolder st = StateCommands.open(state, waitForState, spec.commandLine().getErr())) {
            StoredHosts.Read read = StoredHosts.model(st, budget, Version.get(), Math.round(gapHours * 3600));
            return new StoredHosts.Read(read.model().ofState(i -> "already", st.warnings()), read.hosts());
        } catch (StateFolder.Refused e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("state " + state + " cannot be read: " + AnalyzeCommand.describe(e));
        }
    }

    /** A snapshot, or a usage error in one line saying which file and why not. */
    private static Snapshot read(Path p, TextBudget budget) {
        try {
            return SnapshotFile.read(p, budget);
        } catch (SnapshotFile.Unreadable e) {
            throw new UsageException(p + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UsageException(p + ": cannot be read: " + AnalyzeCommand.describe(e));
        }
    }
}
