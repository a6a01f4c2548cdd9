package org.wormsign.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.nio.file.Files;
import java.util.function.Supplier;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.wormsign.aggregate.AttemptHook;
import org.wormsign.aggregate.Snapshot;
import org.wormsign.cli.TerminalText;
import org.wormsign.cli.UsageException;
import org.wormsign.isp.Attribution;
import org.wormsign.aggregate.SnapshotFile;
import org.wormsign.input.Input;
import org.wormsign.input.InputError;
import org.wormsign.input.InputFinder;
import org.wormsign.input.IoErrors;
import org.wormsign.pipeline.AnalyzeOptions;
import org.wormsign.pipeline.Engine;
import org.wormsign.pipeline.LineOptions;
import org.wormsign.pipeline.Progress;

/**
 * The inputs read by a Spark job: one task per input ({@link PartScan}), or per line-aligned range of a large plain
 * file ({@link SplitInputs}), each returning its part's snapshot; the driver joins them as the one run's snapshot
 * ({@link Snapshot#ofParts}, each file's ranges then made the one input), which the command then renders as
 * {@code analyze} renders its own. Paths with a scheme ({@code hdfs://}, {@code s3a://}, {@code file://}) are
 * listed and read through Hadoop's file systems; plain paths as {@code analyze} finds them.
 */
final class SparkEngine implements Engine {
    /** What the job runs in: made on first use, so that a usage error or --help starts no Spark. */
    private final Supplier<SparkSession> session;
    /** How a round of tasks is run. */
    private final Tasks tasks;
    /** Where each input found through Hadoop is, and its size when listed. */
    private final Map<Input, HadoopFile> hadoopFiles = new IdentityHashMap<>();

    private record HadoopFile(String location, long size) {}

    SparkEngine(Supplier<SparkSession> session) {
        this(session, Tasks.SPARK);
    }

    SparkEngine(Supplier<SparkSession> session, Tasks tasks) {
        this.session = session;
        this.tasks = tasks;
    }

    /** How a round of tasks is run, their results in any order: a Spark job (tests also fail some on purpose). */
    interface Tasks {
        List<PartScan.Part> run(JavaSparkContext jsc, List<InputPart> parts, PartScan scan);

        /** As many slices as tasks: one task each, however the cluster places them. */
        Tasks SPARK = (jsc, parts, scan) -> jsc.parallelize(parts, parts.size()).map(scan).collect();
    }

    @Override public String name() { return "spark"; }

    @Override public InputFinder.Found find(List<String> paths) {
        List<Input> inputs = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        for (String arg : paths) {
            if (Input.STDIN.equals(arg)) {
                errors.add(new InputError(arg, "standard input is not read by the Spark job (its tasks run apart from this process): give a file"));
            } else if (arg.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
                findThroughHadoop(arg, inputs, errors);
            } else {
                InputFinder.Found found = InputFinder.find(List.of(arg));
                inputs.addAll(found.inputs());
                errors.addAll(found.errors());
            }
        }
        return new InputFinder.Found(inputs, errors);
    }

    /** A file, or a folder's files (recursively, in the order analyze walks a folder), on a Hadoop file system. */
    private void findThroughHadoop(String arg, List<Input> inputs, List<InputError> errors) {
        Configuration conf = session.get().sparkContext().hadoopConfiguration();
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(arg);
        try {
            FileSystem fs = root.getFileSystem(conf);
            FileStatus status = fs.getFileStatus(root);
            if (!status.isDirectory()) {
                add(arg, status.getPath().toString(), status.getLen(), true, conf, inputs);
                return;
            }
            String base = status.getPath().toUri().getPath();
            record Listed(String inside, String location, long size) {}
            List<Listed> files = new ArrayList<>();
            for (RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true); it.hasNext(); ) {
                LocatedFileStatus f = it.next();
                String inside = f.getPath().toUri().getPath().substring(base.length()).replaceFirst("^/", "");
                files.add(new Listed(inside, f.getPath().toString(), f.getLen()));
            }
            files.sort(Comparator.comparing((Listed f) -> f.inside().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
            for (Listed f : files) add(arg.endsWith("/") ? arg + f.inside() : arg + "/" + f.inside(), f.location(), f.size(), false, conf, inputs);
        } catch (java.io.FileNotFoundException e) {
            errors.add(new InputError(arg, "no such file or folder"));
        } catch (IOException | IllegalArgumentException e) {
            errors.add(new InputError(arg, "cannot be listed: " + IoErrors.describe(e)));
        }
    }

    private void add(String name, String location, long size, boolean explicit, Configuration conf, List<Input> inputs) {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
        Input in = Input.of(name, () -> p.getFileSystem(conf).open(p), explicit);
        hadoopFiles.put(in, new HadoopFile(location, size));
        inputs.add(in);
    }

    @Override public Scan scan(AnalyzeOptions options, LineOptions lines, Attribution attribution, InputFinder.Found found, Progress progress) {
        Instant started = Instant.now();
        List<InputPart> parts = new ArrayList<>();
        List<Snapshot> snapshots = new ArrayList<>();
        // ISP mode's findings, merged in input order as analyze merges its inputs' hooks.
        AttemptHook hook = AttemptHook.NONE;
        int places = 0;
        if (!found.inputs().isEmpty()) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.get().sparkContext());
            SplitInputs split = new SplitInputs(splitBytes(), options);
            for (Input in : found.inputs()) {
                HadoopFile hadoop = hadoopFiles.get(in);
                if (hadoop != null) {
                    places = split.add(new InputPart(places, in.name(), hadoop.location(), true, in.explicit(), -1), hadoop.size(),
                            jsc.hadoopConfiguration(), parts);
                } else if (in.path() != null) {
                    InputPart whole = new InputPart(places, in.name(), in.path().toString(), false, in.explicit(), in.end());
                    places = split.add(whole, in.resume() == null && Files.isRegularFile(in.path()) ? size(in) : -1, jsc.hadoopConfiguration(), parts);
                } else {
                    throw new IllegalArgumentException(in.name() + " is not a file: the Spark job reads files");
                }
            }
            Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
            // ISP mode's tables, sent once to each executor rather than read there from the files the driver read.
            Broadcast<Attribution> customers = attribution == null ? null : jsc.broadcast(attribution);
            PartScan scan = new PartScan(lines, customers, options.arguments(), conf);
            Map<Integer, PartScan.Part> read = new TreeMap<>();
            // Ranges read again (their directives in force were others) and inputs read whole (a range failed) are a job after.
            try {
                for (List<InputPart> todo = parts; !todo.isEmpty(); ) todo = split.take(tasks.run(jsc, todo, scan), read);
            } finally {
                // The executors' copies of the tables (a lease history may be hundreds of MB) are of no use past the job.
                if (customers != null) customers.destroy();
            }
            try {
                for (PartScan.Part part : read.values()) {
                    Snapshot s = SnapshotFile.read(part.snapshot(), options.textBudget());
                    long before = split.linesBefore(part.place(), s.inputs().stream().mapToLong(Snapshot.Input::lines).sum());
                    snapshots.add(before == 0 ? s : s.linesAfter(before));
                    if (part.isp() != null) {
                        part.isp().shiftLines(before);
                        hook = hook.merge(part.isp());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("a task's snapshot could not be read: " + e.getMessage(), e);
            }
            Instant finished = Instant.now();
            Snapshot.Run run = run(options, found, started, finished, places, snapshots);
            return new Scan(split.join(Snapshot.ofParts(run, snapshots, options.textBudget().spill())), hook);
        }
        return new Scan(Snapshot.ofParts(run(options, found, started, Instant.now(), 0, snapshots), snapshots, options.textBudget().spill()), hook);
    }

    /** The run as its own snapshot says it (RunResult), over {@code places} places (a range's each). */
    private static Snapshot.Run run(AnalyzeOptions options, InputFinder.Found found, Instant started, Instant finished, int places,
                                    List<Snapshot> snapshots) {
        // The logs that the --tz rules were matched against.
        List<String> logs = snapshots.stream().flatMap(s -> s.inputs().stream())
                .sorted(Comparator.comparingLong(Snapshot.Input::index))
                .filter(i -> !i.ignored() && !"archive".equals(i.format())).map(Snapshot.Input::path).distinct().toList();
        return new Snapshot.Run(options.arguments(), started, finished, 0, places,
                found.errors().stream().map(InputError::toString).toList(), options.zones().unusedRules(logs));
    }

    /** A local file's size as it is read (up to its cut, {@link Input#upTo}); -1 if it cannot be told (it is then read whole). */
    private static long size(Input in) {
        try {
            return in.size();
        } catch (IOException e) {
            return -1;
        }
    }

    /** {@link SplitInputs#SPLIT_BYTES} as the session has it (spark-submit's --conf, or set on the session). */
    private long splitBytes() {
        String given = session.get().conf().get(SplitInputs.SPLIT_BYTES, String.valueOf(SplitInputs.DEFAULT_SPLIT_BYTES));
        try {
            return JavaUtils.byteStringAsBytes(given);
        } catch (NumberFormatException e) {
            throw new UsageException(SplitInputs.SPLIT_BYTES + " is a size (64m, 512k, 4096b), not " + TerminalText.clean(given));
        }
    }
}
