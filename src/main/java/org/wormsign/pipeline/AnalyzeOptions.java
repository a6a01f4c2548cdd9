package org.wormsign.pipeline;

import java.nio.file.Path;
import java.util.List;

import org.wormsign.format.LinePlan;

/**
 * Everything one analysis run needs, fixed before any input is read.
 *
 * @param forcedPlan the format every input is read with, or null to sniff each input
 * @param threads inputs analyzed at once
 * @param maxLineBytes longer lines are rejected as {@code line-too-long}
 */
public record AnalyzeOptions(List<String> paths, Path outDir, LinePlan forcedPlan, int threads, int maxLineBytes,
                             List<String> arguments) {
    public AnalyzeOptions {
        paths = List.copyOf(paths);
        arguments = List.copyOf(arguments);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
    }
}
