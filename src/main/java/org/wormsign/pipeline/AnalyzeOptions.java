package org.wormsign.pipeline;

import java.nio.file.Path;
import java.util.List;

import org.wormsign.aggregate.AttemptHook;
import org.wormsign.aggregate.TextBudget;
import org.wormsign.format.LogFormat;

/**
 * Everything one analysis run needs, fixed before any input is read.
 *
 * @param forcedFormat the format every input is read with, or null to sniff each input
 * @param threads inputs analyzed at once
 * @param maxLineBytes longer lines are rejected as {@code line-too-long}
 * @param zones the zone each input's local times are read in, for formats that log them without an offset (IIS
 *              native); null: {@link InputZones#NONE}, UTC with a warning
 * @param textBudget evidence text the run keeps in memory (shared by its threads; see {@link TextBudget})
 * @param attemptHooks makes the {@link AttemptHook} of each aggregator; null: {@link AttemptHook.Factory#NONE}
 */
public record AnalyzeOptions(List<String> paths, Path outDir, LogFormat forcedFormat, int threads, int maxLineBytes,
                             InputZones zones, List<String> arguments, TextBudget textBudget, AttemptHook.Factory attemptHooks) {
    public AnalyzeOptions(List<String> paths, Path outDir, LogFormat forcedFormat, int threads, int maxLineBytes,
                          InputZones zones, List<String> arguments, TextBudget textBudget) {
        this(paths, outDir, forcedFormat, threads, maxLineBytes, zones, arguments, textBudget, AttemptHook.Factory.NONE);
    }

    public AnalyzeOptions(List<String> paths, Path outDir, LogFormat forcedFormat, int threads, int maxLineBytes,
                          InputZones zones, List<String> arguments) {
        this(paths, outDir, forcedFormat, threads, maxLineBytes, zones, arguments, new TextBudget(TextBudget.DEFAULT_BYTES));
    }

    public AnalyzeOptions {
        paths = List.copyOf(paths);
        arguments = List.copyOf(arguments);
        if (zones == null) zones = InputZones.NONE;
        if (attemptHooks == null) attemptHooks = AttemptHook.Factory.NONE;
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
    }

    /** The same options, each aggregator's attempts shown to a hook of {@code factory}. */
    public AnalyzeOptions withAttemptHooks(AttemptHook.Factory factory) {
        return new AnalyzeOptions(paths, outDir, forcedFormat, threads, maxLineBytes, zones, arguments, textBudget, factory);
    }
}
