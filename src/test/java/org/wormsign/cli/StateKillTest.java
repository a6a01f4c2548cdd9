package org.wormsign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.testing.Command;

/**
 * A {@code --state} run killed anywhere leaves a state from which the next run reaches the outputs of runs never
 * killed. A child JVM runs the night and halts at a numbered point of the commit ({@code -Dwormsign.state.dieAt},
 * {@code Runtime.halt}: no shutdown hook, no close, as SIGKILL) — through the undo log, every source merged into the
 * map, the map's close, the rest file, the manifest before and after its rename, the clean-up — or is sent SIGKILL
 * after a random delay; then the same night runs again here, and its outputs must be those of the runs never killed.
 */
class StateKillTest {
    @TempDir Path dir;

    /** What Chronicle Map needs on Java 17 (the pom's argLine, the jar's manifest). */
    private static final List<String> CHRONICLE_FLAGS = List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens",
            "java.base/java.lang.reflect=ALL-UNNAMED", "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports",
            "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED");

    private List<Path> first, second;

    private Process child(Path state, Path out, List<Path> night, long dieAt) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(CHRONICLE_FLAGS);
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"), "-Dwormsign.state.dieAt=" + dieAt,
                "org.wormsign.cli.Main", "analyze", "--no-progress", "--tz", "America/New_York", "--state", state.toString(), "-o", out.toString()));
        for (Path p : night) cmd.add(p.toString());
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve("child.err").toFile()).start();
    }

    private int waitFor(Process p) throws InterruptedException {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child ran past two minutes");
        return p.exitValue();
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.exists(from)) return;
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) Files.copy(p, to.resolve(p.getFileName()));
        }
    }

    /** Runs the night on a copy of {@code before}, killed at {@code point} (0: after a random delay), then runs it again. */
    private String killedThenRunAgain(Path before, List<Path> night, long point, long delayMillis, Path expected, String what) throws Exception {
        Path state = Files.createTempDirectory(dir, "state");
        Files.delete(state);
        copy(before, state);
        Process p = child(state, dir.resolve("killed-out"), night, point == 0 ? -1 : point);
        if (point == 0) {
            if (!p.waitFor(delayMillis, TimeUnit.MILLISECONDS)) p.destroyForcibly();
            p.waitFor(120, TimeUnit.SECONDS);
        } else {
            assertEquals(137, waitFor(p), what + ": the child did not halt at its point: " + Files.readString(dir.resolve("child.err")));
        }
        Path out = dir.resolve("after-" + state.getFileName());
        Command again = StateCommandsTest.analyze(state, out, night);
        assertEquals(0, again.status(), what + ": " + again.err());
        StateCommandsTest.sameOutputs(expected, out);
        return again.err();
    }

    @Test
    void aRunKilledAnywhereIsCompletedByTheNextRun() throws Exception {
        List<Path> logs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of("sample-logs"))) {
            s.filter(p -> Files.isRegularFile(p) && !p.toString().endsWith(".md") && !p.toString().endsWith(".csv")).sorted().forEach(logs::add);
        }
        // A log that grows between the nights and one that is rotated into a .gz with more lines: the second night reads
        // both on from where the first ended (ResumedScan's kill points come first, then the commit's).
        Path grow = dir.resolve("logs/grow.log"), rotating = dir.resolve("logs/access.log"), rotated = dir.resolve("logs/access.log.1.gz");
        Files.createDirectories(grow.getParent());
        Files.writeString(grow, StateCommandsTest.apacheLines(5, 0, 300));
        Files.writeString(rotating, StateCommandsTest.apacheLines(6, 0, 200));
        List<Path> plainFirst = logs.subList(0, 3);
        first = new ArrayList<>(plainFirst);
        first.addAll(List.of(grow, rotating));
        second = new ArrayList<>(logs.subList(3, logs.size()));
        second.addAll(List.of(grow, rotated));
        Path committed = dir.resolve("committed"), expectedFirst = dir.resolve("expected-first"), expected = dir.resolve("expected");
        assertEquals(0, StateCommandsTest.analyze(committed, dir.resolve("committed-out"), first).status());
        Files.writeString(grow, StateCommandsTest.apacheLines(5, 0, 600));
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(rotated))) {
            out.write(StateCommandsTest.apacheLines(6, 0, 450).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        Files.delete(rotating);
        assertEquals(0, StateCommandsTest.analyze(dir.resolve("plain-first"), expectedFirst, plainFirst).status());
        Path uninterrupted = dir.resolve("uninterrupted");
        copy(committed, uninterrupted);
        Command whole = StateCommandsTest.analyze(uninterrupted, expected, second);
        assertEquals(0, whole.status(), whole.err());
        int scanPoints = 2 * 2;

        // How many points the second night passes.
        Path counted = dir.resolve("counted");
        copy(committed, counted);
        assertEquals(0, waitFor(child(counted, dir.resolve("counted-out"), second, 0)));
        Matcher m = Pattern.compile("state kill points: (\\d+)").matcher(Files.readString(dir.resolve("child.err")));
        assertTrue(m.find(), Files.readString(dir.resolve("child.err")));
        long points = Long.parseLong(m.group(1));
        assertTrue(points > 100, "too few points: " + points);

        // The first points (marker, undo log), the last ones (close, rest, manifest, rename, clean-up), and seeded
        // random ones among the map's updates.
        TreeSet<Long> chosen = new TreeSet<>(List.of(1L, 2L, 3L, 4L, scanPoints + 1L, scanPoints + 2L, scanPoints + 3L,
                points - 5, points - 4, points - 3, points - 2, points - 1, points));
        Random random = new Random(1919);
        while (chosen.size() < 26) chosen.add(scanPoints + 4 + (long) random.nextInt((int) points - scanPoints - 9));
        for (long k : chosen) {
            String err = killedThenRunAgain(committed, second, k, 0, expected, "killed at point " + k + " of " + points);
            // Killed among the map's updates, the next run found the map unclean and put the night's sources back.
            if (k > scanPoints + 3 && k < points - 5) assertTrue(err.contains("ended before its commit") && err.contains("not closed cleanly"), err);
        }

        // The first night, from no state at all (the map is made, not updated).
        for (long k : List.of(1L, 2L, 50L)) killedThenRunAgain(dir.resolve("none"), plainFirst, k, 0, expectedFirst, "first night, point " + k);

        // SIGKILL at random times: wherever the run is then, start-up and Chronicle's class compilation included.
        for (int i = 0; i < 3; i++) killedThenRunAgain(committed, second, 0, 1500 + random.nextInt(3000), expected, "SIGKILL, try " + i);
    }
}
