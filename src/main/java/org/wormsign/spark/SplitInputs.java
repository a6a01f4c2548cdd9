package org.wormsign.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.wormsign.aggregate.Snapshot;
import org.wormsign.format.ChunkDirectives;
import org.wormsign.input.BytesAt;
import org.wormsign.pipeline.AnalyzeOptions;
import org.wormsign.pipeline.ChunkedScan;

/**
 * The driver's side of large plain files read in line-aligned ranges, a task each: which inputs are cut and where
 * ({@link ChunkedScan#plan}, as analyze cuts a file among its threads: the same format decision, the same
 * boundaries, the same directives of the head for every range but the first), the ranges read again because the
 * directives in force at their start were others ({@code #Fields} changed mid-file), and each input's ranges joined
 * into the input as analyze joins its chunks: lines numbered on, counts summed, the identity the hash task's.
 *
 * <p>Each range has a place of its own among the job's parts, after the places of the parts before it, so that the
 * tasks' snapshots join as one run's ({@link Snapshot#ofParts}); {@link #join} then makes each input's ranges one
 * input at its first range's place ({@link Snapshot#withRangesJoined}).
 */
final class SplitInputs {
    /**
     * The Spark setting that says from what size a plain file is cut (spark-submit's {@code --conf}, a session's
     * runtime setting, or {@code -Dspark.wormsign.split.bytes=} for {@code ./wormsign spark}): at least this big, into
     * ranges of at least half of it. Its default is analyze's: files from 64 MiB, in chunks of at least 32 MiB.
     */
    static final String SPLIT_BYTES = "spark.wormsign.split.bytes";
    static final long DEFAULT_SPLIT_BYTES = 2 * 32L << 20;

    /** One cut input: its whole part (read so if a range or the hash fails), its plan, and what came back. */
    private static final class Split {
        final InputPart whole;
        final ChunkedScan.Plan plan;
        final long size;
        final ChunkDirectives.Chunk[] directives;
        PartScan.Part hash;
        boolean readWhole;

        Split(InputPart whole, ChunkedScan.Plan plan, long size) {
            this.whole = whole;
            this.plan = plan;
            this.size = size;
            this.directives = new ChunkDirectives.Chunk[plan.chunks()];
        }

        InputPart range(int k, ChunkDirectives.InForce primed) {
            long[] b = plan.bounds();
            return whole.slice(whole.place() + k, new InputPart.Slice(k, b[k], b[k + 1], plan.formatName(), primed));
        }
    }

    private final long minRange;
    private final AnalyzeOptions options;
    /** By the place of each cut input's first range. */
    private final Map<Integer, Split> splits = new HashMap<>();
    /** The place of each range after an input's first → the place of its first. */
    private final Map<Integer, Integer> later = new HashMap<>();
    /** Lines of each cut input's ranges placed so far ({@link #linesBefore}). */
    private final Map<Integer, Long> linesSoFar = new HashMap<>();

    /** @param splitBytes files at least this big are cut, into ranges of at least half of it */
    SplitInputs(long splitBytes, AnalyzeOptions options) {
        if (splitBytes < 2) throw new org.wormsign.cli.UsageException(SPLIT_BYTES + " must be at least 2 bytes, not " + splitBytes);
        this.minRange = splitBytes / 2;
        this.options = options;
    }

    /**
     * Adds the tasks of {@code whole}, an input of {@code size} bytes (-1: unknown) at its place: its ranges and its
     * hash if it is cut, else itself. Returns the place of the next input's first part.
     */
    int add(InputPart whole, long size, Configuration conf, List<InputPart> parts) {
        ChunkedScan.Plan plan = size >= 2 * minRange ? plan(whole, size, conf) : null;
        if (plan == null || plan.chunks() < 2) {
            parts.add(whole);
            return whole.place() + 1;
        }
        Split s = new Split(whole, plan, size);
        int head = whole.place();
        splits.put(head, s);
        // The hash first: it reads the whole file, so it is the input's longest task, and tasks start in this order.
        parts.add(whole.slice(head, new InputPart.Slice(InputPart.Slice.HASH, 0, size, plan.formatName(), null)));
        for (int k = 0; k < plan.chunks(); k++) {
            parts.add(s.range(k, plan.primed(k)));
            if (k > 0) later.put(head + k, head);
        }
        return head + plan.chunks();
    }

    /** As analyze plans its chunks, here on the driver; null where analyze would read the file in one pass. */
    private ChunkedScan.Plan plan(InputPart whole, long size, Configuration conf) {
        try (BytesAt file = whole.bytes(conf)) {
            return ChunkedScan.plan((long) whole.place() << 32, whole.name(), whole.explicit(), file, size, options, Integer.MAX_VALUE, minRange);
        } catch (IOException | RuntimeException e) {
            // Read whole, which says where and why a read stops (analyze too reads it sequentially then).
            return null;
        }
    }

    /**
     * Takes a job's results: the snapshots of whole inputs and ranges into {@code read} (by place), the hashes kept.
     * Returns what must be read next: each range whose directives in force at its start were not those it was begun
     * with, again with those (as analyze reads such a chunk again), and each cut input whose range or hash failed,
     * whole (as analyze reads it sequentially then). Empty: all is read.
     */
    List<InputPart> take(List<PartScan.Part> results, Map<Integer, PartScan.Part> read) {
        List<Split> touched = new ArrayList<>();
        for (PartScan.Part p : results) {
            Integer head = splits.containsKey(p.place()) ? Integer.valueOf(p.place()) : later.get(p.place());
            Split s = head == null ? null : splits.get(head);
            if (s == null || s.readWhole) {
                read.put(p.place(), p);
                continue;
            }
            if (!touched.contains(s)) touched.add(s);
            if (p.hash()) s.hash = p;
            else {
                read.put(p.place(), p);
                if (p.failed() == null) s.directives[p.place() - head] = p.directives();
            }
        }
        List<InputPart> next = new ArrayList<>();
        for (Split s : touched) {
            int head = s.whole.place();
            boolean failed = s.hash.failed() != null;
            for (int k = 0; k < s.plan.chunks(); k++) failed |= read.get(head + k).failed() != null;
            if (failed) {
                for (int k = 0; k < s.plan.chunks(); k++) read.remove(head + k);
                s.readWhole = true;
                next.add(s.whole);
                continue;
            }
            ChunkDirectives.InForce inForce = s.plan.directives().none();
            for (int k = 0; k < s.plan.chunks(); k++) {
                if (!s.directives[k].readAsIfPrimedWith(inForce)) next.add(s.range(k, inForce));
                // What a range leaves in force does not depend on what it began with: its own directives, or those before.
                inForce = s.directives[k].leaves(inForce);
            }
        }
        return next;
    }

    /**
     * The lines before the part at {@code place} of its input ({@code lines}: its own): 0 for a whole input or a first
     * range, else those of the ranges before it. Asked of every part once, in place order.
     */
    long linesBefore(int place, long lines) {
        Integer head = splits.containsKey(place) ? Integer.valueOf(place) : later.get(place);
        if (head == null || splits.get(head).readWhole) return 0;
        long before = linesSoFar.getOrDefault(head, 0L);
        linesSoFar.put(head, before + lines);
        return before;
    }

    /**
     * The job's snapshot, with places for every range ({@link Snapshot#ofParts}), as the run's: each cut input's
     * ranges made the one input, as analyze's chunked read gives it: the counts summed, the zone the last one a range
     * read its times in, the client field the first a range's records named (else the format's own), the SHA-256 and
     * size the hash task's, and what it said of the file's size among the errors. {@code ofParts} is spent.
     */
    Snapshot join(Snapshot ofParts) {
        return ofParts.withRangesJoined(later, (first, rest) -> {
            Split s = splits.get((int) (first.index() >>> 32));
            Snapshot.Input all = first;
            String zone = first.zone(), clientField = first.clientField();
            for (Snapshot.Input r : rest) {
                all = all.followedBy(r);
                if (r.zone() != null) zone = r.zone();
                if (clientField == null) clientField = r.clientField();
            }
            if (clientField == null) clientField = s.plan.format().clientField();
            List<String> errors = new ArrayList<>(all.errors());
            errors.addAll(s.hash.errors());
            String localAsUtc = options.zones().localTimesAsUtc(first.path(), zone == null ? null : java.time.ZoneId.of(zone));
            return all.identified(s.hash.sha256(), s.size, zone, clientField, localAsUtc, errors);
        });
    }
}
