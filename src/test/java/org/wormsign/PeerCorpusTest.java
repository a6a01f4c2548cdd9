package org.wormsign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogFormat;
import org.wormsign.format.LogRecord;
import org.wormsign.format.apache.ApacheLogFormat;
import org.wormsign.format.nginx.NginxLogFormat;
import org.wormsign.input.Decompression;
import org.wormsign.input.LineReader;
import org.wormsign.testing.Command;
import org.wormsign.testing.Corpus;

/**
 * Every file of {@code ../shared/corpus/peer} read as a user would (issue 16): {@code wormsign analyze} on the
 * file alone, with the options its row names, against what a correct reading gives, row by row in
 * {@code peer-corpus.tsv} (its header says what each column holds). The counts, format, attempts, times and
 * client field come from the run's {@code summary.json} (and its lines must be the file's, each one a record, a
 * reject or skipped); the distinct sources, which no output lists for clients that sent no worm, from the file
 * read again by the parser of the format the run detected; the sources {@code hosts.csv} names must be among them.
 *
 * <p>A row whose status is {@code known-defect} states the correct reading and, after {@code now:}, what
 * wormsign gives today; the test asserts today's values (so a fix makes it fail until the row is updated) and
 * prints one line naming the defect.
 */
class PeerCorpusTest {
    private static final String TABLE = "/peer-corpus.tsv";
    private static final List<String> COLUMNS = List.of("file", "options", "format", "records", "rejects", "skipped",
            "sources", "code_red", "code_red_ii", "first_utc", "last_utc", "client_field", "status");
    private static final String NOT_RECOGNISED = "not-recognised";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row of the table: the file, its options, and the reading column by column (format … client_field). */
    record Row(String file, String options, Map<String, String> expected, String status) {
        boolean knownDefect() { return status.startsWith("known-defect"); }

        /** What the run must give today: the correct reading, with a known defect's {@code now:} values over it. */
        Map<String, String> today() {
            if (!knownDefect()) return expected;
            int now = status.indexOf("; now:");
            if (now < 0) throw new IllegalStateException(file + ": a known-defect row says what wormsign gives now (; now: KEY=VALUE …)");
            Map<String, String> t = new LinkedHashMap<>(expected);
            for (String kv : status.substring(now + "; now:".length()).trim().split(" +")) {
                int eq = kv.indexOf('=');
                String key = kv.substring(0, eq);
                if (!t.containsKey(key)) throw new IllegalStateException(file + ": unknown column " + key + " after now:");
                t.put(key, kv.substring(eq + 1));
            }
            return t;
        }
    }

    static List<Row> table() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(PeerCorpusTest.class.getResourceAsStream(TABLE), TABLE)) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            boolean header = false;
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#")) continue;
                List<String> cells = Arrays.asList(line.split("\t", -1));
                if (!header) {
                    assertEquals(COLUMNS, cells, "the header line of " + TABLE);
                    header = true;
                    continue;
                }
                assertEquals(COLUMNS.size(), cells.size(), "columns of: " + line);
                Map<String, String> expected = new LinkedHashMap<>();
                for (int i = 2; i < COLUMNS.size() - 1; i++) expected.put(COLUMNS.get(i), cells.get(i));
                rows.add(new Row(cells.get(0), cells.get(1), expected, cells.get(COLUMNS.size() - 1)));
            }
        }
        return rows;
    }

    /** The corpus's log files: all but its README, PROVENANCE.tsv, and each log's {@code .source} and {@code .format}. */
    static Set<String> corpusLogs() throws IOException {
        Path peer = Corpus.peer();
        try (Stream<Path> all = Files.walk(peer)) {
            return all.filter(Files::isRegularFile)
                    .map(p -> peer.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> !n.equals("README.md") && !n.equals("PROVENANCE.tsv"))
                    .filter(n -> !n.endsWith(".source") && !n.endsWith(".format"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void everyCorpusLogHasOneRowAndEveryRowAFile() throws IOException {
        List<String> named = table().stream().map(Row::file).toList();
        assertEquals(named.size(), new TreeSet<>(named).size(), "a file named twice in " + TABLE);
        Set<String> logs = corpusLogs();
        Set<String> missing = new TreeSet<>(logs);
        missing.removeAll(named);
        Set<String> stale = new TreeSet<>(named);
        stale.removeAll(logs);
        assertEquals(Set.of(), missing, "corpus logs without a row in " + TABLE);
        assertEquals(Set.of(), stale, "rows of " + TABLE + " whose file is not in the corpus");
    }

    @TestFactory
    Stream<DynamicTest> eachFileReadsAsItsRowSays() throws IOException {
        return table().stream().map(row -> DynamicTest.dynamicTest(row.file(), () -> check(row)));
    }

    private static void check(Row row) throws IOException {
        Path log = Corpus.peerFile(row.file());
        Path out = Files.createTempDirectory("wormsign-peer");
        try {
            List<String> args = new ArrayList<>(List.of("analyze", "--no-progress", "-o", out.toString()));
            args.addAll(options(row));
            args.add(log.toString());
            Command run = Command.run(args.toArray(String[]::new));
            boolean recognised = !NOT_RECOGNISED.equals(row.today().get("format"));
            assertEquals(recognised ? 0 : 1, run.status(), row.file() + ": exit status; stderr: " + run.err());

            JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
            JsonNode input = summary.get("inputs").get(0);
            long lines = input.get("lines").asLong(), records = input.get("records").asLong();
            long rejected = input.get("rejected").asLong(), skipped = input.get("skipped").asLong();
            assertEquals(lines, records + rejected + skipped, row.file() + ": lines = records + rejected + skipped");

            Map<String, String> got = new LinkedHashMap<>();
            String format = input.get("format").asText();
            got.put("format", "unrecognised".equals(format) ? NOT_RECOGNISED : format);
            got.put("records", Long.toString(records));
            got.put("rejects", rejects(summary.get("rejects_by_reason"), rejected, row.file()));
            got.put("skipped", Long.toString(skipped));
            Reread again = reread(row, log, format);
            assertEquals(again.lines(), lines, row.file() + ": summary.json's lines are the file's lines");
            Set<String> sources = again.sources();
            got.put("sources", shownLike(row.today().get("sources"), sources));
            JsonNode totals = summary.get("totals");
            got.put("code_red", totals.get("code_red").asText());
            got.put("code_red_ii", totals.get("code_red_ii").asText());
            got.put("first_utc", orDash(totals.get("covered_from_utc").asText()));
            got.put("last_utc", orDash(totals.get("covered_to_utc").asText()));
            got.put("client_field", input.get("client_field").isNull() ? "-" : input.get("client_field").asText());

            assertEquals(row.today(), got, row.file());
            hostsAreAmongTheSources(out.resolve("hosts.csv"), sources, row.file());
            if (row.knownDefect()) {
                System.out.println("PeerCorpusTest: " + row.file() + ": " + row.status().substring(0, row.status().indexOf("; now:")).strip());
            }
        } finally {
            try (Stream<Path> files = Files.walk(out)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The row's options, with {@code @} standing for the contents of the log's {@code NAME.format}. */
    private static List<String> options(Row row) throws IOException {
        if (row.options().equals("-")) return List.of();
        List<String> opts = new ArrayList<>();
        for (String o : row.options().split(" ")) opts.add(o.equals("@") ? Files.readString(formatFile(row), StandardCharsets.UTF_8).strip() : o);
        return opts;
    }

    private static Path formatFile(Row row) {
        return Corpus.peerFile(row.file().replaceFirst("\\.log$", ".format"));
    }

    private static String option(Row row, String name) {
        List<String> words = List.of(row.options().split(" "));
        int i = words.indexOf(name);
        return i < 0 ? null : words.get(i + 1);
    }

    private static String rejects(JsonNode byReason, long rejected, String file) {
        Map<String, Long> reasons = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = byReason.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            reasons.put(e.getKey(), e.getValue().asLong());
        }
        assertEquals(rejected, reasons.values().stream().mapToLong(Long::longValue).sum(), file + ": rejects by reason add up");
        if (reasons.isEmpty()) return "-";
        return reasons.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    private static String orDash(String s) {
        return s.isEmpty() ? "-" : s;
    }

    /** The sources as the row states them: their count, and the addresses too where the row lists them (any order). */
    private static String shownLike(String stated, Set<String> sources) {
        int eq = stated.indexOf('=');
        if (eq < 0) return Integer.toString(sources.size());
        List<String> listed = List.of(stated.substring(eq + 1).split(","));
        // In the row's order when the same, so that a difference shows as one.
        String mine = new TreeSet<>(listed).equals(new TreeSet<>(sources)) ? String.join(",", listed)
                : String.join(",", new TreeSet<>(sources));
        return sources.size() + "=" + mine;
    }

    /** The file's lines, decompressed, and the distinct clients of its records. */
    record Reread(long lines, Set<String> sources) {}

    /** The file read again, line by line, by the parser of the format the run detected (none: no records). */
    private static Reread reread(Row row, Path log, String detected) throws IOException {
        LineParser parser = "unrecognised".equals(detected) ? null : parser(row, detected);
        LogRecord rec = new LogRecord();
        Set<String> clients = new TreeSet<>();
        long[] lines = {0};
        try (InputStream raw = Files.newInputStream(log); InputStream text = Decompression.open(raw).stream()) {
            new LineReader(text, LineReader.DEFAULT_MAX_LINE).readAll(new LineReader.Sink() {
                @Override public void line(byte[] buf, int start, int end, long lineNumber, long offset) {
                    lines[0]++;
                    if (parser != null && parser.parse(buf, start, end, rec) == LineParser.RECORD) clients.add(rec.client());
                }

                @Override public void tooLong(byte[] buf, int prefixStart, int prefixEnd, long lineNumber, long offset, long length) {
                    lines[0]++;
                }
            });
        }
        return new Reread(lines[0], clients);
    }

    private static LineParser parser(Row row, String detected) throws IOException {
        String tz = option(row, "--tz");
        ZoneId zone = tz == null ? null : ZoneId.of(tz);
        LogFormat format;
        if (row.options().contains("--log-format @")) {
            format = ApacheLogFormat.compile(Files.readString(formatFile(row)).strip(), (ZoneId) null, (String) null).inZone(zone);
        } else if (row.options().contains("--nginx-format @")) {
            format = NginxLogFormat.compile("nginx-custom", Files.readString(formatFile(row)).strip(), (ZoneId) null, (String) null).inZone(zone);
        } else {
            format = KnownFormats.byName(detected, zone);
        }
        return format.newParser();
    }

    /** hosts.csv lists the sources that sent Code Red: each of them is a source of the file's records. */
    private static void hostsAreAmongTheSources(Path hostsCsv, Set<String> sources, String file) {
        try {
            List<String> rows = Files.readAllLines(hostsCsv, StandardCharsets.UTF_8);
            for (String r : rows.subList(1, rows.size())) {
                String source = r.substring(0, r.indexOf(','));
                assertTrue(sources.contains(source), file + ": hosts.csv's " + source + " is not a source of its records " + sources);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
