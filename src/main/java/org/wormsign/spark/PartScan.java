package org.wormsign.spark;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.wormsign.aggregate.Aggregate;
import org.wormsign.aggregate.SnapshotFile;
import org.wormsign.format.ChunkDirectives;
import org.wormsign.input.BytesAt;
import org.wormsign.input.FileDigest;
import org.wormsign.input.IoErrors;
import org.wormsign.input.InputFinder;
import org.wormsign.pipeline.AnalyzeOptions;
import org.wormsign.pipeline.Analyzer;
import org.wormsign.pipeline.ChunkedScan;
import org.wormsign.pipeline.LineOptions;
import org.wormsign.pipeline.Progress;
import org.wormsign.pipeline.RunResult;
import org.wormsign.isp.Attribution;
import org.wormsign.isp.IspHook;

/**
 * A task, on an executor: reads one input as {@code analyze} reads it (the same scan, with the line options
 * compiled here from their text) and returns the snapshot of what it found, standing alone: its evidence text
 * travels in it, bounded per source as in any snapshot. A task given a range of a large plain file reads it as
 * analyze reads a chunk of it ({@link ChunkedScan#readRange}), its lines numbered from the range's first; one more
 * task hashes that file. In ISP mode its attempts are attributed as analyze attributes them, and the findings
 * travel beside the snapshot.
 */
final class PartScan implements Function<InputPart, PartScan.Part> {
    private static final long serialVersionUID = 1L;

    /**
     * What a task returns: its snapshot's bytes, and in ISP mode its merged hook's findings (else null); for a range,
     * also what its format's directives made of its reading; for a hash, the SHA-256 and what is said of the file's
     * size ({@code hash}). {@code failed}: why a range or a hash could not be made (the driver then has the input read
     * whole).
     */
    record Part(int place, byte[] snapshot, IspHook isp, ChunkDirectives.Chunk directives, boolean hash, String sha256, List<String> errors,
                String failed) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        static Part failed(int place, boolean hash, String why) {
            return new Part(place, null, null, null, hash, null, List.of(), why);
        }
    }

    private final LineOptions lines;
    /**
     * ISP mode's attribution tables, loaded once by the driver and broadcast: deserialized once per executor JVM, so the
     * executors need no access to the customer files; null: not ISP mode.
     */
    private final Broadcast<Attribution> customers;
    private final List<String> arguments;
    private final Broadcast<SerializableConfiguration> hadoop;

    PartScan(LineOptions lines, Broadcast<Attribution> customers, List<String> arguments, Broadcast<SerializableConfiguration> hadoop) {
        this.lines = lines;
        this.customers = customers;
        this.arguments = List.copyOf(arguments);
        this.hadoop = hadoop;
    }

    @Override public Part call(InputPart part) throws Exception {
        Configuration conf = hadoop.value().value();
        if (part.slice() != null && part.slice().range() == InputPart.Slice.HASH) return hash(part, conf);
        // One thread: a task has one core of the executor's (spark.task.cpus); the cluster runs the others.
        AnalyzeOptions options = new AnalyzeOptions(List.of(part.name()), null, lines.compileFormat(), 1, lines.maxLineBytes(),
                lines.zones(), arguments);
        if (customers != null) options = options.withAttemptHooks(IspHook.factory(customers.value()));
        // The spill of evidence text past the task's budget lives until the snapshot's bytes are made.
        try (var spill = options.textBudget().spill()) {
            RunResult run;
            ChunkDirectives.Chunk directives = null;
            if (part.slice() == null) {
                InputFinder.Found one = new InputFinder.Found(List.of(part.open(conf)), List.of());
                run = Analyzer.run(options, one, Progress.NONE, part.place());
            } else {
                InputPart.Slice range = part.slice();
                Instant started = Instant.now();
                ChunkedScan.Range read;
                try (BytesAt file = part.bytes(conf)) {
                    read = ChunkedScan.readRange((long) part.place() << 32, part.name(), file, range.from(), range.to(), range.formatName(),
                            options, range.primed(), part.textStaysInFile());
                } catch (IOException | RuntimeException e) {
                    return Part.failed(part.place(), false, "range " + range.from() + "-" + range.to() + ": " + IoErrors.describe(e));
                }
                directives = read.directives();
                // One input's result merged into the run's aggregate, as Analyzer merges them.
                Aggregate merged = new Aggregate();
                merged.merge(read.result().aggregate());
                run = new RunResult(options, started, Instant.now(), List.of(read.result()), List.of(), merged);
            }
            // Taken before the snapshot takes the merged aggregate over.
            IspHook isp = run.merged().attemptHook() instanceof IspHook h ? h : null;
            return new Part(part.place(), SnapshotFile.bytes(run.snapshot().standAlone()), isp, directives, false, null, List.of(), null);
        }
    }

    /**
     * The SHA-256 of a split input's bytes as the driver planned them, and whether it grew or shrank meanwhile: its
     * own task, beside the ranges', as analyze hashes on a thread beside its chunks' (the first range's task hashing
     * the whole file would make that task as long as reading the whole file).
     */
    private static Part hash(InputPart part, Configuration conf) {
        long size = part.slice().to();
        try (BytesAt file = part.bytes(conf)) {
            String sha = FileDigest.sha256(file, size);
            return new Part(part.place(), null, null, null, true, sha, ChunkedScan.sizeChange(size, part.sizeNow(conf), part.end() >= 0), null);
        } catch (IOException | RuntimeException e) {
            return Part.failed(part.place(), true, "hash: " + IoErrors.describe(e));
        }
    }
}
