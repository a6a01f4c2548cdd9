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
import org.wormsign.pipeline.RunResult;
import org.wormsign.isp.Attribution;
import org.wormsign.isp.CustomerData;
import org.wormsign.isp.CustomerSources;
import org.wormsign.isp.IspHook;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A task, on an executor: reads one input as {@code analyze} reads it (the same scan, with the line options
 * compiled here from their text) and returns the snapshot of what it found, standing alone: its evidence text
 * travels in it, bounded per source as in any snapshot. In ISP mode its attempts are attributed as analyze
 * attributes them, and the findings travel beside the snapshot.
 */
final class PartScan implements Function<InputPart, PartScan.Part> {
    private static final long serialVersionUID = 1L;

    /** What a task returns: its snapshot's bytes, and in ISP mode its merged hook's findings (else null). */
    record Part(int place, byte[] snapshot, IspHook isp) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The customer data each executor loaded, once per executor JVM and sources (a lease history is read in
     * seconds, and a job has many tasks).
     */
    private static final Map<CustomerSources, Attribution> LOADED = new ConcurrentHashMap<>();

    private final LineOptions lines;
    private final CustomerSources customers;
    private final List<String> arguments;
    private final Broadcast<SerializableConfiguration> hadoop;

    PartScan(LineOptions lines, CustomerSources customers, List<String> arguments, Broadcast<SerializableConfiguration> hadoop) {
        this.lines = lines;
        this.customers = customers;
        this.arguments = List.copyOf(arguments);
        this.hadoop = hadoop;
    }

    @Override public Part call(InputPart part) throws Exception {
        // One thread: a task has one core of the executor's (spark.task.cpus); the cluster runs the others.
        AnalyzeOptions options = new AnalyzeOptions(List.of(part.name()), null, lines.compileFormat(), 1, lines.maxLineBytes(),
                lines.zones(), arguments);
        if (customers != null) options = options.withAttemptHooks(IspHook.factory(attribution(customers)));
        InputFinder.Found one = new InputFinder.Found(List.of(part.open(hadoop.value().value())), List.of());
        // The spill of evidence text past the task's budget lives until the snapshot's bytes are made.
        try (var spill = options.textBudget().spill()) {
            RunResult run = Analyzer.run(options, one, Progress.NONE, part.place());
            // Taken before the snapshot takes the merged aggregate over.
            IspHook isp = run.merged().attemptHook() instanceof IspHook h ? h : null;
            return new Part(part.place(), SnapshotFile.bytes(run.snapshot().standAlone()), isp);
        }
    }

    private static Attribution attribution(CustomerSources sources) throws CustomerData.LoadException {
        Attribution loaded = LOADED.get(sources);
        if (loaded != null) return loaded;
        // Two tasks at once may both load it; either result is the same.
        loaded = sources.load();
        Attribution first = LOADED.putIfAbsent(sources, loaded);
        return first != null ? first : loaded;
    }
}
