package org.wormsign.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One thing to analyze: a file, or standard input. {@link #name()} is how the user named it, and is what
 * every output cites.
 */
public final class Input {
    /** Standard input, as named on the command line. */
    public static final String STDIN = "-";

    /** Opens an input's raw bytes; each call starts from the first byte. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private final String name;
    private final Path path;        // null for stdin and for streams given by an opener
    private final Opener opener;
    private final boolean explicit; // named on the command line rather than found in a folder

    private Input(String name, Path path, Opener opener, boolean explicit) {
        this.name = name;
        this.path = path;
        this.opener = opener;
        this.explicit = explicit;
    }

    /**
     * A file: a regular one is read as it was when opened ({@link FileSnapshot}); anything else that can be
     * read, a named pipe such as bash's {@code <(zcat log.gz)}, is read to its end like standard input.
     */
    public static Input file(String name, Path path, boolean explicit) {
        return new Input(name, path, () -> Files.isRegularFile(path) ? FileSnapshot.open(path) : Files.newInputStream(path), explicit);
    }

    public static Input stdin() {
        return new Input(STDIN, null, () -> new NonClosingInputStream(System.in), true);
    }

    /** Any stream under a name: for embedding, and for tests that feed bytes in awkward slices. */
    public static Input of(String name, Opener opener) {
        return of(name, opener, true);
    }

    /** @param explicit named by the user; false: found (in a folder), so set aside if it is not a log */
    public static Input of(String name, Opener opener, boolean explicit) {
        return new Input(name, null, opener, explicit);
    }

    public String name() { return name; }
    /** The file, when the input is one (null for standard input and streams). */
    public Path path() { return path; }
    public boolean isStdin() { return STDIN.equals(name) && path == null; }
    /** Named by the user rather than found inside a folder: never ignored for not looking like a log. */
    public boolean explicit() { return explicit; }

    /** Size as stored, or -1 when unknown (standard input, pipes, streams). */
    public long size() throws IOException { return path == null || !Files.isRegularFile(path) ? -1 : Files.size(path); }

    /** The raw bytes, as stored (possibly compressed). */
    public InputStream openRaw() throws IOException {
        return opener.open();
    }

    @Override public String toString() { return name; }
}
