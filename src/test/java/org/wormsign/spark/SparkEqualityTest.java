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
import java.util.Random;
import java.nio.charset.StandardCharsets;
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
import org.wormsign.input.BytesAt;
import org.wormsign.input.LineReader;
import org.wormsign.pipeline.AnalyzeOptions;
import org.wormsign.pipeline.ChunkedScan;
import org.wormsign.cli.Main;
import org.wormsign.input.InputFinder;
import org.wormsign.isp.Attribution;
import org.wormsign.pipeline.Engine;
import org.wormsign.pipeline.LineOptions;
import org.wormsign.pipeline.Progress;
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
        assertSame(ispCase(tmp), tmp, 0);
        assertSameIspOutputs(tmp);
    }

    @Test
    void ispModeNeedsNoCustomerFilesOnTheExecutors(@TempDir Path tmp) throws IOException {
        // The driver loads the customer data and broadcasts its tables: the files are deleted before any task runs,
        // and the logs are cut into ranges (a task each), which attribute as analyze does all the same.
        List<String> args = ispCase(tmp);
        Path cli = tmp.resolve("cli"), spark = tmp.resolve("spark");
        List<String> a = new ArrayList<>(List.of("analyze", "--no-progress", "-o", cli.toString()));
        a.addAll(args);
        Command c = Command.run(a.toArray(new String[0]));
        assertEquals(0, c.status(), c.err());
        SparkEngine engine = new SparkEngine(() -> session);
        Engine deletingFirst = new Engine() {
            @Override public String name() { return engine.name(); }

            @Override public InputFinder.Found find(List<String> paths) { return engine.find(paths); }

            @Override public Scan scan(AnalyzeOptions options, LineOptions lines, Attribution attribution, InputFinder.Found found, Progress progress) {
                try {
                    Files.delete(tmp.resolve("customers.csv"));
                    Files.delete(tmp.resolve("leases.csv"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return engine.scan(options, lines, attribution, found, progress);
            }
        };
        List<String> s = new ArrayList<>(List.of("--no-progress", "-o", spark.toString()));
        s.addAll(args);
        int[] status = new int[1];
        int tasks = inRanges(500, () -> status[0] = Main.analyzeWith(deletingFirst, "spark", List.of(), s.toArray(new String[0])));
        assertEquals(0, status[0], "the job's exit status");
        assertTrue(Files.notExists(tmp.resolve("customers.csv")), "deleted before the tasks ran");
        assertTrue(tasks > 6, tasks + " tasks: the three logs in ranges");
        sameOutputs(cli, spark);
        assertSameIspOutputs(tmp);
    }

    /**
     * ISP mode's case: attempts spread over three logs (three tasks, whose findings the driver merges), an address
     * that changes hands mid-day, static prefixes of both families and an address nobody holds. Returns the arguments.
     */
    private static List<String> ispCase(Path tmp) throws IOException {
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
        return new ArrayList<>(List.of("--customers", customers.toString(), "--leases", leases.toString(),
                "--reporter", "Example ISP,abuse@isp.example,isp.example", logs.toString()));
    }

    /** customers.csv, networks.csv and every notice of the two runs in {@code tmp}: the same. */
    private static void assertSameIspOutputs(Path tmp) throws IOException {
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

    // Large plain files cut into line-aligned ranges, a task each (SplitInputs), as analyze cuts them among its threads:
    // here from a few KB (the size drawn from a seeded Random), so that range boundaries fall everywhere.

    @Test
    void sampleLogsInRanges(@TempDir Path tmp) throws IOException {
        // Four logs of 150-500 KB in three formats; the W3C ones begin with directives every range needs.
        int tasks = inRanges(12_000 + new Random(211).nextInt(8_000), () -> assertSame(new ArrayList<>(List.of("sample-logs")), tmp, 0));
        assertTrue(tasks > 100, tasks + " tasks");
    }

    @Test
    void realCorpusInRanges(@TempDir Path tmp) throws IOException {
        // The real W3C log has a second #Fields near its end, read by the last range.
        Path real = Corpus.real();
        Path w3c = real.resolve("iis-w3c-sans-sec505-2001jul.log"), apache = real.resolve("apache-combined-honeynet-sotm34-2005.log");
        int tasks = inRanges(1_000 + new Random(212).nextInt(1_000), () -> assertSame(new ArrayList<>(List.of(w3c.toString())), tmp.resolve("w3c"), 0));
        assertTrue(tasks > Files.size(w3c) / 2_000, tasks + " tasks");
        tasks = inRanges(3_000 + new Random(213).nextInt(3_000), () -> assertSame(new ArrayList<>(List.of("--tz", "America/New_York",
                apache.toString())), tmp.resolve("apache"), 0));
        assertTrue(tasks > Files.size(apache) / 6_000, tasks + " tasks");
    }

    @Test
    void w3cFieldsChangingMidFileInRanges(@TempDir Path tmp) throws IOException {
        Path w3c = w3cFieldsChangingLog(tmp);
        long split = 3_000 + new Random(219).nextInt(2_000);
        int tasks = inRanges(split, () -> assertSame(new ArrayList<>(List.of(w3c.toString())), tmp, 0));
        ChunkedScan.Plan plan;
        try (BytesAt file = BytesAt.open(w3c)) {
            plan = ChunkedScan.plan(0, w3c.toString(), true, file, Files.size(w3c), new AnalyzeOptions(List.of(), null, null, 1,
                    LineReader.DEFAULT_MAX_LINE, null, List.of()), Integer.MAX_VALUE, split / 2);
        }
        assertEquals("iis-w3c", plan.formatName());
        assertTrue(plan.chunks() > 6, plan.chunks() + " ranges");
        // Its ranges and its hash, then the ranges begun with other #Fields than those in force again.
        assertTrue(tasks > plan.chunks() + 1 + 2, tasks + " tasks for " + plan.chunks() + " ranges");
    }

    /**
     * A W3C log of six blocks, each with its #Date and a #Fields of its own column order (the odd ones without a date
     * column): every range after a change begins with the head's #Fields and is read again with the one in force.
     */
    private static Path w3cFieldsChangingLog(Path tmp) throws IOException {
        Random r = new Random(218);
        StringBuilder log = new StringBuilder("#Software: Microsoft Internet Information Services 5.0\r\n#Version: 1.0\r\n");
        for (int block = 0; block < 6; block++) {
            boolean swapped = block % 2 == 1;
            String day = "2001-07-" + (14 + block);
            log.append("#Date: ").append(day).append(" 00:00:00\r\n").append(swapped
                    ? "#Fields: time c-ip sc-status cs-method cs-uri-stem cs-uri-query s-ip\r\n"
                    : "#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status s-ip\r\n");
            for (int i = 0; i < 40; i++) {
                String ip = "24." + r.nextInt(3) + "." + r.nextInt(250) + "." + r.nextInt(250);
                String time = String.format("%02d:%02d:%02d", i / 2, i % 60, i * 7 % 60);
                boolean worm = r.nextInt(5) == 0;
                String stem = worm ? "/default.ida" : "/index.htm", query = worm ? "N".repeat(224) + org.wormsign.detect.Classifier.TAIL : "-";
                String status = worm ? "404" : "200";
                log.append(swapped ? time + " " + ip + " " + status + " GET " + stem + " " + query + " 10.0.0." + block
                        : day + " " + time + " " + ip + " GET " + stem + " " + query + " " + status + " 10.0.0." + block).append("\r\n");
            }
        }
        Path w3c = tmp.resolve("ex010719.log");
        Files.writeString(w3c, log, StandardCharsets.US_ASCII);
        return w3c;
    }

    @Test
    void rangesThroughHadoopsFileSystem(@TempDir Path tmp) throws IOException {
        // A file:// URI is listed, planned, read in ranges and hashed through Hadoop's file system: the same outputs as
        // the same URI read whole by one task (analyze's own scan of the stream).
        String uri = w3cFieldsChangingLog(tmp).toUri().toString();
        assertTrue(uri.startsWith("file:/"), uri);
        Path whole = tmp.resolve("whole"), ranges = tmp.resolve("ranges");
        assertEquals(0, AnalyzeJob.run(session, "--no-progress", "-o", whole.toString(), uri));
        int[] status = new int[1];
        int tasks = inRanges(3_000, () -> status[0] = AnalyzeJob.run(session, "--no-progress", "-o", ranges.toString(), uri));
        assertEquals(0, status[0]);
        assertTrue(tasks > 10, tasks + " tasks");
        sameFiles(whole, ranges);
    }

    @Test
    void aFailedRangeHasItsInputReadWhole(@TempDir Path tmp) throws IOException {
        // A range that could not be read (a task's read error) makes the driver read its input whole in a job after,
        // as analyze reads a file sequentially when a chunk fails: the same outputs.
        Path log = Files.createDirectories(tmp.resolve("logs")).resolve("access_log");
        Files.copy(Path.of("sample-logs/apache-1.3/access_log"), log);
        List<List<InputPart>> rounds = new ArrayList<>();
        SparkEngine.Tasks failing = (jsc, parts, scan) -> {
            rounds.add(parts);
            List<PartScan.Part> results = new ArrayList<>(SparkEngine.Tasks.SPARK.run(jsc, parts, scan));
            if (rounds.size() == 1) {
                results.replaceAll(p -> p.place() == 1 && !p.hash() ? PartScan.Part.failed(1, false, "read stopped (on purpose)") : p);
            }
            return results;
        };
        Path cli = tmp.resolve("cli"), spark = tmp.resolve("spark");
        Command c = Command.run("analyze", "--no-progress", "-o", cli.toString(), log.toString());
        int[] status = new int[1];
        inRanges(20_000, () -> status[0] = Main.analyzeWith(new SparkEngine(() -> session, failing), "spark", List.of(),
                "--no-progress", "-o", spark.toString(), log.toString()));
        assertEquals(c.status(), status[0], c.err());
        assertTrue(rounds.get(0).size() > 3, rounds.get(0).size() + " tasks: the ranges and the hash");
        assertEquals(2, rounds.size(), "a second job");
        assertEquals(1, rounds.get(1).size());
        assertEquals(null, rounds.get(1).get(0).slice(), "the input whole");
        sameOutputs(cli, spark);
    }

    @Test
    void crlfNginxLogWithoutLastLineEndInRanges(@TempDir Path tmp) throws IOException {
        Random r = new Random(214);
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            String ip = "198.51." + r.nextInt(4) + "." + r.nextInt(250);
            boolean worm = r.nextInt(7) == 0;
            String line = ip + " - - [" + String.format("%02d/Jul/2001:%02d:%02d:%02d +0000", 12 + i / 100, i / 25 % 24, i % 60, i * 7 % 60)
                    + "] \"GET " + (worm ? "/default.ida?" + "N".repeat(224) + org.wormsign.detect.Classifier.TAIL : "/index.html")
                    + " HTTP/1.1\" " + (worm ? 404 : 200) + " 512 \"-\" \"Mozilla/5.0\"";
            // A line cut inside its request every so often: a reject (a salvaged attempt where it is Code Red's).
            log.append(i % 53 == 7 ? line.substring(0, 90) : line);
            if (i < 599) log.append("\r\n");
        }
        Path file = Files.createDirectories(tmp.resolve("logs")).resolve("access.log");
        Files.writeString(file, log, StandardCharsets.US_ASCII);
        // Named, so that every range is read in the format given for the run (the other tests' ranges read the sniffed one).
        int tasks = inRanges(6_000 + new Random(215).nextInt(4_000), () -> assertSame(new ArrayList<>(List.of("--format", "nginx-combined",
                file.toString())), tmp, 0));
        assertTrue(tasks > Files.size(file) / 10_000, tasks + " tasks");
        assertTrue(Files.readString(tmp.resolve("spark/rejects.csv")).lines().count() > 1, "rejects written");
    }

    @Test
    void overLongLineAcrossRangesInRanges(@TempDir Path tmp) throws IOException {
        // A line of 9,000 bytes past --max-line 1024, over several range boundaries (they fall at the LF after it):
        // ranges left empty, and the line rejected once, by the range it starts in.
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("sample-logs/apache-1.3/access_log"), StandardCharsets.ISO_8859_1)
                .subList(0, 300));
        lines.add(150, lines.get(150).replace("HTTP/1.", "/" + "A".repeat(9_000) + " HTTP/1."));
        Path file = tmp.resolve("access_log");
        Files.write(file, lines, StandardCharsets.ISO_8859_1);
        int tasks = inRanges(1_500 + new Random(216).nextInt(1_000), () -> assertSame(new ArrayList<>(List.of("--max-line", "1024",
                file.toString())), tmp, 0));
        assertTrue(tasks > Files.size(file) / 2_500, tasks + " tasks");
        assertTrue(Files.readString(tmp.resolve("spark/rejects.csv")).contains("line-too-long"), "the long line rejected");
    }

    @Test
    void stateIdentityOfASplitInput(@TempDir Path tmp) throws IOException {
        // A live log whose last line is not ended yet: each run absorbs it up to its last line end, cut into ranges by
        // the job; the job's state then holds the identity the CLI's holds, so the CLI finds it absorbed already.
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        byte[] log = Files.readAllBytes(Path.of("sample-logs/apache-2.4/access_log"));
        Path file = logs.resolve("access_log");
        Files.write(file, log);
        Files.writeString(file, "203.0.113.5 - - [19/Jul/2001:10:00:00 +0000] \"GET", StandardCharsets.US_ASCII,
                java.nio.file.StandardOpenOption.APPEND);
        Path cli = tmp.resolve("cli"), spark = tmp.resolve("spark");
        int[] sparkStatus = new int[1];
        int tasks = inRanges(20_000 + new Random(217).nextInt(10_000), () -> sparkStatus[0] = AnalyzeJob.run(session, "--no-progress", "--state",
                tmp.resolve("spark-state").toString(), "-o", spark.toString(), logs.toString()));
        assertTrue(tasks > log.length / 30_000, tasks + " tasks");
        Command c = Command.run("analyze", "--no-progress", "--state", tmp.resolve("cli-state").toString(), "-o", cli.toString(), logs.toString());
        assertEquals(c.status(), sparkStatus[0], c.err());
        JsonNode summary = sameOutputs(cli, spark);
        JsonNode in = summary.get("inputs").get(0);
        assertEquals(log.length, in.get("bytes").asLong(), "read up to its last line end: " + in);
        Command again = Command.run("analyze", "--no-progress", "--state", tmp.resolve("spark-state").toString(), "-o",
                tmp.resolve("again").toString(), logs.toString());
        assertEquals(0, again.status(), again.err());
        JsonNode after = JSON.readTree(tmp.resolve("again/summary.json").toFile()).get("inputs").get(0);
        assertEquals("already", after.get("absorbed").asText(), after.toString());
        assertEquals(in.get("sha256"), after.get("sha256"));
    }

    @Test
    void stateWithCustomersIsAUsageErrorAsInAnalyze(@TempDir Path tmp) throws IOException {
        // analyze's own rule (the state keeps no attribution), which the job shares.
        List<String> args = new ArrayList<>(List.of("--no-progress", "-o", tmp.resolve("out").toString(), "--state", tmp.resolve("state").toString()));
        args.addAll(ispCase(tmp));
        List<String> cli = new ArrayList<>(List.of("analyze"));
        cli.addAll(args);
        Command c = Command.run(cli.toArray(new String[0]));
        assertEquals(2, c.status(), c.err());
        assertTrue(c.err().contains("--state does not keep ISP mode's attribution"), c.err());
        assertEquals(2, AnalyzeJob.run(session, args.toArray(new String[0])));
    }

    @Test
    void aSplitSizeThatIsNoSizeIsAUsageError(@TempDir Path tmp) {
        session.conf().set(SplitInputs.SPLIT_BYTES, "a lot");
        try {
            assertEquals(2, AnalyzeJob.run(session, "--no-progress", "-o", tmp.toString(), "sample-logs/nginx"));
        } finally {
            session.conf().unset(SplitInputs.SPLIT_BYTES);
        }
    }

    /** What a test runs, with files of at least {@code splitBytes} cut into ranges; returns the tasks the job ran. */
    private static int inRanges(long splitBytes, IoAction test) throws IOException {
        String group = "ranges-" + splitBytes + "-" + System.nanoTime();
        session.conf().set(SplitInputs.SPLIT_BYTES, splitBytes + "b");
        session.sparkContext().setJobGroup(group, "wormsign test", false);
        try {
            test.run();
        } finally {
            session.sparkContext().clearJobGroup();
            session.conf().unset(SplitInputs.SPLIT_BYTES);
        }
        return tasksOf(group);
    }

    interface IoAction {
        void run() throws IOException;
    }

    /** The tasks of a job group's jobs, once the status store has heard of their stages (it hears a little later). */
    private static int tasksOf(String group) {
        var tracker = session.sparkContext().statusTracker();
        long until = System.nanoTime() + 10_000_000_000L;
        while (true) {
            int tasks = 0;
            boolean known = true;
            int[] jobs = tracker.getJobIdsForGroup(group);
            for (int job : jobs) {
                var info = tracker.getJobInfo(job);
                if (info.isEmpty()) { known = false; continue; }
                for (int stage : info.get().stageIds()) {
                    var s = tracker.getStageInfo(stage);
                    if (s.isEmpty()) known = false;
                    else tasks += s.get().numTasks();
                }
            }
            if ((known && jobs.length > 0) || System.nanoTime() > until) return tasks;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return tasks;
            }
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
        assertEquals("cli", JSON.readTree(cli.resolve("summary.json").toFile()).get("engine").asText());
        assertEquals("spark", JSON.readTree(spark.resolve("summary.json").toFile()).get("engine").asText());
        return sameFiles(cli, spark);
    }

    /** The outputs in {@code a} and {@code b}: the CSV files byte for byte, summary.json apart from times, arguments and engine. */
    private static JsonNode sameFiles(Path a, Path b) throws IOException {
        for (String f : List.of("hosts.csv", "evidence.csv", "rejects.csv")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        ObjectNode x = (ObjectNode) JSON.readTree(a.resolve("summary.json").toFile());
        ObjectNode y = (ObjectNode) JSON.readTree(b.resolve("summary.json").toFile());
        ObjectNode full = y.deepCopy();
        for (ObjectNode o : List.of(x, y)) o.remove(List.of("started_utc", "finished_utc", "arguments", "engine"));
        assertEquals(x, y, "summary.json");
        assertTrue(Files.size(b.resolve("report.html")) > 0);
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
