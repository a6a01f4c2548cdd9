package org.wormsign.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.wormsign.aggregate.Aggregate;
import org.wormsign.input.Input;
import org.wormsign.input.InputError;
import org.wormsign.input.InputFinder;

/**
 * Runs every input through {@link InputScan}, several at once, and merges their aggregates in input order
 * (an archive's members in archive order, where the archive is).
 */
public final class Analyzer {
    private Analyzer() {}

    /** This machine's threads, reading the inputs as {@link #run(AnalyzeOptions, InputFinder.Found, Progress)} does. */
    public static final Engine LOCAL = new Engine() {
        @Override public String name() { return "cli"; }

        @Override public InputFinder.Found find(List<String> paths) { return InputFinder.find(paths); }

        @Override public Scan scan(AnalyzeOptions options, LineOptions lines, org.wormsign.isp.Attribution attribution,
                                   InputFinder.Found found, Progress progress) {
            RunResult run = run(options, found, progress);
            // Taken before the snapshot takes the merged aggregate over.
            org.wormsign.aggregate.AttemptHook hook = run.merged().attemptHook();
            return new Scan(run.snapshot(), hook);
        }
    };

    public static RunResult run(AnalyzeOptions options) {
        return run(options, InputFinder.find(options.paths()), Progress.NONE);
    }

    public static RunResult run(AnalyzeOptions options, InputFinder.Found found) {
        return run(options, found, Progress.NONE);
    }

    /** Runs over inputs already found (or made, as tests do), telling {@code progress} the bytes read. */
    public static RunResult run(AnalyzeOptions options, InputFinder.Found found, Progress progress) {
        return run(options, found, progress, 0);
    }

    /**
     * As above, the inputs at places from {@code firstPlace} on: a Spark task reads the input at its place among
     * the job's, so that its results carry the indexes one run over all of them gives.
     */
    public static RunResult run(AnalyzeOptions options, InputFinder.Found found, Progress progress, int firstPlace) {
        Instant started = Instant.now();
        List<Input> inputs = found.inputs();
        long total = 0;
        for (Input in : inputs) {
            try {
                long size = in.size();
                total = size < 0 || total < 0 ? -1 : total + size;
            } catch (java.io.IOException e) {
                // Reported when the scan opens it; progress just has no total then.
                total = -1;
            }
        }
        progress.start(total);
        List<InputResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.threads(), inputs.size())), r -> {
            Thread t = new Thread(r, "wormsign-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<InputResult>>> futures = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                Input input = inputs.get(i);
                int place = firstPlace + i;
                futures.add(pool.submit(() -> InputScan.scan(place, input, options, progress)));
            }
            for (Future<List<InputResult>> f : futures) results.addAll(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("an input scan failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            progress.finish();
        }
        Aggregate merged = new Aggregate();
        for (InputResult r : results) if (!r.ignored()) merged.merge(r.aggregate());
        List<InputError> walkErrors = found.errors();
        return new RunResult(options, started, Instant.now(), results, walkErrors, merged);
    }
}
