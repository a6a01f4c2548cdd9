package org.wormsign.pipeline;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import org.wormsign.aggregate.TextBudget;
import org.wormsign.format.LogFormat;

/**
 * Everything one analysis run needs, fixed before any input is read.
 *
 * @param forcedFormat the format every input is read with, or null to sniff each input
 * @param threads inputs analyzed at once
 * @param maxLineBytes longer lines are rejected as {@code line-too-long}
 * @param zone the zone of formats that log local time without an offset (IIS native); null: UTC, with a warning
 * @param textBudget evidence text the run keeps in memory (shared by its threads; see {@link TextBudget})
 */
public record AnalyzeOptions(List<String> paths, Path outDir, LogFormat forcedFormat, int threads, int maxLineBytes,
                             ZoneId zone, List<String> arguments, TextBudget textBudget) {
    public AnalyzeOptions(List<String> paths, Path outDir, LogFormat forcedFormat, int threads, int maxLineBytes,
                          ZoneId zone, List<String> arguments) {
        this(paths, outDir, forcedFormat, threads, maxLineBytes, zone, arguments, new TextBudget(TextBudget.DEFAULT_BYTES));
    }

    public AnalyzeOptions {
        paths = List.copyOf(paths);
        arguments = List.copyOf(arguments);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
    }
}
