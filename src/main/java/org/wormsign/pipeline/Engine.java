package org.wormsign.pipeline;

import java.util.List;

import org.wormsign.aggregate.AttemptHook;
import org.wormsign.aggregate.Snapshot;
import org.wormsign.input.InputFinder;
import org.wormsign.isp.Attribution;

/**
 * What reads a run's inputs into the run's snapshot: this machine's threads ({@link Analyzer#LOCAL}), or a
 * Spark job's tasks (org.wormsign.spark). Everything before (the options) and after (the state, the outputs)
 * is the same code whichever reads.
 */
public interface Engine {
    /** As summary.json's {@code engine} names it. */
    String name();

    /** The inputs {@code paths} name, as this engine finds them. */
    InputFinder.Found find(List<String> paths);

    /**
     * Reads {@code found} as one run of {@code options} (whose line options {@code lines} spells; in ISP mode,
     * {@code attribution} is the customer data loaded, which its attempt hooks were made with, else it is null).
     * {@code progress} hears of the bytes read where the engine can tell.
     */
    Scan scan(AnalyzeOptions options, LineOptions lines, Attribution attribution, InputFinder.Found found, Progress progress);

    /**
     * The run's snapshot, and the attempt hook of its merged aggregate (ISP mode's findings).
     */
    record Scan(Snapshot snapshot, AttemptHook hook) {}
}
