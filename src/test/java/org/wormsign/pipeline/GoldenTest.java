package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LogFormat;
import org.wormsign.format.apache.ApacheLogFormat;
import org.wormsign.format.json.JsonLayout;
import org.wormsign.format.json.JsonLinesFormat;
import org.wormsign.format.nginx.NginxLogFormat;
import org.wormsign.input.Input;
import org.wormsign.input.InputFinder;
import org.wormsign.report.ReportModel;
import org.wormsign.report.SummaryJson;
import org.wormsign.testing.OneByteInputStream;
import org.wormsign.testing.Runs;

/**
 * Every folder under {@code src/test/resources/golden/} is a case: {@code input/} holds the logs,
 * {@code expected/} the hand-checked {@code hosts.csv} and {@code summary.json} (without the fields that
 * change from run to run), and an optional {@code options.properties} gives what the command line would:
 * {@code format}, {@code log-format}, {@code nginx-format}, {@code json-fields}, {@code tz} (the values of {@code --tz}, separated by
 * blanks). Each case runs twice,
 * once with normal reads and once one byte per read, and both must match exactly.
 *
 * <p>To re-create the expected files after a deliberate change, run with {@code -Dgolden.update=true}, then
 * read the diff line by line before committing it.
 */
class GoldenTest {
    static final Path ROOT = Path.of("src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static Stream<String> cases() throws IOException {
        try (Stream<Path> s = Files.list(ROOT)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesExpectedOutputs(String name) throws IOException {
        Path dir = ROOT.resolve(name);
        AnalyzeOptions options = options(dir);
        InputFinder.Found found = InputFinder.find(options.paths());
        assertFalse(found.inputs().isEmpty(), "case has no input");

        ReportModel normal = ReportModel.of(Analyzer.run(options, found).snapshot(), "test");
        List<Input> slow = new ArrayList<>();
        for (Input in : found.inputs()) slow.add(Input.of(in.name(), () -> new OneByteInputStream(in.openRaw())));
        ReportModel oneByte = ReportModel.of(Analyzer.run(options, new InputFinder.Found(slow, found.errors())).snapshot(), "test");

        String hosts = Runs.hostsCsv(normal);
        String summary = stableSummary(normal);
        Path expected = dir.resolve("expected");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(expected);
            Files.writeString(expected.resolve("hosts.csv"), hosts);
            Files.writeString(expected.resolve("summary.json"), summary);
        }
        assertEquals(Files.readString(expected.resolve("hosts.csv")), hosts, "hosts.csv");
        assertEquals(Files.readString(expected.resolve("summary.json")), summary, "summary.json");
        assertEquals(hosts, Runs.hostsCsv(oneByte), "hosts.csv, one byte per read");
        assertEquals(summary, stableSummary(oneByte), "summary.json, one byte per read");

        for (ReportModel.InputRow in : normal.inputs()) {
            assertEquals(in.lines(), in.records() + in.rejected() + in.skipped(), "accounting of " + in.path());
        }
        assertTrue(normal.totals().lines() > 0);
    }

    /** summary.json without what differs between runs (times, arguments, version) and between engines (cli, spark). */
    static String stableSummary(ReportModel m) throws IOException {
        ObjectNode tree = SummaryJson.tree(m);
        tree.remove(List.of("started_utc", "finished_utc", "arguments", "version", "engine"));
        return JSON.writeValueAsString(tree) + "\n";
    }

    static AnalyzeOptions options(Path dir) throws IOException {
        LogFormat plan = null;
        InputZones zones = InputZones.NONE;
        Path props = dir.resolve("options.properties");
        if (Files.exists(props)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(props)) {
                p.load(r);
            }
            // As the command does: the zones by input name, the format compiled once and put in each input's zone.
            if (p.getProperty("tz") != null) zones = InputZones.parse(List.of(p.getProperty("tz").trim().split("\\s+")));
            if (p.getProperty("log-format") != null) plan = ApacheLogFormat.compile(p.getProperty("log-format"));
            if (p.getProperty("nginx-format") != null) plan = NginxLogFormat.compile("nginx-custom", p.getProperty("nginx-format"));
            if (p.getProperty("format") != null) plan = KnownFormats.byName(p.getProperty("format"));
            if (p.getProperty("json-fields") != null) plan = new JsonLinesFormat(JsonLayout.parseFields(p.getProperty("json-fields")));
        }
        return new AnalyzeOptions(List.of(dir.resolve("input").toString()), Path.of("unused"), plan, 2, 1 << 20, zones, List.of());
    }
}
