package org.wormsign.pipeline;

import java.time.Instant;
import java.util.List;

import org.wormsign.aggregate.Aggregate;
import org.wormsign.input.InputError;

/** The outcome of one analysis run, before any rendering. */
public record RunResult(AnalyzeOptions options, Instant started, Instant finished, List<InputResult> inputs,
                        List<InputError> walkErrors, Aggregate merged) {

    /** True when some input could not be read completely: the run's exit status is then 1. */
    public boolean incomplete() {
        return !walkErrors.isEmpty() || inputs.stream().anyMatch(r -> !r.errors().isEmpty());
    }
}
