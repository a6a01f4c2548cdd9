package org.wormsign.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.wormsign.aggregate.StateFolder;

/** Opening a state for a command: what keeps it from being used is a usage error in one line (exit status 2). */
final class StateCommands {
    private StateCommands() {}

    /** The state in {@code dir}; with {@code wait}, one line on {@code err} says when it waits for another run. */
    static StateFolder open(Path dir, boolean wait, java.io.PrintWriter err) {
        try {
            return StateFolder.open(dir, wait, () -> {
                err.println("wormsign: state " + TerminalText.clean(dir.toString()) + " is in use by another wormsign run: waiting for it (--wait)");
                err.flush();
            });
        } catch (StateFolder.Refused e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("state " + dir + " cannot be used: " + AnalyzeCommand.describe(e));
        }
    }
}
