package org.wormsign.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.aggregate.StateFolder;
import org.wormsign.testing.Command;
import org.wormsign.testing.Compressed;
import org.wormsign.testing.Corpus;

/**
 * {@code analyze --state} and {@code report --state}: the real corpus and the sample logs absorbed night by night
 * give the outputs of one run over all of them; an input absorbed before is skipped and said so; a state in use
 * is refused with status 2.
 */
class StateCommandsTest {
    @TempDir Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The logs, copied under one folder in the order a run over them reads them. */
    static List<Path> logs(Path into) throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> s = Files.list(Corpus.real())) {
            s.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().forEach(sources::add);
        }
        try (Stream<Path> s = Files.walk(Path.of("sample-logs"))) {
            s.filter(p -> Files.isRegularFile(p) && !p.toString().endsWith(".md") && !p.toString().endsWith(".csv")).sorted().forEach(sources::add);
        }
        List<Path> out = new ArrayList<>();
        for (Path p : sources) {
            String name = (p.getParent().getFileName() + "-" + p.getFileName()).replace('/', '-');
            Path copy = into.resolve(name);
            Files.createDirectories(into);
            Files.copy(p, copy);
            out.add(copy);
        }
        out.sort(null);
        return out;
    }

    static Command analyze(Path state, Path out, List<Path> inputs) {
        List<String> args = new ArrayList<>(List.of("analyze", "--no-progress", "--tz", "America/New_York", "-o", out.toString()));
        if (state != null) args.addAll(List.of("--state", state.toString()));
        for (Path p : inputs) args.add(p.toString());
        return Command.run(args.toArray(new String[0]));
    }

    /**
     * The outputs in {@code actual} are those in {@code expected}: the CSV files byte for byte, summary.json but for
     * the runs' arguments and times, each input's {@code absorbed} and the warning about inputs absorbed before.
     */
    static void sameOutputs(Path expected, Path actual) throws IOException {
        for (String f : List.of("hosts.csv", "evidence.csv", "rejects.csv")) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), f + " differs");
        }
        assertEquals(comparable(expected.resolve("summary.json")).toPrettyString(), comparable(actual.resolve("summary.json")).toPrettyString());
    }

    static JsonNode comparable(Path summary) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(summary.toFile());
        root.remove(List.of("arguments", "started_utc", "finished_utc"));
        for (JsonNode i : root.get("inputs")) ((ObjectNode) i).remove("absorbed");
        ArrayNode warnings = (ArrayNode) root.get("warnings");
        for (Iterator<JsonNode> it = warnings.iterator(); it.hasNext(); ) {
            String w = it.next().asText();
            // What a state's run says of its own history: what it skipped, what it mended after a run that was killed.
            if (w.contains("absorbed by an earlier run") || w.startsWith("the state's") || w.contains("left for the next run")) it.remove();
        }
        return root;
    }

    private static List<String> absorbed(Path summary) throws IOException {
        List<String> all = new ArrayList<>();
        for (JsonNode i : JSON.readTree(summary.toFile()).get("inputs")) all.add(i.get("absorbed").asText());
        return all;
    }

    @Test
    void nightlyBatchesGiveTheOutputsOfOneRunOverEverything() throws IOException {
        List<Path> logs = logs(dir.resolve("logs"));
        Path state = dir.resolve("state"), whole = dir.resolve("whole");
        Command one = analyze(null, whole, logs);
        assertEquals(0, one.status(), one.err());

        Random random = new Random(19);
        int night = 0;
        Path last = null;
        for (int from = 0; from < logs.size(); night++) {
            int to = Math.min(logs.size(), from + 1 + random.nextInt(4));
            last = dir.resolve("night-" + night);
            Command c = analyze(state, last, logs.subList(from, to));
            assertEquals(0, c.status(), c.err());
            List<String> how = absorbed(last.resolve("summary.json"));
            assertEquals(to, how.size());
            assertEquals(to - from, how.stream().filter("new"::equals).count(), how.toString());
            from = to;
        }
        assertTrue(night >= 4, "too few nights: " + night);
        sameOutputs(whole, last);

        // Everything again, one night's logs again: nothing is counted twice, and the run says why.
        Path again = dir.resolve("again");
        Command c = analyze(state, again, logs);
        assertEquals(0, c.status(), c.err());
        sameOutputs(whole, again);
        assertTrue(absorbed(again.resolve("summary.json")).stream().allMatch("already"::equals));
        assertTrue(c.err().contains(logs.size() + " inputs were absorbed by an earlier run"), c.err());

        // The state rendered alone, its logs gone.
        for (Path p : logs) Files.delete(p);
        Path rendered = dir.resolve("rendered");
        Command report = Command.run("report", "--state", state.toString(), "-o", rendered.toString());
        assertEquals(0, report.status(), report.err());
        sameOutputs(whole, rendered);
    }

    @Test
    void statesBuiltApartMergeIntoTheStateOfEverything() throws IOException {
        List<Path> logs = logs(dir.resolve("logs"));
        Path whole = dir.resolve("whole");
        assertEquals(0, analyze(null, whole, logs).status());
        // Two machines, each with its half of the logs over two nights.
        int half = logs.size() / 2;
        Path a = dir.resolve("pop-a"), b = dir.resolve("pop-b"), all = dir.resolve("all");
        assertEquals(0, analyze(a, dir.resolve("a1"), logs.subList(0, 2)).status());
        assertEquals(0, analyze(a, dir.resolve("a2"), logs.subList(2, half)).status());
        assertEquals(0, analyze(b, dir.resolve("b1"), logs.subList(half, half + 1)).status());
        assertEquals(0, analyze(b, dir.resolve("b2"), logs.subList(half + 1, logs.size())).status());
        Command m = Command.run("merge", "--state", all.toString(), b.toString(), a.toString());
        assertEquals(0, m.status(), m.err());
        Path rendered = dir.resolve("rendered");
        assertEquals(0, Command.run("report", "--state", all.toString(), "-o", rendered.toString()).status());
        sameOutputs(whole, rendered);

        // Merged again, a state adds nothing; one that shares only some inputs is refused and changes nothing.
        Command again = Command.run("merge", "--state", all.toString(), a.toString());
        assertEquals(0, again.status(), again.err());
        assertTrue(again.err().contains("nothing merged"), again.err());
        Path mixed = dir.resolve("mixed");
        Path extra = dir.resolve("extra.log");
        Files.copy(Path.of("sample-logs/hand-made/access_log"), extra);
        Files.writeString(extra, "10.7.7.7 - - [19/Jul/2001:12:00:00 +0000] \"GET / HTTP/1.0\" 200 1\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(0, analyze(mixed, dir.resolve("m1"), List.of(logs.get(0), extra)).status());
        String manifest = Files.readString(all.resolve("manifest.json"));
        Command refused = Command.run("merge", "--state", all.toString(), mixed.toString());
        assertEquals(2, refused.status(), refused.err());
        assertTrue(refused.err().contains("shares 1 of its"), refused.err());
        assertEquals(manifest, Files.readString(all.resolve("manifest.json")));
        Path after = dir.resolve("after");
        assertEquals(0, Command.run("report", "--state", all.toString(), "-o", after.toString()).status());
        sameOutputs(whole, after);
    }

    @Test
    void absorbOnlyWritesNoOutputsAndReportWritesThemLater() throws IOException {
        Path log = Path.of("sample-logs/iis-vulnerable/extend1.log");
        Path state = dir.resolve("state"), out = dir.resolve("out"), whole = dir.resolve("whole");
        assertEquals(0, analyze(null, whole, List.of(log)).status());
        Command c = Command.run("analyze", "--no-progress", "--tz", "America/New_York", "--absorb-only", "--state", state.toString(),
                "-o", out.toString(), log.toString());
        assertEquals(0, c.status(), c.err());
        assertTrue(c.err().contains("; state " + state + ": "), c.err());
        assertTrue(!Files.exists(out.resolve("hosts.csv")));
        Path rendered = dir.resolve("rendered");
        assertEquals(0, Command.run("report", "--state", state.toString(), "-o", rendered.toString()).status());
        sameOutputs(whole, rendered);
    }

    /**
     * Sources that each sent {@code attempts} Code Red requests answered 200 (each kept as evidence: an unusual answer),
     * each with a tail of seeded random hex that the map's deflating cannot shrink much.
     */
    private static String busySources(int first, int sources, int attempts) {
        Random random = new Random(first);
        StringBuilder s = new StringBuilder();
        for (int i = first; i < first + sources; i++) {
            for (int k = 0; k < attempts; k++) {
                s.append("10.").append(i / 250).append('.').append(i % 250).append(".1 - - [19/Jul/2001:1").append(k % 10).append(':')
                        .append(10 + k % 50).append(":00 +0000] \"GET /default.ida?").append("N".repeat(224));
                for (int h = 0; h < 400; h++) s.append(Integer.toHexString(random.nextInt(16)));
                s.append(" HTTP/1.0\" 200 ").append(k).append('\n');
            }
        }
        return s.toString();
    }

    @Test
    void aMapFilledPastWhatItWasMadeForIsCopiedIntoALargerOne() throws IOException {
        // The first night plans the map from sources with one line of evidence each; the second brings sources with
        // thirty-seven, each with random text: values many times larger, the map fills, the night is undone and absorbed into a larger map.
        // Named in the order one run reads them: runs are listed by their first input's path.
        Path small = dir.resolve("a-small.log"), busy = dir.resolve("b-busy.log");
        Files.writeString(small, busySources(0, 400, 1));
        Files.writeString(busy, busySources(400, 1000, 37));
        Path whole = dir.resolve("whole"), state = dir.resolve("state");
        assertEquals(0, analyze(null, whole, List.of(small, busy)).status());
        assertEquals(0, analyze(state, dir.resolve("a"), List.of(small)).status());
        Command c = analyze(state, dir.resolve("b"), List.of(busy));
        assertEquals(0, c.status(), c.err());
        assertTrue(c.err().contains("was full: copied into one made for"), c.err());
        sameOutputs(whole, dir.resolve("b"));
    }

    @Test
    void theSameBytesUnderAnotherNameAreNotCountedAgain() throws IOException {
        Path log = Path.of("sample-logs/hand-made/access_log");
        Path copy = dir.resolve("copy_of_access_log");
        Files.copy(log, copy);
        Path state = dir.resolve("state");
        assertEquals(0, analyze(state, dir.resolve("a"), List.of(log)).status());
        Command c = analyze(state, dir.resolve("b"), List.of(copy));
        assertEquals(0, c.status(), c.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/hosts.csv")), Files.readAllBytes(dir.resolve("b/hosts.csv")));
        assertEquals(List.of("already"), absorbed(dir.resolve("b/summary.json")));
    }

    @Test
    void aLogRotatedAndCompressedIsNotCountedAgain() throws IOException {
        Path log = dir.resolve("logs/access.log");
        Files.createDirectories(log.getParent());
        Files.copy(Path.of("sample-logs/apache-2.4/access_log"), log);
        Path state = dir.resolve("state");
        assertEquals(0, analyze(state, dir.resolve("a"), List.of(log)).status());
        // logrotate's compress: access.log becomes access.log.1.gz.
        Path rotated = dir.resolve("logs/access.log.1.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(rotated))) {
            Files.copy(log, out);
        }
        Files.delete(log);
        Command c = analyze(state, dir.resolve("b"), List.of(dir.resolve("logs")));
        assertEquals(0, c.status(), c.err());
        assertTrue(c.err().contains("1 input was absorbed by an earlier run (the same bytes) and not read again: " + rotated
                + " (the content of " + log + ", compressed)"), c.err());
        sameOutputs(dir.resolve("a"), dir.resolve("b"));
    }

    /** The {@code i}-th line of a seeded Apache log: Code Red I and II attempts, other requests, a line no format reads. */
    static String apacheLine(int seed, int i) {
        Random random = new Random(seed * 1_000_003L + i);
        String when = java.time.format.DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss", java.util.Locale.ROOT)
                .format(java.time.LocalDateTime.of(2001, 7, 15, 0, 0).plusMinutes(37L * i));
        String source = "10." + seed + "." + random.nextInt(8) + "." + random.nextInt(40);
        int kind = random.nextInt(10);
        String request = switch (kind) {
            case 0, 1, 2 -> "GET /default.ida?" + "N".repeat(224) + "%u9090%u6858%ucbd3%u7801 HTTP/1.0";
            case 3 -> "GET /default.ida?" + "X".repeat(224) + "%u9090%u6858%ucbd3%u7801 HTTP/1.0";
            default -> "GET /page" + random.nextInt(100) + ".html HTTP/1.0";
        };
        if (kind == 4) return "not a log line " + i + "\n";
        int status = new int[] {404, 400, 200, 304}[random.nextInt(4)];
        return source + " - - [" + when + " +0000] \"" + request + "\" " + status + " " + random.nextInt(5000) + "\n";
    }

    static String apacheLines(int seed, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) s.append(apacheLine(seed, i));
        return s.toString();
    }

    /** A W3C log's first {@code lines} lines: a header, and another #Fields (other columns) from its 120th line on. */
    private static String w3cLines(int lines) {
        StringBuilder s = new StringBuilder("#Software: Microsoft Internet Information Services 5.0\n#Version: 1.0\n#Date: 2001-07-19 00:00:00\n"
                + "#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status\n");
        Random random = new Random(42);
        for (int i = 4; i < lines; i++) {
            String time = String.format(java.util.Locale.ROOT, "2001-07-19 %02d:%02d:%02d", i / 3600 % 24, i / 60 % 60, i % 60);
            String ip = "10.77." + random.nextInt(4) + "." + random.nextInt(50);
            String query = random.nextInt(3) == 0 ? "N".repeat(224) + "%u9090%u6858" : "-";
            String stem = query.equals("-") ? "/index.htm" : "/default.ida";
            if (i == 120) s.append("#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status\n");
            else if (i < 120) s.append(time).append(' ').append(ip).append(" - 192.0.2.1 80 GET ").append(stem).append(' ').append(query).append(" 404\n");
            else s.append(time).append(' ').append(ip).append(" GET ").append(stem).append(' ').append(query).append(" 200\n");
        }
        return s.toString();
    }

    @Test
    void logsThatGrowOrAreRotatedAbsorbedNightByNightGiveTheOutputsOfOneRunOverTheirWholeContent() throws IOException {
        List<Path> logs = logs(dir.resolve("logs"));
        // Named after every other log: each night's run is placed by its first input, one of the others.
        Path grow = dir.resolve("logs/zz-grow.log"), w3c = dir.resolve("logs/zz-w3c.log"), rotating = dir.resolve("logs/zz-access.log");
        Path rotated = dir.resolve("logs/zz-access.log.1.gz");
        Path state = dir.resolve("state");
        int nights = 5;
        List<List<Path>> slices = new ArrayList<>();
        for (int k = 0; k < nights; k++) slices.add(logs.subList(logs.size() * k / nights, logs.size() * (k + 1) / nights));
        String growing = apacheLines(1, 0, 700);

        // Night 0: the growing logs begin.
        Files.writeString(grow, apacheLines(1, 0, 200));
        Files.writeString(w3c, w3cLines(60));
        List<Path> n0 = new ArrayList<>(slices.get(0));
        n0.addAll(List.of(grow, w3c));
        assertEquals(0, analyze(state, dir.resolve("night-0"), n0).status());
        // Night 1: the log grew, and its last line is still being written; another log begins.
        String partial = apacheLines(1, 0, 350) + apacheLine(1, 350).substring(0, 30);
        Files.writeString(grow, partial);
        Files.writeString(rotating, apacheLines(2, 0, 300));
        List<Path> n1 = new ArrayList<>(slices.get(1));
        n1.addAll(List.of(grow, rotating));
        Command c1 = analyze(state, dir.resolve("night-1"), n1);
        assertEquals(0, c1.status(), c1.err());
        assertTrue(c1.err().contains("1 input ends with a line not ended yet (being written?), left for the next run: " + grow + " (30 bytes)"), c1.err());
        assertEquals("resumed", absorbedOf(dir.resolve("night-1/summary.json"), grow));
        // Night 2: that line ended, more came; the W3C log grew past a second #Fields.
        Files.writeString(grow, apacheLines(1, 0, 500));
        Files.writeString(w3c, w3cLines(180));
        List<Path> n2 = new ArrayList<>(slices.get(2));
        n2.addAll(List.of(grow, w3c));
        Command c2 = analyze(state, dir.resolve("night-2"), n2);
        assertEquals(0, c2.status(), c2.err());
        assertEquals("resumed", absorbedOf(dir.resolve("night-2/summary.json"), w3c));
        // Night 3: logrotate compressed the other log with what was written to it before the rotation; the W3C log grew.
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(rotated))) {
            out.write(apacheLines(2, 0, 520).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        Files.delete(rotating);
        Files.writeString(w3c, w3cLines(260));
        List<Path> n3 = new ArrayList<>(slices.get(3));
        n3.addAll(List.of(rotated, w3c));
        Command c3 = analyze(state, dir.resolve("night-3"), n3);
        assertEquals(0, c3.status(), c3.err());
        assertEquals("resumed", absorbedOf(dir.resolve("night-3/summary.json"), rotating));
        // Night 4: the log grew again; the rotated copy and the W3C log, unchanged, are not read again.
        Files.writeString(grow, growing);
        List<Path> n4 = new ArrayList<>(slices.get(4));
        n4.addAll(List.of(grow, rotated, w3c));
        Path last = dir.resolve("night-4");
        Command c4 = analyze(state, last, n4);
        assertEquals(0, c4.status(), c4.err());
        assertTrue(c4.err().contains("2 inputs were absorbed by an earlier run (the same bytes) and not read again: " + rotated + ", " + w3c), c4.err());

        // One run over the whole content, in the order the state lists the logs (each where it was first absorbed). The
        // rotated log's lines are counted under the name they were first absorbed under, at their line numbers there.
        Files.write(rotating, new java.util.zip.GZIPInputStream(Files.newInputStream(rotated)).readAllBytes());
        List<Path> all = new ArrayList<>();
        all.addAll(n0);
        all.addAll(slices.get(1));
        all.add(rotating);
        for (int k = 2; k < nights; k++) all.addAll(slices.get(k));
        Path whole = dir.resolve("whole");
        Command one = analyze(null, whole, all);
        assertEquals(0, one.status(), one.err());
        sameOutputs(whole, last);
        Path rendered = dir.resolve("rendered");
        assertEquals(0, Command.run("report", "--state", state.toString(), "-o", rendered.toString()).status());
        sameOutputs(whole, rendered);
    }

    /** logrotate's copy, plain ({@code delaycompress}) or compressed by any codec wormsign reads. */
    @ParameterizedTest
    @ValueSource(strings = {"", ".gz", ".bz2", ".xz", ".zst"})
    void aRotatedCopyWithMoreLinesIsReadOnFromWhereTheLogEnded(String suffix) throws IOException {
        Path log = dir.resolve("logs/access.log"), rotated = dir.resolve("logs/access.log.1" + suffix);
        Files.createDirectories(log.getParent());
        Files.writeString(log, apacheLines(7, 0, 250));
        Path state = dir.resolve("state");
        assertEquals(0, analyze(state, dir.resolve("a"), List.of(log)).status());
        byte[] content = apacheLines(7, 0, 400).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Compressed.Codec codec = java.util.Arrays.stream(Compressed.Codec.values()).filter(c -> c.suffix.equals(suffix)).findFirst().orElse(null);
        Files.write(rotated, codec == null ? content : codec.encode(content));
        Files.delete(log);
        Path b = dir.resolve("b");
        Command c = analyze(state, b, List.of(dir.resolve("logs")));
        assertEquals(0, c.status(), c.err());
        assertEquals(List.of("resumed"), absorbed(b.resolve("summary.json")));
        // Its lines are the log's, cited under its name: as one run over the log, had it been read once rotated.
        Files.write(log, content);
        Path whole = dir.resolve("whole");
        assertEquals(0, analyze(null, whole, List.of(log)).status());
        Files.delete(log);
        sameOutputs(whole, b);
        // Given again, the copy is known by its bytes.
        Command again = analyze(state, dir.resolve("again"), List.of(dir.resolve("logs")));
        assertEquals(0, again.status(), again.err());
        assertEquals(List.of("already"), absorbed(dir.resolve("again/summary.json")));
        sameOutputs(whole, dir.resolve("again"));
    }

    @Test
    void logsAbsorbedInManyGrowingStepsCutAnywhereGiveTheOutputsOfOneRunOverThem() throws IOException {
        // Real logs (W3C, Apache, nginx), each written night by night up to a seeded random byte, mid-line or not.
        List<Path> sources = List.of(Path.of("sample-logs/apache-1.3/access_log"), Path.of("sample-logs/iis-vulnerable/extend1.log"),
                Path.of("sample-logs/nginx/access.log"));
        List<Path> logs = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (Path p : sources) {
            logs.add(dir.resolve(p.getParent().getFileName() + ".log"));
            contents.add(Files.readAllBytes(p));
        }
        Random random = new Random(1919);
        Path state = dir.resolve("state"), last = null;
        int nights = 7;
        for (int night = 1; night <= nights; night++) {
            for (int k = 0; k < logs.size(); k++) {
                byte[] all = contents.get(k);
                long before = Files.exists(logs.get(k)) ? Files.size(logs.get(k)) : 0;
                int upTo = night == nights ? all.length : (int) Math.min(all.length, before + random.nextInt(all.length / 4 + 1));
                Files.write(logs.get(k), java.util.Arrays.copyOf(all, upTo));
            }
            last = dir.resolve("night-" + night);
            Command c = analyze(state, last, logs);
            assertEquals(0, c.status(), c.err());
        }
        Path whole = dir.resolve("whole");
        assertEquals(0, analyze(null, whole, logs).status());
        sameOutputs(whole, last);
    }

    @Test
    void aCompressedCopyThatDoesNotHoldTheAbsorbedBytesIsRefusedAndNothingIsAbsorbed() throws IOException {
        Path log = dir.resolve("access.log");
        String text = apacheLines(4, 0, 1500);
        Files.writeString(log, text);
        Path state = dir.resolve("state");
        assertEquals(0, analyze(state, dir.resolve("a"), List.of(log)).status());
        String manifest = Files.readString(state.resolve("manifest.json"));
        byte[] changed = (text + apacheLines(4, 1500, 1600)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        changed[150_000] = (byte) (changed[150_000] == '1' ? '2' : '1');
        Path rotated = dir.resolve("access.log.1.gz");
        Files.write(rotated, Compressed.Codec.GZIP.encode(changed));
        Command c = analyze(state, dir.resolve("b"), List.of(rotated));
        assertEquals(2, c.status(), c.err());
        assertTrue(c.err().startsWith("wormsign: " + log + " (read on from where an earlier run ended, in " + rotated + "): its first "
                + text.length() + " bytes are not those an earlier run read"), c.err());
        assertEquals(1, c.err().lines().count(), c.err());
        assertEquals(manifest, Files.readString(state.resolve("manifest.json")), "the state changed");
    }

    private static String absorbedOf(Path summary, Path input) throws IOException {
        for (JsonNode i : JSON.readTree(summary.toFile()).get("inputs")) if (i.get("path").asText().equals(input.toString())) return i.get("absorbed").asText();
        throw new AssertionError(input + " is not in " + summary);
    }

    @Test
    void aLogChangedInPlaceIsRefusedAndNothingIsAbsorbed() throws IOException {
        // Past its first 64 KiB (the key it is found by): it begins as the log absorbed, but not with all of it.
        Path log = dir.resolve("access.log");
        Files.writeString(log, apacheLines(3, 0, 1500));
        assertTrue(Files.size(log) > 2 * 65536);
        Path state = dir.resolve("state");
        assertEquals(0, analyze(state, dir.resolve("a"), List.of(log)).status());
        String manifest = Files.readString(state.resolve("manifest.json"));
        byte[] changed = (apacheLines(3, 0, 1500) + apacheLines(3, 1500, 1550)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        changed[150_000] = (byte) (changed[150_000] == '1' ? '2' : '1');
        Files.write(log, changed);
        Path other = dir.resolve("other.log");
        Files.copy(Path.of("sample-logs/nginx/access.log"), other);
        Command c = analyze(state, dir.resolve("b"), List.of(other, log));
        assertEquals(2, c.status(), c.err());
        assertTrue(c.err().startsWith("wormsign: " + log + " begins as " + log + " did when it was absorbed (its first 65536 bytes), but not with all"), c.err());
        assertEquals(1, c.err().lines().count(), c.err());
        assertEquals(manifest, Files.readString(state.resolve("manifest.json")), "the state changed");
        // A log whose first bytes changed is another log (logrotate's copytruncate starts one under the same name): read as new.
        changed[10] = (byte) (changed[10] == '1' ? '2' : '1');
        Files.write(log, changed);
        Command d = analyze(state, dir.resolve("d"), List.of(log));
        assertEquals(0, d.status(), d.err());
        assertEquals(List.of("already", "new"), absorbed(dir.resolve("d/summary.json")));
    }

    @Test
    void aStateInUseIsRefusedWithStatusTwo() throws IOException {
        Path state = dir.resolve("state");
        try (StateFolder held = StateFolder.open(state, false)) {
            Command c = analyze(state, dir.resolve("out"), List.of(Path.of("sample-logs/hand-made/access_log")));
            assertEquals(2, c.status(), c.err());
            assertEquals("wormsign: state " + state + " is in use by another wormsign run (give --wait to wait for it)\n", c.err());
            Command r = Command.run("report", "--state", state.toString(), "-o", dir.resolve("r").toString());
            assertEquals(2, r.status(), r.err());
        }
        assertEquals(0, analyze(state, dir.resolve("out"), List.of(Path.of("sample-logs/hand-made/access_log"))).status());
    }

    @Test
    void aFolderThatIsNoStateIsRefused() throws IOException {
        Path notState = dir.resolve("photos");
        Files.createDirectories(notState);
        Files.writeString(notState.resolve("cat.jpg"), "meow");
        Command c = analyze(notState, dir.resolve("out"), List.of(Path.of("sample-logs/hand-made/access_log")));
        assertEquals(2, c.status(), c.err());
        assertTrue(c.err().contains("is not a wormsign state"), c.err());
        assertEquals(List.of("cat.jpg"), Files.list(notState).map(p -> p.getFileName().toString()).toList());
        Command r = Command.run("report", "--state", dir.resolve("no-such-state").toString(), "-o", dir.resolve("r").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("is not a wormsign state (no manifest.json)"), r.err());
        assertTrue(!Files.exists(dir.resolve("no-such-state")));
    }
}
