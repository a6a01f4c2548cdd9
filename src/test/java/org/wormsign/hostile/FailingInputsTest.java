package org.wormsign.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wormsign.hostile.Hostile.assertAccounting;
import static org.wormsign.hostile.Hostile.assertContains;
import static org.wormsign.hostile.Hostile.bytes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.cli.ExitStatus;
import org.wormsign.input.FileSnapshot;
import org.wormsign.input.Input;
import org.wormsign.input.InputFinder;
import org.wormsign.pipeline.Analyzer;
import org.wormsign.pipeline.InputResult;
import org.wormsign.pipeline.RunResult;
import org.wormsign.testing.Compressed;
import org.wormsign.testing.Compressed.Codec;

/**
 * Issue 8, part 2: inputs that cannot be read (completely). Each gives one clear line on stderr, an entry
 * in summary.json's errors, exit status 1, and every other input is analyzed in full.
 */
class FailingInputsTest {
    @TempDir Path tmp;
    private Path good;
    private JsonNode goodAlone;

    /** A good log beside every failing input: its findings must not change. */
    @BeforeEach
    void aGoodLog() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("good"));
        good = dir.resolve("access.log");
        StringBuilder sb = new StringBuilder();
        for (FormatCase f : FormatCase.all()) if (f.name().equals("apache-combined")) sb.append(f.log());
        Files.writeString(good, sb.toString());
        Path out = tmp.resolve("good-out");
        Hostile.Outcome o = Hostile.cli("analyze", "--no-progress", "-o", out.toString(), good.toString());
        assertEquals(ExitStatus.OK, o.status(), o.err());
        goodAlone = Hostile.summary(out);
    }

    /**
     * Runs the command over the good log and {@code bad}; checks exit 1, one stderr line per error that
     * names {@code shown} and says {@code why}, the same in summary.json, and the good log fully read.
     */
    private JsonNode failsClearly(String shown, String why, String... bad) throws IOException {
        Path out = tmp.resolve("out");
        String[] args = new String[4 + bad.length + 1];
        args[0] = "analyze";
        args[1] = "--no-progress";
        args[2] = "-o";
        args[3] = out.toString();
        System.arraycopy(bad, 0, args, 4, bad.length);
        args[args.length - 1] = good.toString();
        Hostile.Outcome o = Hostile.cli(args);
        assertEquals(ExitStatus.INCOMPLETE, o.status(), o.err());
        o.assertNoStackTrace();
        List<String> messages = o.messages();
        assertFalse(messages.isEmpty(), o.err());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("wormsign: " + shown) && m.contains(why)),
                "a line naming " + shown + " and saying «" + why + "» in:\n" + o.err());
        JsonNode summary = Hostile.summary(out);
        assertTrue(summary.get("errors").toString().contains(why), summary.get("errors").toString());
        assertAccounting(summary);
        JsonNode g = Hostile.input(summary, good.toString()), alone = Hostile.input(goodAlone, good.toString());
        for (String field : List.of("lines", "records", "rejected", "skipped", "sha256")) assertEquals(alone.get(field), g.get(field), field);
        assertEquals(0, g.get("errors").size());
        return summary;
    }

    @Test
    void aFileThatCannotBeOpenedIsAnErrorOfItsOwn() {
        Input denied = Input.of("secret.log", () -> { throw new AccessDeniedException("secret.log"); });
        Input fine = Input.file(good.toString(), good, true);
        RunResult run = Analyzer.run(Hostile.options(null), new InputFinder.Found(List.of(denied, fine), List.of()));
        assertEquals(List.of("cannot be opened: permission denied"), run.inputs().get(0).errors());
        assertEquals(goodAlone.get("totals").get("lines").asLong(), run.inputs().get(1).aggregate().totals().lines());
        assertTrue(run.incomplete());
        assertAccounting(run);
    }

    @Test
    void aFileWithoutReadPermissionFailsOnTheCommandLine() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.log"), "x\n");
        secret.toFile().setReadable(false, false);
        Assumptions.assumeFalse(Files.isReadable(secret), "root reads any file: checked for other users");
        failsClearly(secret.toString(), "cannot be opened: permission denied", secret.toString());
    }

    @Test
    void aReadErrorPartWayKeepsTheLinesBeforeIt() {
        byte[] log = bytes(FormatCase.all().get(0).log());
        Input flaky = Input.of("flaky.log", () -> new InputStream() {
            final InputStream in = new ByteArrayInputStream(log);
            int served;

            @Override public int read() throws IOException {
                if (served++ >= log.length - 10) throw new IOException("Input/output error");
                return in.read();
            }
        });
        RunResult run = Analyzer.run(Hostile.options(null), new InputFinder.Found(List.of(flaky), List.of()));
        InputResult r = run.inputs().get(0);
        assertEquals(2, r.aggregate().totals().lines(), "the two whole lines before the error");
        assertEquals(1, r.errors().size());
        assertContains(r.errors().get(0), "read stopped after 2 lines");
        assertContains(r.errors().get(0), "Input/output error");
        assertNull(r.sha256());
        assertAccounting(run);
    }

    @Test
    void aFolderWithASymbolicLinkLoop() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("logs"));
        Files.writeString(dir.resolve("b.log"), FormatCase.all().get(0).log());
        Files.createSymbolicLink(dir.resolve("loop"), dir);
        JsonNode s = failsClearly(dir + "/loop", "symbolic link loop, not followed", dir.toString());
        assertEquals(2, s.get("inputs").size(), "the good log, and b.log read once");
    }

    @Test
    void aSymbolicLinkLoopNamedOnTheCommandLine() throws IOException {
        Path a = tmp.resolve("a.log"), b = tmp.resolve("b.log");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        failsClearly(a.toString(), "symbolic link loop, not followed", a.toString());
        Path dangling = tmp.resolve("gone.log");
        Files.createSymbolicLink(dangling, tmp.resolve("nothing-here"));
        failsClearly(dangling.toString(), "a symbolic link to a file or folder that does not exist", dangling.toString());
    }

    private static void mkfifo(Path p) throws IOException, InterruptedException {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo");
    }

    @Test
    @Timeout(30)
    void aNamedPipeInAFolderIsNotReadAndNothingHangs() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("spool"));
        mkfifo(dir.resolve("pipe.log"));
        failsClearly(dir + "/pipe.log", "a named pipe (FIFO) found in a folder is not read", dir.toString());
    }

    @Test
    @Timeout(30)
    void aNamedPipeGivenByNameIsReadLikeStandardInput() throws Exception {
        Path fifo = tmp.resolve("zcat.fifo");
        mkfifo(fifo);
        byte[] log = bytes(FormatCase.all().get(0).log());
        Thread writer = new Thread(() -> {
            try (OutputStream w = Files.newOutputStream(fifo)) {
                w.write(log);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        Path out = tmp.resolve("out");
        Hostile.Outcome o = Hostile.cli("analyze", "--no-progress", "-o", out.toString(), fifo.toString());
        writer.join();
        assertEquals(ExitStatus.OK, o.status(), o.err());
        JsonNode in = Hostile.input(Hostile.summary(out), fifo.toString());
        assertEquals(3, in.get("records").asLong());
        assertEquals(log.length, in.get("bytes").asLong());
    }

    @Test
    void aDeviceIsNotRead() throws IOException {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
        failsClearly("/dev/zero", "a device, not a file: it is not read", "/dev/zero");
    }

    @Test
    void aFileThatGrowsWhileReadIsReadAsItWasWhenOpened() throws IOException {
        Path live = tmp.resolve("live.log");
        String first = FormatCase.all().get(0).log();
        Files.writeString(live, first + "10.0.0.9 - - [19/Jul/2001:15:38:40 +0000] \"GET /half");
        long atOpen = Files.size(live);
        String rest = "-written.html HTTP/1.0\" 200 1 \"-\" \"-\"\n" + FormatCase.all().get(0).codeRed() + "\n";
        // The server writes between the open and the read: the rest of the cut line, and one more line.
        Input in = Input.of(live.toString(), () -> {
            FileSnapshot s = FileSnapshot.open(live);
            Files.writeString(live, rest, StandardOpenOption.APPEND);
            return s;
        });
        RunResult run = Analyzer.run(Hostile.options(null), new InputFinder.Found(List.of(in), List.of()));
        InputResult r = run.inputs().get(0);
        assertEquals(4, r.aggregate().totals().records(), "three lines, and the one being written at open, finished");
        assertEquals(0, r.aggregate().totals().rejected(), "the line cut at open was read to its end");
        long read = atOpen + rest.indexOf('\n') + 1;
        assertEquals(read, r.bytes());
        assertNotNull(r.sha256(), "the digest of the bytes read, as head -c would give them");
        assertEquals(1, r.errors().size());
        assertContains(r.errors().get(0), "the file grew from " + atOpen + " to " + Files.size(live) + " bytes while it was read");
        assertContains(r.errors().get(0), "the " + (Files.size(live) - read) + " written since were not");
        assertTrue(run.incomplete());
        assertAccounting(run);
    }

    @Test
    void aFileThatShrinksWhileReadSaysHowMuchWasRead() throws IOException {
        Path rotated = tmp.resolve("rotated.log");
        String log = FormatCase.all().get(0).log();
        Files.writeString(rotated, log);
        int keep = log.indexOf('\n') + 1;
        Input in = Input.of(rotated.toString(), () -> {
            FileSnapshot s = FileSnapshot.open(rotated);
            try (var ch = java.nio.channels.FileChannel.open(rotated, StandardOpenOption.WRITE)) {
                ch.truncate(keep); // logrotate copytruncate
            }
            return s;
        });
        RunResult run = Analyzer.run(Hostile.options(null), new InputFinder.Found(List.of(in), List.of()));
        InputResult r = run.inputs().get(0);
        assertEquals(1, r.aggregate().totals().lines());
        assertEquals(List.of("the file shrank from " + log.length() + " to " + keep + " bytes while it was read (truncated, e.g. by"
                + " logrotate's copytruncate?): only " + keep + " of its bytes were read"), r.errors());
        assertAccounting(run);
    }

    @Test
    void aFileThatDoesNotChangeHasNoSuchError() throws IOException {
        Path still = Files.writeString(tmp.resolve("still.log"), "no newline at the end");
        try (FileSnapshot s = FileSnapshot.open(still)) {
            assertEquals("no newline at the end", new String(s.readAllBytes()));
            assertNull(s.change());
        }
    }

    @Test
    void aTruncatedArchive() throws IOException {
        byte[] log = bytes(FormatCase.all().get(0).log());
        byte[] tgz = Codec.GZIP.encode(Compressed.tar(Compressed.entries("logs/access.log", log, "logs/other.log", log)));
        Path cut = Files.write(tmp.resolve("logs.tar.gz"), Arrays.copyOf(tgz, tgz.length - 20));
        failsClearly(cut.toString(), "read stopped", cut.toString());
    }

    @Test
    void aCorruptArchive() throws IOException {
        byte[] log = bytes(FormatCase.all().get(0).log());
        byte[] zip = Compressed.zip(Compressed.entries("a.log", log, "b.log", log));
        byte[] bad = zip.clone();
        bad[40] ^= 0x55; // inside a.log's deflated data
        Path corrupt = Files.write(tmp.resolve("logs.zip"), bad);
        failsClearly(corrupt.toString(), "damaged compressed data", corrupt.toString());
    }

    @Test
    void aZipMemberThatIsItselfAnArchive() throws IOException {
        byte[] log = bytes(FormatCase.all().get(0).log());
        byte[] inner = Compressed.zip(Compressed.entries("inner.log", log));
        Path nested = Files.write(tmp.resolve("nested.zip"), Compressed.zip(Compressed.entries("inner.zip", inner, "outer.log", log)));
        JsonNode s = failsClearly(nested + "!inner.zip", "an archive inside an archive is not read", nested.toString());
        assertEquals(3, Hostile.input(s, nested + "!outer.log").get("records").asLong(), "the archive's other member is read");
    }

    @Test
    void aMissingFileAndAnEmptyOneSideBySide() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.log"));
        JsonNode s = failsClearly(tmp.resolve("missing.log").toString(), "no such file or folder",
                tmp.resolve("missing.log").toString(), empty.toString());
        assertEquals("empty", Hostile.input(s, empty.toString()).get("format").asText());
        assertEquals(0, Hostile.input(s, empty.toString()).get("errors").size(), "an empty file is not an error");
    }
}
