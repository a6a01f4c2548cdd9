package org.wormsign.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.cli.Main;

/** {@code wormsign simulate} on the command line: its files and its usage errors. */
class SimulateCommandTest {
    @TempDir Path tmp;

    /** What a run printed (stdout and stderr together) and its status. */
    private record Ran(int status, String output) {}

    private static Ran capture(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        try (PrintStream p = new PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8)) {
            System.setOut(p);
            System.setErr(p);
            status = Main.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Ran(status, captured.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static int run(String... args) {
        return capture(args).status();
    }

    /** The run's output with runs of white space as one space, for messages wrapped to the terminal. */
    private static String output(String... args) {
        return capture(args).output().replaceAll("\\s+", " ");
    }

    @Test
    void ispWritesTheIspsSideAndSaysHowToAnalyzeTheServersFoldersWithIt() throws Exception {
        Path out = tmp.resolve("isp");
        Ran r = capture("simulate", "--isp", "--seed", "3", "--scale", "0.02", "--from", "2001-08-05", "--to", "2001-08-07",
                "--servers", "apache-1.3,nginx", "-o", out.toString());
        assertEquals(0, r.status(), r.output());
        for (String f : List.of("customers.csv", "truth-customers.csv", "truth-handovers.csv", "leases/dhcpd/dhcpd.leases", "leases/dhcpd/dhcpd.leases~",
                "leases/kea/kea-leases4.csv", "leases/plain/leases.csv", "leases/mixed/leases.csv")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        String said = r.output().replaceAll("\\s+", " ");
        // The lease files are customer data: the command names the servers' folders, not the output folder.
        assertTrue(said.contains("--customers " + out.resolve("customers.csv") + " --leases " + out.resolve("leases").resolve("mixed") + " "
                + out.resolve("apache-1.3") + " " + out.resolve("nginx")), said);
    }

    @Test
    void writesLogsAndTruthForTheServersNamed() throws Exception {
        Path out = tmp.resolve("sim");
        int status = run("simulate", "--seed", "3", "--scale", "0.01", "--from", "2001-08-01", "--to", "2001-08-03",
                "--servers", "apache-1.3,nginx", "--rotate", "none", "--gzip", "-o", out.toString());
        assertEquals(0, status);
        assertTrue(Files.size(out.resolve("apache-1.3/access_log.gz")) > 0);
        assertTrue(Files.size(out.resolve("nginx/access.log.gz")) > 0);
        assertTrue(Files.readString(out.resolve("truth.csv")).startsWith("source_ip,code_red_attempts,code_red_ii_attempts\n"));
        assertEquals(3 * 24 + 1, Files.readAllLines(out.resolve("epidemic.csv")).size(), "an hour a line from 1 to 3 August");
        assertTrue(Files.readString(out.resolve("servers.csv")).contains("apache-1.3,apache-1.3,"));
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, run("simulate", "--scale", "0", "-o", tmp.toString()));
        assertEquals(2, run("simulate", "--from", "2001-07-01", "-o", tmp.toString()));
        assertEquals(2, run("simulate", "--servers", "iis-3", "-o", tmp.toString()));
        assertEquals(2, run("simulate", "--target-bytes", "lots", "-o", tmp.toString()));
        assertEquals(2, run("simulate", "--to", "2001-07-31", "--from", "2001-08-01", "-o", tmp.toString()));
        assertEquals(2, run("simulate", "--also-as", "w3c", "-o", tmp.toString()));
        assertEquals(2, run("simulate", "--also-as", "nginx-combined,nginx-combined", "-o", tmp.toString()));
    }

    @Test
    void alsoAsWritesMirrorsAndSaysWhatTheyAreFor() throws Exception {
        Path out = tmp.resolve("mirrored");
        assertEquals(0, run("simulate", "--seed", "3", "--scale", "0.01", "--from", "2001-07-19", "--to", "2001-07-20",
                "--servers", "apache-2.4", "--rotate", "none", "--also-as", "nginx-combined,iis-w3c", "--target-bytes", "2M", "-o", out.toString()));
        long own = Files.size(out.resolve("apache-2.4/access_log"));
        assertTrue(Math.abs(own - 2 * 1024 * 1024) < 0.1 * 2 * 1024 * 1024, "--target-bytes is the size of the server's own log: " + own);
        assertEquals(own, Files.size(out.resolve("apache-2.4.nginx-combined/access.log")), "nginx's 0 is as long as Apache's -");
        assertTrue(Files.readString(out.resolve("apache-2.4.iis-w3c/extend1.log")).startsWith("#Software: "));
        assertEquals(List.of("folder,server,kind,format,time_zone",
                "apache-2.4.nginx-combined,apache-2.4,apache-2.4,nginx-combined,Europe/Berlin",
                "apache-2.4.iis-w3c,apache-2.4,apache-2.4,iis-w3c,UTC"), Files.readAllLines(out.resolve("mirrors.csv")));
        assertTrue(output("simulate", "--help").contains("compare parsers on identical traffic"));
        assertTrue(output("simulate", "--also-as", "w3c", "-o", tmp.toString())
                .contains("--also-as: unknown log format 'w3c'; known: iis-w3c, iis-native, apache-common, apache-combined, nginx-combined"));
    }

    @Test
    void anOutputThatCannotBeWrittenExits74() throws Exception {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "not a folder");
        assertEquals(74, run("simulate", "--scale", "0.01", "--to", "2001-07-13", "-o", file.toString()));
    }

    @Test
    void targetBytesMakesLogsOfAboutThatSize() throws Exception {
        Path out = tmp.resolve("big");
        assertEquals(0, run("simulate", "--scale", "0.01", "--from", "2001-07-19", "--to", "2001-07-20",
                "--servers", "apache-2.4", "--target-bytes", "4M", "-o", out.toString()));
        long size;
        try (var s = Files.list(out.resolve("apache-2.4"))) {
            size = s.mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(Math.abs(size - 4 * 1024 * 1024) < 0.1 * 4 * 1024 * 1024, "about 4 MiB: " + size);
    }
}
