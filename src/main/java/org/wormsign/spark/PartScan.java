package org.wormsign.spark;

import java.util.List;

import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.wormsign.aggregate.SnapshotFile;
import org.wormsign.input.InputFinder;
import org.wormsign.pipeline.AnalyzeOptions;
import org.wormsign.pipeline.Analyzer;
import org.wormsign.pipeline.LineOptions;
import org.wormsign.pipeline.Progress;

/**
 * A task, on an executor: reads one input as {@code analyze} reads it (the same scan, with the line options
 * compiled here from their text) and returns the snapshot of what it found, standing alone: its evidence text
 * travels in it, bounded per source as in any snapshot.
 */
final class PartScan implements Function<InputPart, byte[]> {
    private static final long serialVersionUID = 1L;

    private final LineOptions lines;
    private final List<String> arguments;
    private final Broadcast<SerializableConfiguration> hadoop;

    PartScan(LineOptions lines, List<String> arguments, Broadcast<SerializableConfiguration> hadoop) {
        this.lines = lines;
        this.arguments = List.copyOf(arguments);
        this.hadoop = hadoop;
    }

    @Override public byte[] call(InputPart part) throws Exception {
        // One thread: a task has one core of the executor's (spark.task.cpus); the cluster runs the others.
        AnalyzeOptions options = new AnalyzeOptions(List.of(part.name()), null, lines.compileFormat(), 1, lines.maxLineBytes(),
                lines.zones(), arguments);
        InputFinder.Found one = new InputFinder.Found(List.of(part.open(hadoop.value().value())), List.of());
        // The spill of evidence text past the task's budget lives until the snapshot's bytes are made.
        try (var spill = options.textBudget().spill()) {
            return SnapshotFile.bytes(Analyzer.run(options, one, Progress.NONE, part.place()).snapshot().standAlone());
        }
    }
}
