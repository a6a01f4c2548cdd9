package org.wormsign.aggregate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the text of a snapshot's evidence lines is, and how to read it: kept in memory, put in the run's
 * {@link TextSpill}, or still in the plain input it was read from (past the run's {@link TextBudget}), to be
 * read at its offset when it is written or saved. A line read back from a file that was replaced, cut or
 * rewritten since it was read ({@link FileIdentity}) is not shown as what is at the offset now: its text says
 * why it could not be read back.
 *
 * <p>Reading a line from its file where it is written (once) rather than copying every such line into the
 * spill when the snapshot is made (and reading it again from there) halves the reads of a run with a million
 * sources: see bench/RESULTS.md, run 18.
 */
public final class EvidenceText {
    /** How far a forward reader reads ahead at most: a megabyte holds thousands of a dense log's lines. */
    static final int WINDOW = 1 << 20;
    private final TextSpill spill;
    /** The budget that noted the plain files' identities when they were read; null when no line is left in one. */
    private final TextBudget readBack;
    /** Per input: why it can no longer give its lines back, or "" if it can. */
    private final Map<String, String> changed = new ConcurrentHashMap<>();

    private EvidenceText(TextSpill spill, TextBudget readBack) {
        this.spill = spill;
        this.readBack = readBack;
    }

    /** Text kept in memory or in {@code spill}: nothing is left in an input. */
    public static EvidenceText standingAlone(TextSpill spill) {
        return new EvidenceText(spill, null);
    }

    /** Text kept in memory, in the budget's spill, or left in the plain inputs whose identities the budget noted. */
    public static EvidenceText of(TextBudget budget) {
        return new EvidenceText(budget.spill(), budget);
    }

    public TextSpill spill() { return spill; }

    /** Whether some line may still be in its input (the snapshot was frozen and not yet made to stand alone). */
    boolean readsInputs() { return readBack != null; }

    /** Takes a line's text as UTF-8 bytes, to be copied before the call returns. */
    interface Utf8Sink {
        void put(byte[] b, int from, int length);
    }

    /** A reader for one thread: its own buffers and open files. */
    public Reader reader() {
        return new Reader();
    }

    /** Why {@code name} can no longer give its lines back, or "" if it can (or if its identity was not noted). */
    private String changeSinceRead(String name) {
        FileIdentity then = readBack == null ? null : readBack.readBackIdentity(name);
        if (then == null) return "";
        try {
            String why = then.changeIn(FileIdentity.of(Path.of(name)));
            return why == null ? "" : why;
        } catch (IOException | RuntimeException x) {
            return "";   // gone or unreadable: opening it says so
        }
    }

    /** Reads evidence text on one thread; closing it closes the inputs it opened. */
    public final class Reader implements AutoCloseable {
        /** For texts read from the spill: most fit (a line is at most about 8 KB once made printable). */
        private final ByteBuffer spilled = ByteBuffer.allocate(16 * 1024);
        private final byte[] buf = new byte[RawText.MAX_BYTES + 2];
        /** {@code buf} as a buffer for the channel's reads, made once: a million lines read made a million wrappers. */
        private final ByteBuffer into = ByteBuffer.wrap(buf);
        private final Map<String, FileChannel> open = new HashMap<>();
        /** Bytes of one input read ahead for {@link #lineAhead}; made on its first use. */
        private byte[] window;
        private String windowInput;
        private long windowStart;
        private int windowLength;
        /** Whether the window's bytes run to the end of its file. */
        private boolean windowAtEnd;

        /** The text of {@code e}, wherever it is; what stands in for it when it cannot be read. */
        public String text(Evidence e) {
            if (e.raw() != null) return e.raw();
            if (e.spillAt() >= 0) {
                try {
                    return spill.get(e.spillAt(), spilled);
                } catch (IOException x) {
                    return "[line not kept in memory and unreadable now: " + x.getMessage() + "]";
                }
            }
            return lineOf(e.input(), e.offset());
        }

        /** The line of the plain file {@code input} at {@code offset}, or what stands in for it when the input cannot give it back. */
        String lineOf(String input, long offset) {
            String why = changed.computeIfAbsent(input, EvidenceText.this::changeSinceRead);
            if (!why.isEmpty()) return "[line not read back: " + input + " changed since it was read: " + why + "]";
            try {
                return readLine(channel(input), offset);
            } catch (IOException | java.nio.file.InvalidPathException x) {
                return "[line not kept in memory and unreadable now: " + x.getMessage() + "]";
            }
        }

        /**
         * As {@link #lineOf}, for a caller going forward through {@code input}: the read that brings the line
         * may bring the bytes up to {@code ahead} (where a line wanted later begins; at most {@link #WINDOW} on),
         * so lines a few hundred bytes apart cost one read between them, not one each (a read costs about
         * 2.4 µs here, more than making the line's row). A line too long for its window is read on its own.
         */
        String lineAhead(String input, long offset, long ahead) {
            int end = lineInWindow(input, offset, ahead);
            if (end < 0) return lineOf(input, offset);
            int p = (int) (offset - windowStart);
            return RawText.of(window, p, end, end - p);
        }

        /**
         * As {@link #lineAhead}, the text given to {@code to} as UTF-8: straight from the file's bytes when the
         * line is printable ASCII and not cut (a Code Red request is), without a String between.
         */
        void lineAhead(String input, long offset, long ahead, Utf8Sink to) {
            int end = lineInWindow(input, offset, ahead);
            int p = (int) (offset - windowStart);
            if (end >= 0 && end - p <= RawText.MAX_BYTES && RawText.printableAscii(window, p, end)) {
                to.put(window, p, end - p);
                return;
            }
            byte[] text = (end < 0 ? lineOf(input, offset) : RawText.of(window, p, end, end - p)).getBytes(StandardCharsets.UTF_8);
            to.put(text, 0, text.length);
        }

        /**
         * Brings the line at {@code offset} into the window and returns where it ends there (before its CR LF);
         * -1 when it must be read by {@link #lineOf} (its file changed or is unreadable, which lineOf says, or
         * the line is longer than the window keeps).
         */
        private int lineInWindow(String input, long offset, long ahead) {
            String why = changed.computeIfAbsent(input, EvidenceText.this::changeSinceRead);
            if (!why.isEmpty()) return -1;
            try {
                if (!windowHolds(input, offset)) fillWindow(input, offset, ahead);
            } catch (IOException | java.nio.file.InvalidPathException x) {
                windowInput = null;
                return -1;
            }
            int p = (int) (offset - windowStart);
            int stop = Math.min(p + buf.length, windowLength);
            int end = -1;
            for (int i = p; i < stop; i++) if (window[i] == '\n') { end = i; break; }
            // No LF: the line ends the file within its first bytes, or it is longer than a window keeps.
            if (end < 0 && windowAtEnd && stop == windowLength && stop - p < buf.length) end = stop;
            if (end > p && window[end - 1] == '\r') end--;
            return end;
        }

        private boolean windowHolds(String input, long offset) {
            if (!input.equals(windowInput) || offset < windowStart) return false;
            long end = windowStart + windowLength;
            return offset + buf.length <= end || windowAtEnd && offset <= end;
        }

        private void fillWindow(String input, long offset, long ahead) throws IOException {
            FileChannel ch = channel(input);
            if (window == null) window = new byte[WINDOW + buf.length];
            windowInput = null;
            long want = Math.max(buf.length, Math.min(ahead - offset + buf.length, window.length));
            ByteBuffer into = ByteBuffer.wrap(window, 0, (int) want);
            windowAtEnd = ChannelReads.fill(ch, into, offset);
            windowInput = input;
            windowStart = offset;
            windowLength = into.position();
        }

        private FileChannel channel(String input) throws IOException {
            FileChannel ch = open.get(input);
            if (ch == null) {
                ch = FileChannel.open(Path.of(input), StandardOpenOption.READ);
                open.put(input, ch);
            }
            return ch;
        }

        /** The line at {@code offset}: its first bytes as RawText shows them, and how long it was. */
        private String readLine(FileChannel ch, long offset) throws IOException {
            int got = 0;
            long length;
            long pos = offset;
            // Read the first MAX_BYTES+1 bytes, then go on (without keeping) to the LF for the full length.
            while (true) {
                int want = got < buf.length ? buf.length - got : 0;
                ByteBuffer bb = want > 0 ? into.limit(got + want).position(got) : ByteBuffer.allocate(64 * 1024);
                int r = ch.read(bb, pos);
                if (r <= 0) {
                    length = pos - offset;
                    break;
                }
                byte[] b = bb.array();
                int from = want > 0 ? got : 0;
                int lf = -1;
                for (int i = from; i < from + r; i++) if (b[i] == '\n') { lf = i; break; }
                if (lf >= 0) {
                    length = pos - offset + (lf - from);
                    if (want > 0) got = lf;
                    break;
                }
                if (want > 0) got += r;
                pos += r;
            }
            int end = (int) Math.min(got, length);
            boolean cr = length > 0 && length <= got && end > 0 && buf[end - 1] == '\r';
            if (cr) { end--; length--; }
            else if (length > got && crAt(ch, offset + length - 1)) length--;
            return RawText.of(buf, 0, end, length);
        }

        private boolean crAt(FileChannel ch, long at) throws IOException {
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
            open.clear();
        }
    }
}
