package org.wormsign.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class InputFinderTest {

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
    }

    static List<String> names(InputFinder.Found found) {
        return found.inputs().stream().map(Input::name).toList();
    }

    @Test
    void foldersAreWalkedRecursivelyInByteOrderOfTheRelativePath(@TempDir Path dir) throws IOException {
        // Created out of order; expected order is byte order of the path inside the folder.
        for (String rel : List.of("sub/deeper/x.gz", "b.log", "a9.log", "a10.log", "a/z.log", "a/b/c.log", "a.log", "a-b.log", "A.log")) {
            write(dir.resolve(rel), rel + "\n");
        }
        Files.createDirectories(dir.resolve("empty/also-empty"));
        String arg = dir.toString();

        InputFinder.Found found = InputFinder.find(List.of(arg));

        assertEquals(List.of(), found.errors());
        assertEquals(List.of(
                arg + "/A.log",
                arg + "/a-b.log",
                arg + "/a.log",
                arg + "/a/b/c.log",
                arg + "/a/z.log",
                arg + "/a10.log",
                arg + "/a9.log",
                arg + "/b.log",
                arg + "/sub/deeper/x.gz"), names(found));
        assertEquals(names(found), names(InputFinder.find(List.of(arg))), "a second walk lists the same order");
        for (Input in : found.inputs()) {
            assertFalse(in.explicit(), "found in a folder, not named by the user: " + in);
            assertFalse(in.isStdin());
        }
    }

    @Test
    void eachInputReadsItsOwnFile(@TempDir Path dir) throws IOException {
        write(dir.resolve("x/one.log"), "one\n");
        write(dir.resolve("two.log"), "two-two\n");
        InputFinder.Found found = InputFinder.find(List.of(dir.toString()));
        assertEquals(2, found.inputs().size());
        for (Input in : found.inputs()) {
            try (InputStream s = in.openRaw()) {
                String content = new String(s.readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(in.name().endsWith(content.equals("one\n") ? "x/one.log" : "two.log"), in.name() + " read " + content);
            }
            assertEquals(Files.size(Path.of(in.name())), in.size());
        }
    }

    @Test
    void aFolderArgumentEndingInASlashIsNotDoubled(@TempDir Path dir) throws IOException {
        write(dir.resolve("sub/x.log"), "x\n");
        String arg = dir + "/";
        assertEquals(List.of(arg + "sub/x.log"), names(InputFinder.find(List.of(arg))));
    }

    @Test
    void argumentsKeepTheirOrderAndFilesAreExplicit(@TempDir Path dir) throws IOException {
        write(dir.resolve("z.log"), "z\n");
        write(dir.resolve("folder/a.log"), "a\n");
        String file = dir.resolve("z.log").toString();
        String folder = dir.resolve("folder").toString();

        InputFinder.Found found = InputFinder.find(List.of(file, folder, "-"));

        assertEquals(List.of(file, folder + "/a.log", "-"), names(found));
        assertTrue(found.inputs().get(0).explicit());
        assertFalse(found.inputs().get(1).explicit());
        assertTrue(found.inputs().get(2).isStdin());
        assertEquals(List.of(), found.errors());
    }

    @Test
    void dashIsStandardInput() throws IOException {
        InputFinder.Found found = InputFinder.find(List.of("-"));
        assertEquals(1, found.inputs().size());
        Input stdin = found.inputs().get(0);
        assertTrue(stdin.isStdin());
        assertEquals("-", stdin.name());
        assertTrue(stdin.explicit());
        assertEquals(-1, stdin.size());
        assertEquals(List.of(), found.errors());
    }

    @Test
    void aFileNamedDashInAFolderIsNotStandardInput(@TempDir Path dir) throws IOException {
        write(dir.resolve("-"), "x\n");
        InputFinder.Found found = InputFinder.find(List.of(dir.toString()));
        assertEquals(1, found.inputs().size());
        assertFalse(found.inputs().get(0).isStdin());
    }

    @Test
    void aMissingPathIsAnErrorAndTheOthersAreStillFound(@TempDir Path dir) throws IOException {
        write(dir.resolve("real.log"), "x\n");
        String missing = dir.resolve("no-such.log").toString();
        String real = dir.resolve("real.log").toString();

        InputFinder.Found found = InputFinder.find(List.of(missing, real));

        assertEquals(List.of(real), names(found));
        assertEquals(1, found.errors().size());
        InputError e = found.errors().get(0);
        assertEquals(missing, e.input());
        assertTrue(e.message().contains("no such file"), e.message());
    }

    /** A link back to an ancestor would make a naive walk endless: it must be one reported error. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hang, not a measurement
    void aSymlinkLoopIsReportedNotFollowedForever(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("logs");
        write(root.resolve("real.log"), "x\n");
        write(root.resolve("sub/inner.log"), "y\n");
        Files.createSymbolicLink(root.resolve("sub/back"), root);
        String arg = root.toString();

        InputFinder.Found found = InputFinder.find(List.of(arg));

        assertEquals(List.of(arg + "/real.log", arg + "/sub/inner.log"), names(found));
        assertEquals(1, found.errors().size(), found.errors().toString());
        InputError e = found.errors().get(0);
        assertEquals(arg + "/sub/back", e.input());
        assertTrue(e.message().contains("loop"), e.message());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aLinkToItsOwnFolderIsReported(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("logs");
        write(root.resolve("a.log"), "x\n");
        Files.createSymbolicLink(root.resolve("self"), Path.of("."));
        String arg = root.toString();

        InputFinder.Found found = InputFinder.find(List.of(arg));

        assertEquals(List.of(arg + "/a.log"), names(found));
        assertEquals(1, found.errors().size(), found.errors().toString());
        assertEquals(arg + "/self", found.errors().get(0).input());
    }

    /** Two links pointing at each other resolve to nothing: an error each, never an exception. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void linksPointingAtEachOtherAreErrors(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("logs");
        write(root.resolve("a.log"), "x\n");
        Files.createSymbolicLink(root.resolve("p"), Path.of("q"));
        Files.createSymbolicLink(root.resolve("q"), Path.of("p"));
        String arg = root.toString();

        InputFinder.Found found = InputFinder.find(List.of(arg));
        assertEquals(List.of(arg + "/a.log"), names(found));
        assertEquals(List.of(arg + "/p", arg + "/q"), found.errors().stream().map(InputError::input).sorted().toList());

        // Named directly on the command line: an error too.
        InputFinder.Found direct = InputFinder.find(List.of(root.resolve("p").toString()));
        assertEquals(List.of(), direct.inputs());
        assertEquals(1, direct.errors().size());
    }

    @Test
    void linksToFilesAndFoldersOutsideAreFollowed(@TempDir Path dir) throws IOException {
        write(dir.resolve("elsewhere/other.log"), "o\n");
        write(dir.resolve("elsewhere/deep/d.log"), "d\n");
        Path root = dir.resolve("logs");
        write(root.resolve("a.log"), "x\n");
        Files.createSymbolicLink(root.resolve("b.log"), dir.resolve("elsewhere/other.log"));
        Files.createSymbolicLink(root.resolve("c"), dir.resolve("elsewhere/deep"));
        String arg = root.toString();

        InputFinder.Found found = InputFinder.find(List.of(arg));

        assertEquals(List.of(arg + "/a.log", arg + "/b.log", arg + "/c/d.log"), names(found));
        assertEquals(List.of(), found.errors());
        try (InputStream in = found.inputs().get(1).openRaw()) {
            assertArrayEquals("o\n".getBytes(StandardCharsets.ISO_8859_1), in.readAllBytes());
        }
    }
}
