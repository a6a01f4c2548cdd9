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

    /**
     * A read that goes on from where an earlier one ended: the content's first {@code offset} bytes (decompressed,
     * ending with a line end) were read before as {@code linesBefore} lines in the format named {@code format}, and
     * must still have the SHA-256 {@code prefixSha256}; only the bytes after them are read, their lines numbered on.
     */
    public record Resume(long offset, long linesBefore, String prefixSha256, String format) {}

    private final String name;
    private final Path path;        // null for stdin and for streams given by an opener
    private final Opener opener;
    private final boolean explicit; // named on the command line rather than found in a folder
    /** For a regular plain file: how many of its bytes are read (the rest is left for a later run); -1: all. */
    private final long end;
    private final Resume resume;

    private Input(String name, Path path, Opener opener, boolean explicit, long end, Resume resume) {
        this.name = name;
        this.path = path;
        this.opener = opener;
        this.explicit = explicit;
        this.end = end;
        this.resume = resume;
    }

    private Input(String name, Path path, Opener opener, boolean explicit) {
        this(name, path, opener, explicit, -1, null);
    }

    /**
     * A file: a regular one is read as it was when opened ({@link FileSnapshot}); anything else that can be
     * read, a named pipe such as bash's {@code <(zcat log.gz)}, is read to its end like standard input.
     */
    public static Input file(String name, Path path, boolean explicit) {
        return new Input(name, path, () -> Files.isRegularFile(path) ? FileSnapshot.open(path) : Files.newInputStream(path), explicit);
    }

    /**
     * This file read only up to {@code bytes} (a line end), as it was then: what a live log's writer adds later, and
     * a last line still being written, are left for a later run (a state's, see README "State across runs").
     */
    public Input upTo(long bytes) {
        if (path == null || resume != null) throw new IllegalStateException("only a file read from its start can be cut: " + name);
        return new Input(name, path, () -> FileSnapshot.prefix(path, bytes), explicit, bytes, null);
    }

    /**
     * This file (plain or compressed) read on from where an earlier read of its content ended ({@link Resume}), its
     * lines cited under this input's name; a plain one up to {@code bytes} (-1: to its end), as {@link #upTo}.
     */
    public Input resumed(Resume from, long bytes) {
        if (path == null) throw new IllegalStateException("only a file can be read on: " + name);
        Opener raw = bytes < 0 ? () -> FileSnapshot.open(path) : () -> FileSnapshot.prefix(path, bytes);
        return new Input(name, path, raw, explicit, bytes, from);
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

    /** Size as stored (as far as it is read: {@link #upTo}), or -1 when unknown (standard input, pipes, streams). */
    public long size() throws IOException {
        if (end >= 0) return end;
        return path == null || !Files.isRegularFile(path) ? -1 : Files.size(path);
    }

    /** How many bytes of this file are read ({@link #upTo}), or -1: all it has when opened. */
    public long end() { return end; }

    /** Where this read goes on from an earlier one, or null: from the first byte. */
    public Resume resume() { return resume; }

    /** The raw bytes, as stored (possibly compressed). */
    public InputStream openRaw() throws IOException {
        return opener.open();
    }

    @Override public String toString() { return name; }
}
