package org.wormsign.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.wormsign.input.Input;
import org.wormsign.input.InputFinder;
import org.wormsign.pipeline.AnalyzeOptions;
import org.wormsign.pipeline.Analyzer;
import org.wormsign.pipeline.RunResult;
import org.wormsign.report.CsvOutputs;
import org.wormsign.report.ReportModel;

/** Runs the library pipeline the way the command does, for tests. */
public final class Runs {
    private Runs() {}

    public static AnalyzeOptions options(List<String> paths) {
        return new AnalyzeOptions(paths, Path.of("unused"), null, 2, 1 << 20, null, List.of("test"));
    }

    public static ReportModel analyze(Path... paths) {
        List<String> names = new ArrayList<>();
        for (Path p : paths) names.add(p.toString());
        return ReportModel.of(Analyzer.run(options(names)).snapshot(), "test");
    }

    /** The same run, but every input returns one byte per read. */
    public static ReportModel analyzeOneByteAtATime(Path... paths) {
        List<String> names = new ArrayList<>();
        for (Path p : paths) names.add(p.toString());
        InputFinder.Found found = InputFinder.find(names);
        List<Input> slow = new ArrayList<>();
        for (Input in : found.inputs()) {
            slow.add(Input.of(in.name(), () -> new OneByteInputStream(in.openRaw())));
        }
        RunResult run = Analyzer.run(options(names), new InputFinder.Found(slow, found.errors()));
        return ReportModel.of(run.snapshot(), "test");
    }

    public static String hostsCsv(ReportModel m) {
        StringWriter w = new StringWriter();
        try {
            CsvOutputs.writeHosts(m, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
