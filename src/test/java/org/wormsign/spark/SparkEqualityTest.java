package org.wormsign.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.testing.Command;
import org.wormsign.testing.Corpus;

/**
 * The Spark job gives analyze's answers: the golden cases, the sample logs and the real corpus through one
 * {@code local[2]} session (a start costs 5–15 s), each compared with {@code analyze} of the same inputs and
 * options: hosts.csv, evidence.csv and rejects.csv byte for byte, summary.json apart from the times, the
 * arguments (the output folder and the command's name differ) and the engine, and the same exit status.
 */
class SparkEqualityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession session;

    @BeforeAll
    static void start() {
        // As AnalyzeJob sets them for a local master: no UI, nothing bound beyond loopback, Spark's logging quiet.
        System.setProperty("log4j2.configurationFile", "classpath:org/wormsign/spark/log4j2-local.properties");
        session = SparkSession.builder().appName("wormsign-test").master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (session != null) session.stop();
    }

    static Stream<String> goldenCases() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/golden"))) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void goldenCase(String name, @TempDir Path tmp) throws IOException {
        Path dir = Path.of("src/test/resources/golden", name);
        List<String> args = optionsOf(dir);
        args.add(dir.resolve("input").toString());
        assertSame(args, tmp, 0);
    }

    @Test
    void sampleLogs(@TempDir Path tmp) throws IOException {
        assertSame(new ArrayList<>(List.of("sample-logs")), tmp, 0);
    }

    @Test
    void realCorpus(@TempDir Path tmp) throws IOException {
        Path real = Corpus.real();
        assertSame(new ArrayList<>(List.of("--tz", "America/New_York", real.toString())), tmp, 0);
    }

    @Test
    void damagedArchiveIsAnErrorEntry(@TempDir Path tmp) throws IOException {
        // A .gz cut in its middle beside an intact log: the job ends, the cut one is an error entry, exit status 1.
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        byte[] log = Files.readAllBytes(Path.of("sample-logs/apache-2.4/access_log"));
        Path whole = tmp.resolve("whole.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(whole))) {
            o.write(log);
        }
        byte[] gz = Files.readAllBytes(whole);
        Files.write(logs.resolve("access_log.1.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        Files.write(logs.resolve("access_log"), log);
        JsonNode summary = assertSame(new ArrayList<>(List.of(logs.toString())), tmp, 1);
        JsonNode cut = summary.get("inputs").get(1);
        assertTrue(cut.get("path").asText().endsWith("access_log.1.gz"), cut.toString());
        assertFalse(cut.get("errors").isEmpty(), "the cut .gz has an error entry: " + cut);
    }

    @Test
    void stateIsCommittedByTheDriver(@TempDir Path tmp) throws IOException {
        // Each absorbs the sample logs into its own state, then is given them again: nothing new is read.
        for (int round = 1; round <= 2; round++) {
            Path cli = tmp.resolve("cli" + round), spark = tmp.resolve("spark" + round);
            Command c = Command.run("analyze", "--no-progress", "--state", tmp.resolve("cli-state").toString(), "-o", cli.toString(), "sample-logs");
            int s = AnalyzeJob.run(session, "--no-progress", "--state", tmp.resolve("spark-state").toString(), "-o", spark.toString(), "sample-logs");
            assertEquals(c.status(), s, c.err());
            JsonNode summary = sameOutputs(cli, spark);
            for (JsonNode in : summary.get("inputs")) assertEquals(round == 1 ? "new" : "already", in.get("absorbed").asText(), in.toString());
        }
    }

    @Test
    void ispModeAttributesAsAnalyzeDoes(@TempDir Path tmp) throws IOException {
        // Attempts spread over three logs (three tasks, whose findings the driver merges), an address that changes
        // hands mid-day, static prefixes of both families and an address nobody holds.
        String[][] attempts = {
            {"203.0.113.9", "19/Jul/2001:10:00:00", "N"}, {"203.0.113.9", "19/Jul/2001:12:59:59", "N"},
            {"203.0.113.9", "19/Jul/2001:13:00:00", "N"}, {"203.0.113.9", "19/Jul/2001:15:00:00", "N"},
            {"203.0.113.9", "19/Jul/2001:16:00:00", "X"}, {"192.0.2.70", "19/Jul/2001:11:00:00", "N"},
            {"192.0.2.70", "19/Jul/2001:11:30:00", "N"}, {"2001:db8:1234::5", "19/Jul/2001:12:00:00", "N"},
            {"198.51.100.1", "19/Jul/2001:12:00:00", "N"}};
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        for (int i = 0; i < attempts.length; i++) {
            String[] a = attempts[i];
            String line = a[0] + " - - [" + a[1] + " +0000] \"GET /default.ida?" + a[2].repeat(224)
                    + org.wormsign.detect.Classifier.TAIL + " HTTP/1.0\" 404 205\n";
            Files.writeString(logs.resolve("part-" + i % 3 + ".log"), line, java.nio.charset.StandardCharsets.US_ASCII,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        Path customers = tmp.resolve("customers.csv");
        Files.writeString(customers, """
                prefix,customer,name,contact
                192.0.2.64/26,acme,"Acme, Inc.",abuse@acme.example
                2001:db8:1234::/48,acme,,
                203.0.113.0/24,dial-up-pool,,
                """);
        Path leases = tmp.resolve("leases.csv");
        Files.writeString(leases, """
                address,start_utc,end_utc,customer
                203.0.113.9,2001-07-19T00:00:00Z,2001-07-19T13:00:00Z,cust-a
                203.0.113.9,2001-07-19T13:00:00Z,2001-07-20T00:00:00Z,cust-b
                """);
        assertSame(new ArrayList<>(List.of("--customers", customers.toString(), "--leases", leases.toString(),
                "--reporter", "Example ISP,abuse@isp.example,isp.example", logs.toString())), tmp, 0);
        for (String f : List.of("customers.csv", "networks.csv")) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("cli").resolve(f)), Files.readAllBytes(tmp.resolve("spark").resolve(f)), f);
        }
        assertTrue(Files.readString(tmp.resolve("spark/customers.csv")).contains("cust-b,1,2,1,"), "cust-b's attempts, by the lease in force");
        List<String> notices;
        try (Stream<Path> s = Files.walk(tmp.resolve("cli/notices"))) {
            notices = s.filter(Files::isRegularFile).map(p -> tmp.resolve("cli/notices").relativize(p).toString()).sorted().toList();
        }
        assertFalse(notices.isEmpty());
        for (String n : notices) {
            String cli = Files.readString(tmp.resolve("cli/notices").resolve(n));
            String spark = Files.readString(tmp.resolve("spark/notices").resolve(n));
            assertEquals(cli, spark, n);
        }
    }

    /** analyze and the job over the same arguments: the same status and outputs; returns the job's summary.json. */
    private static JsonNode assertSame(List<String> args, Path tmp, int status) throws IOException {
        Path cli = tmp.resolve("cli"), spark = tmp.resolve("spark");
        List<String> a = new ArrayList<>(List.of("analyze", "--no-progress", "-o", cli.toString()));
        a.addAll(args);
        Command c = Command.run(a.toArray(new String[0]));
        List<String> s = new ArrayList<>(List.of("--no-progress", "-o", spark.toString()));
        s.addAll(args);
        int sparkStatus = AnalyzeJob.run(session, s.toArray(new String[0]));
        assertEquals(status, c.status(), c.err());
        assertEquals(c.status(), sparkStatus, "the job's exit status");
        return sameOutputs(cli, spark);
    }

    private static JsonNode sameOutputs(Path cli, Path spark) throws IOException {
        for (String f : List.of("hosts.csv", "evidence.csv", "rejects.csv")) {
            assertArrayEquals(Files.readAllBytes(cli.resolve(f)), Files.readAllBytes(spark.resolve(f)), f);
        }
        ObjectNode a = (ObjectNode) JSON.readTree(cli.resolve("summary.json").toFile());
        ObjectNode b = (ObjectNode) JSON.readTree(spark.resolve("summary.json").toFile());
        assertEquals("cli", a.get("engine").asText());
        assertEquals("spark", b.get("engine").asText());
        ObjectNode full = b.deepCopy();
        for (ObjectNode o : List.of(a, b)) o.remove(List.of("started_utc", "finished_utc", "arguments", "engine"));
        assertEquals(a, b, "summary.json");
        assertTrue(Files.size(spark.resolve("report.html")) > 0);
        return full;
    }

    /** A golden case's options.properties as the command line gives them. */
    private static List<String> optionsOf(Path dir) throws IOException {
        List<String> args = new ArrayList<>();
        Path props = dir.resolve("options.properties");
        if (!Files.exists(props)) return args;
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(props)) {
            p.load(r);
        }
        for (String key : List.of("format", "log-format", "nginx-format", "json-fields")) {
            if (p.getProperty(key) != null) args.addAll(List.of("--" + key, p.getProperty(key)));
        }
        if (p.getProperty("tz") != null) for (String z : p.getProperty("tz").trim().split("\\s+")) args.addAll(List.of("--tz", z));
        return args;
    }
}
