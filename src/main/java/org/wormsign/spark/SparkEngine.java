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
import java.util.function.Supplier;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.wormsign.aggregate.AttemptHook;
import org.wormsign.aggregate.Snapshot;
import org.wormsign.isp.CustomerSources;
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
 * The inputs read by a Spark job: one task per input ({@link PartScan}), each returning its part's snapshot; the
 * driver joins them as the one run's snapshot ({@link Snapshot#ofParts}), which the command then renders as
 * {@code analyze} renders its own. Paths with a scheme ({@code hdfs://}, {@code s3a://}, {@code file://}) are
 * listed and read through Hadoop's file systems; plain paths as {@code analyze} finds them.
 */
final class SparkEngine implements Engine {
    /** What the job runs in: made on first use, so that a usage error or --help starts no Spark. */
    private final Supplier<SparkSession> session;
    /** Where each input found through Hadoop is. */
    private final Map<Input, String> hadoopLocations = new IdentityHashMap<>();

    SparkEngine(Supplier<SparkSession> session) {
        this.session = session;
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
                add(arg, status.getPath().toString(), true, conf, inputs);
                return;
            }
            String base = status.getPath().toUri().getPath();
            List<String[]> files = new ArrayList<>();   // {path inside the folder, location}
            for (RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true); it.hasNext(); ) {
                LocatedFileStatus f = it.next();
                String inside = f.getPath().toUri().getPath().substring(base.length()).replaceFirst("^/", "");
                files.add(new String[] {inside, f.getPath().toString()});
            }
            files.sort(Comparator.comparing((String[] f) -> f[0].getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
            for (String[] f : files) add(arg.endsWith("/") ? arg + f[0] : arg + "/" + f[0], f[1], false, conf, inputs);
        } catch (java.io.FileNotFoundException e) {
            errors.add(new InputError(arg, "no such file or folder"));
        } catch (IOException | IllegalArgumentException e) {
            errors.add(new InputError(arg, "cannot be listed: " + IoErrors.describe(e)));
        }
    }

    private void add(String name, String location, boolean explicit, Configuration conf, List<Input> inputs) {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
        Input in = Input.of(name, () -> p.getFileSystem(conf).open(p), explicit);
        hadoopLocations.put(in, location);
        inputs.add(in);
    }

    @Override public Scan scan(AnalyzeOptions options, LineOptions lines, CustomerSources customers, InputFinder.Found found, Progress progress) {
        Instant started = Instant.now();
        List<InputPart> parts = new ArrayList<>();
        for (Input in : found.inputs()) {
            int place = parts.size();
            String hadoop = hadoopLocations.get(in);
            if (hadoop != null) parts.add(new InputPart(place, in.name(), hadoop, true, in.explicit()));
            else if (in.path() != null) parts.add(new InputPart(place, in.name(), in.path().toString(), false, in.explicit()));
            else throw new IllegalArgumentException(in.name() + " is not a file: the Spark job reads files");
        }
        List<PartScan.Part> read = List.of();
        if (!parts.isEmpty()) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.get().sparkContext());
            Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
            // As many slices as inputs: one task each, however the cluster places them.
            read = jsc.parallelize(parts, parts.size()).map(new PartScan(lines, customers, options.arguments(), conf)).collect();
        }
        Instant finished = Instant.now();
        List<Snapshot> snapshots = new ArrayList<>();
        // ISP mode's findings, merged in input order as analyze merges its inputs' hooks.
        AttemptHook hook = AttemptHook.NONE;
        List<PartScan.Part> inOrder = new ArrayList<>(read);
        inOrder.sort(Comparator.comparingInt(PartScan.Part::place));
        try {
            for (PartScan.Part part : inOrder) {
                snapshots.add(SnapshotFile.read(part.snapshot(), options.textBudget()));
                if (part.isp() != null) hook = hook.merge(part.isp());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a task's snapshot could not be read: " + e.getMessage(), e);
        }
        // As the run's own snapshot says it (RunResult): the logs that the --tz rules were matched against.
        List<String> logs = snapshots.stream().flatMap(s -> s.inputs().stream())
                .sorted(Comparator.comparingLong(Snapshot.Input::index))
                .filter(i -> !i.ignored() && !"archive".equals(i.format())).map(Snapshot.Input::path).toList();
        Snapshot.Run run = new Snapshot.Run(options.arguments(), started, finished, 0, parts.size(),
                found.errors().stream().map(InputError::toString).toList(), options.zones().unusedRules(logs));
        return new Scan(Snapshot.ofParts(run, snapshots, options.textBudget().spill()), hook);
    }
}
