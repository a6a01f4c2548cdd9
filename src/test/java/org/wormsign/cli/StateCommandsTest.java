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
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.aggregate.StateFolder;
import org.wormsign.testing.Command;
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
            if (w.contains("absorbed by an earlier run") || w.startsWith("the state's")) it.remove();
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

    @Test
    void aLogThatGrewIsRefusedAndNothingIsAbsorbed() throws IOException {
        Path log = dir.resolve("access.log");
        Files.copy(Path.of("sample-logs/hand-made/access_log"), log);
        Path state = dir.resolve("state");
        assertEquals(0, analyze(state, dir.resolve("a"), List.of(log)).status());
        String manifest = Files.readString(state.resolve("manifest.json"));
        Files.writeString(log, "10.9.9.9 - - [19/Jul/2001:12:00:00 +0000] \"GET /default.ida?" + "N".repeat(224) + " HTTP/1.0\" 404 0\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path other = dir.resolve("other.log");
        Files.copy(Path.of("sample-logs/nginx/access.log"), other);
        Command c = analyze(state, dir.resolve("b"), List.of(other, log));
        assertEquals(2, c.status(), c.err());
        assertTrue(c.err().startsWith("wormsign: " + log + " has grown since an earlier run absorbed it"), c.err());
        assertEquals(manifest, Files.readString(state.resolve("manifest.json")), "the state changed");
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
