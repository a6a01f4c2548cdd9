package org.wormsign.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed, same bytes (whatever the number of threads); another seed, another epidemic. */
class DeterminismTest {
    @TempDir Path tmp;

    private Path run(String name, long seed, int threads, boolean gzip) throws IOException {
        Path out = tmp.resolve(name);
        Simulation.run(new SimulateOptions(seed, out, 0.01, LocalDate.of(2001, 7, 18), LocalDate.of(2001, 8, 6),
                SimulateOptions.serverKinds(), gzip, 3, 0, true, threads));
        return out;
    }

    @Test
    void sameSeedGivesTheSameBytes() throws IOException {
        Path a = run("a", 42, 1, true), b = run("b", 42, 3, true);
        List<Path> files = files(a);
        assertEquals(files, files(b), "the same files");
        assertTrue(files.size() > 100, "six servers, twenty days: " + files.size());
        for (Path f : files) assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f.toString());
    }

    @Test
    void mirrorsAreTheSameBytesWhateverTheThreadsAndChangeNothingElse() throws IOException {
        List<String> formats = List.of("iis-w3c", "nginx-combined", "iis-native");
        Path a = mirrored("a", 1, formats), b = mirrored("b", 3, formats), none = mirrored("none", 2, List.of());
        List<Path> files = files(a);
        assertEquals(files, files(b), "the same files");
        assertTrue(files.stream().anyMatch(f -> f.startsWith("apache-1.3.iis-w3c")), "mirrors written: " + files);
        for (Path f : files) assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f.toString());
        // The servers' own logs and the truth do not depend on whether mirrors are written.
        List<Path> own = files(none);
        assertTrue(own.size() > 10, "two servers, a week: " + own.size());
        for (Path f : own) assertArrayEquals(Files.readAllBytes(none.resolve(f)), Files.readAllBytes(a.resolve(f)), f.toString());
        List<Path> notMirrored = files.stream().filter(f -> formats.stream().noneMatch(fmt -> f.getName(0).toString().endsWith("." + fmt))).toList();
        assertEquals(own.size() + 1, notMirrored.size(), "besides the mirrors' folders, only mirrors.csv is added: " + notMirrored);
    }

    private Path mirrored(String name, int threads, List<String> formats) throws IOException {
        Path out = tmp.resolve("mirrored-" + name);
        Simulation.run(new SimulateOptions(17, out, 0.02, LocalDate.of(2001, 7, 18), LocalDate.of(2001, 7, 24),
                List.of("apache-1.3", "iis-unmapped"), false, 6, 0, true, threads, formats));
        return out;
    }

    @Test
    void runningAgainWithoutMirrorsRemovesThem() throws IOException {
        Path out = tmp.resolve("unmirrored");
        Simulation.run(new SimulateOptions(5, out, 0.01, LocalDate.of(2001, 7, 18), LocalDate.of(2001, 7, 19),
                List.of("nginx"), false, 3, 0, true, 2, List.of("iis-w3c")));
        assertTrue(Files.isDirectory(out.resolve("nginx.iis-w3c")) && Files.exists(out.resolve("mirrors.csv")));
        Simulation.run(new SimulateOptions(5, out, 0.01, LocalDate.of(2001, 7, 18), LocalDate.of(2001, 7, 19),
                List.of("nginx"), false, 3, 0, true, 2, List.of()));
        assertFalse(Files.exists(out.resolve("nginx.iis-w3c")), "no mirror of the first run is left to be analyzed with the second");
        assertFalse(Files.exists(out.resolve("mirrors.csv")));
    }

    @Test
    void anotherSeedGivesAnotherEpidemic() throws IOException {
        Path a = run("a", 42, 2, false), c = run("c", 43, 2, false);
        assertNotEquals(Files.readString(a.resolve("truth.csv")), Files.readString(c.resolve("truth.csv")));
        assertNotEquals(Files.readString(a.resolve("epidemic.csv")), Files.readString(c.resolve("epidemic.csv")));
        assertFalse(Files.readString(a.resolve("truth.csv")).lines().skip(1).findAny().isEmpty(), "probes were written");
    }

    @Test
    void runningAgainReplacesTheLogsOfTheFirstRun() throws IOException {
        Path out = tmp.resolve("again");
        Simulation.run(new SimulateOptions(5, out, 0.01, LocalDate.of(2001, 7, 18), LocalDate.of(2001, 7, 25),
                List.of("nginx"), false, 3, 0, true, 2));
        Simulation.run(new SimulateOptions(5, out, 0.01, LocalDate.of(2001, 7, 18), LocalDate.of(2001, 7, 20),
                List.of("nginx"), true, 3, 0, true, 2));
        try (Stream<Path> s = Files.list(out.resolve("nginx"))) {
            assertTrue(s.allMatch(p -> p.toString().endsWith(".gz")), "no log of the first run is left to be analyzed with the second");
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
