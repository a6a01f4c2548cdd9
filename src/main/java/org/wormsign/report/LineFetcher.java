package org.wormsign.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

import org.wormsign.aggregate.Evidence;
import org.wormsign.aggregate.FileIdentity;
import org.wormsign.aggregate.RawText;
import org.wormsign.aggregate.TextBudget;
import org.wormsign.aggregate.TextSpill;

/**
 * Reads back the text of evidence whose line was not kept in memory (see TextBudget): from the run's
 * {@link TextSpill} where it was put there, else from its input, then a plain file named by its path, so the
 * line is at its offset in that file, unless the file was replaced, cut or rewritten since it was read
 * ({@link FileIdentity}): then the evidence says so instead of showing what is at that offset now.
 */
public final class LineFetcher implements AutoCloseable {
    private final Map<String, FileChannel> open = new HashMap<>();
    private final byte[] buf = new byte[RawText.MAX_BYTES + 2];
    private final TextBudget text;
    /** Per input read back: why it can no longer give its lines back, or "" if it can. */
    private final Map<String, String> changed = new HashMap<>();
    /** For texts read back from the spill: most fit (a line is at most about 8 KB once made printable). */
    private final ByteBuffer spilled = ByteBuffer.allocate(16 * 1024);

    public LineFetcher(TextBudget text) {
        this.text = text;
    }

    /** The evidence's text: as kept, or read back from the spill or its input. */
    public String raw(Evidence e) {
        if (e.raw() != null) return e.raw();
        try {
            if (e.spillAt() >= 0) return text.spill().get(e.spillAt(), spilled);
            String why = changed.computeIfAbsent(e.input(), this::changeSinceRead);
            if (!why.isEmpty()) return "[line not read back: " + e.input() + " changed since it was read: " + why + "]";
            FileChannel ch = open.get(e.input());
            if (ch == null) {
                ch = FileChannel.open(Path.of(e.input()), StandardOpenOption.READ);
                open.put(e.input(), ch);
            }
            return readLine(ch, e.offset());
        } catch (IOException | java.nio.file.InvalidPathException x) {
            return "[line not kept in memory and unreadable now: " + x.getMessage() + "]";
        }
    }

    private String changeSinceRead(String name) {
        FileIdentity then = text.readBackIdentity(name);
        if (then == null) return "";
        try {
            String why = then.changeIn(FileIdentity.of(Path.of(name)));
            return why == null ? "" : why;
        } catch (IOException | RuntimeException x) {
            return "";   // gone or unreadable: opening it says so
        }
    }

    /** The line at {@code offset}: its first bytes as RawText shows them, and how long it was. */
    private String readLine(FileChannel ch, long offset) throws IOException {
        int n = 0;
        long length = -1;
        long pos = offset;
        // Read the first MAX_BYTES+1 bytes, then go on (without keeping) to the LF for the full length.
        while (true) {
            int want = n < buf.length ? buf.length - n : 0;
            ByteBuffer bb = want > 0 ? ByteBuffer.wrap(buf, n, want) : ByteBuffer.allocate(64 * 1024);
            int r = ch.read(bb, pos);
            if (r <= 0) {
                length = pos - offset;
                break;
            }
            byte[] a = bb.array();
            int from = want > 0 ? n : 0;
            int lf = -1;
            for (int i = from; i < from + r; i++) if (a[i] == '\n') { lf = i; break; }
            if (lf >= 0) {
                length = pos - offset + (lf - from);
                if (want > 0) n = lf;
                break;
            }
            if (want > 0) n += r;
            pos += r;
        }
        int end = (int) Math.min(n, length);
        boolean cr = length > 0 && length <= n && end > 0 && buf[end - 1] == '\r';
        if (cr) { end--; length--; }
        else if (length > n && crAt(ch, offset + length - 1)) length--;
        return RawText.of(buf, 0, end, length);
    }

    private static boolean crAt(FileChannel ch, long at) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return ch.read(one, at) == 1 && one.get(0) == '\r';
    }

    @Override public void close() {
        for (FileChannel ch : open.values()) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // Read-only: nothing was left unwritten.
            }
        }
    }
}
