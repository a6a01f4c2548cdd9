package org.wormsign.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.wormsign.aggregate.StateFolder;
import org.wormsign.aggregate.TextBudget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Merges states kept by 'wormsign analyze --state' on other machines (one per POP, one per server farm) into the state DIR.",
            "An input absorbed by both counts once; a state whose inputs DIR holds already adds nothing. 'wormsign report --state DIR' renders the result."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "2:usage error, a state in use, or one that shares only some of its inputs with DIR (nothing of it merged)",
            "70:internal error"})
final class MergeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--state", paramLabel = "DIR", required = true, description = "The state merged into (made if missing).")
    Path state;

    @Parameters(paramLabel = "OTHER_STATE", arity = "1..*", description = "States merged into DIR, one after the other (each committed on its own).")
    List<Path> others = new ArrayList<>();

    @Option(names = "--wait", description = "Wait while another run uses a state, instead of exiting with status 2.")
    boolean waitForState;

    @Option(names = "--debug", description = "Show stack traces of internal errors.")
    boolean debug;

    @Override public Integer call() {
        for (Path o : others) {
            if (o.toAbsolutePath().normalize().equals(state.toAbsolutePath().normalize())) throw new UsageException("state " + o + " is DIR itself");
            if (!java.nio.file.Files.isRegularFile(o.resolve("manifest.json"))) throw new UsageException("state " + o + " is not a wormsign state (no manifest.json)");
        }
        try (StateFolder into = StateCommands.open(state, waitForState, spec.commandLine().getErr())) {
            for (Path o : others) {
                // The other state is locked too: a run absorbing into it while it is read would be read half-way.
                try (StateFolder other = StateCommands.open(o, waitForState, spec.commandLine().getErr())) {
                    TextBudget budget = new TextBudget(TextBudget.DEFAULT_BYTES);
                    try (var spill = budget.spill()) {
                        int added = into.merge(other, budget);
                        spec.commandLine().getErr().println(TerminalText.clean(added == 0
                                ? "wormsign: " + o + ": every input of it is in " + state + " already: nothing merged"
                                : "wormsign: " + o + ": " + added + " inputs merged into " + state + " (" + into.sources() + " sources now)"));
                    }
                }
            }
        } catch (StateFolder.Refused e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("the states could not be merged: " + AnalyzeCommand.describe(e));
        }
        return ExitStatus.OK;
    }
}
