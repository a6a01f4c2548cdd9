package org.wormsign.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.wormsign.aggregate.StateFolder;

/** Opening a state for a command: what keeps it from being used is a usage error in one line (exit status 2). */
final class StateCommands {
    private StateCommands() {}

    static StateFolder open(Path dir, boolean wait) {
        try {
            return StateFolder.open(dir, wait);
        } catch (StateFolder.Refused e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("state " + dir + " cannot be used: " + AnalyzeCommand.describe(e));
        }
    }
}
