package org.wormsign.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Function;

import org.wormsign.aggregate.Aggregator;
import org.wormsign.format.FormatSniffer;
import org.wormsign.format.LogFormat;
import org.wormsign.input.LineReader;

/**
 * The lines of a log whose format is not known yet. Each line goes to one {@link RecordSink} per format the
 * {@link FormatSniffer} may name, and to one that rejects every line (no format), each counting into an
 * aggregator of its own, until the sniffer decides; from then on only to the chosen one. So the lines read
 * while deciding are counted exactly as if the chosen format had been named from the start (the junk before
 * them as rejects with their reasons, an over-long line as {@code line-too-long}), and none is held back or
 * read twice: standard input, a pipe or a .gz is read once. Deciding costs every candidate's parsing of the
 * lines it takes, and a few aggregators of at most 200 records and 10 reject samples per reason each; of an
 * over-long line, only its first bytes are ever held.
 *
 * <p>The sniffer decides once {@value FormatSniffer#SAMPLE_LINES} lines have been read by some format; or
 * when {@link #BUDGET} bytes of lines that none reads have been looked at (lines over the line limit are not
 * looked at: any run of them is read past, a 5 MB junk line or a 500 MB hole of NULs); or at the input's
 * end. An input found in a folder or an archive (not named by the user) is a log only if it shows it soon:
 * it is set aside when {@link #BUDGET} bytes of it, over-long lines included, hold no line in a known format,
 * and already after its first {@link #NOT_TEXT_BYTES} if those are not text ({@link
 * org.wormsign.input.TextForm#notText}) and hold no log line either: a journal, a core dump or a video in
 * {@code /var/log} costs 64 KiB, not 64 MiB, and it is not read to its end. Such an input is kept (read to
 * its end, every line a reject) when what was read of it looks like an access log ({@link AccessLogShape}) or
 * carries the worm's request: that is an error to report, not a file to pass over.
 */
final class FormatDecision implements LineReader.Sink {
    /** How much is looked at, at most, before deciding on the lines read so far. */
    static final long BUDGET = 64L << 20;
    /** How much of a found input that is not text is read before it is set aside. */
    static final int NOT_TEXT_BYTES = InputScan.HEAD_BYTES;

    private static final int UNDECIDED = -1;
    /** The format name of an input whose lines none reads. */
    static final String UNRECOGNISED = "unrecognised";

    private final FormatSniffer sniffer;
    private final int formats;
    /** One per format of the sniffer, then the one for no format. */
    private final RecordSink[] sinks;
    private final boolean explicit;
    private int chosen = UNDECIDED;
    /** Bytes of the lines looked at while undecided. */
    private long tried;
    /** Bytes of the (decoded) input read through {@link #watch}. */
    private long read;
    /** Why a found input was set aside before its end, or null. */
    private String cutBecause;
    /** How much the lines looked at while deciding look like an access log. */
    private final AccessLogShape shape = new AccessLogShape();

    /**
     * @param explicit whether the input was named by the user (else found in a folder or archive)
     * @param bom bytes of a UTF-8 byte-order mark at offset 0, passed over
     * @param aggregatorFor a new aggregator for lines read in the format of this name ({@code unrecognised}: none)
     */
    FormatDecision(List<LogFormat> candidates, boolean explicit, int bom, Function<String, Aggregator> aggregatorFor) {
        this.sniffer = new FormatSniffer(candidates);
        this.explicit = explicit;
        List<LogFormat> all = sniffer.formats();
        this.formats = all.size();
        this.sinks = new RecordSink[formats + 1];
        for (int k = 0; k < formats; k++) sinks[k] = new RecordSink(aggregatorFor.apply(all.get(k).name()), all.get(k).newParser(), bom);
        sinks[formats] = new RecordSink(aggregatorFor.apply(UNRECOGNISED), null, bom);
    }

    @Override public void line(byte[] buf, int start, int end, long lineNumber, long offset) {
        if (chosen != UNDECIDED) {
            sinks[chosen].line(buf, start, end, lineNumber, offset);
            return;
        }
        boolean blank = false;
        for (int k = 0; k < formats; k++) {
            int r = sinks[k].take(buf, start, end, lineNumber, offset);
            if (r == RecordSink.BLANK) blank = true;
            else sniffer.outcome(k, r, sinks[k].record());
        }
        sinks[formats].take(buf, start, end, lineNumber, offset);
        if (blank) return;
        shape.look(buf, start, end);
        tried += end - start;
        if (sniffer.lineDone() || tried >= BUDGET) decide();
    }

    @Override public void tooLong(byte[] buf, int prefixStart, int prefixEnd, long lineNumber, long offset, long length) {
        if (chosen != UNDECIDED) {
            sinks[chosen].tooLong(buf, prefixStart, prefixEnd, lineNumber, offset, length);
            return;
        }
        for (RecordSink s : sinks) s.tooLong(buf, prefixStart, prefixEnd, lineNumber, offset, length);
    }

    private void decide() {
        int w = sniffer.winner();
        chosen = w < 0 ? formats : w;
        for (int k = 0; k < sinks.length; k++) if (k != chosen) sinks[k].aggregator().discard();
    }

    /** Decides on the lines read so far, if not yet decided: at the input's end, or where a read stopped. */
    void finish() {
        if (chosen == UNDECIDED) decide();
    }

    boolean decided() { return chosen != UNDECIDED; }

    /** Whether a format was chosen; false: every line is a reject. */
    boolean recognised() { return chosen != UNDECIDED && chosen < formats; }

    /** The chosen format, or null. */
    LogFormat format() { return recognised() ? sniffer.formats().get(chosen) : null; }

    String name() { return recognised() ? format().name() : UNRECOGNISED; }

    /** What the chosen format's lines counted to, from the input's first line. */
    Aggregator aggregator() { return sinks[chosen].aggregator(); }

    /** The chosen format's parser (it read every line), or null. */
    org.wormsign.format.LineParser parser() { return recognised() ? sinks[chosen].parser() : null; }

    /** Bytes read through {@link #watch}. */
    long bytesRead() { return read; }

    /** How much the lines looked at while deciding look like an access log. */
    AccessLogShape shape() { return shape; }

    /**
     * Lines of the worm's request among those rejected for want of a format (the worm's request anywhere in
     * a line, {@link org.wormsign.detect.Classifier#scanLine}).
     */
    long wormLines() {
        var t = sinks[formats].aggregator().aggregate().totals();
        return t.codeRedInRejects() + t.codeRedIIInRejects();
    }

    /**
     * Whether an input no known format reads is still one to report, not set aside: its lines look like an
     * access log, or one carries the worm's request (never dropped quietly).
     */
    boolean worthReporting() {
        return shape.looksLikeAccessLog() || wormLines() > 0;
    }

    /**
     * Why an input found in a folder or archive is not a log, or null if it is one, may be one worth
     * reporting (see {@link #worthReporting}), or was named by the user.
     */
    String setAside() {
        if (explicit || recognised() || read == 0 || worthReporting()) return null;
        return "not a log in a known format (" + (cutBecause != null ? cutBecause : "none of its first lines parse") + ")";
    }

    /** Whether the input was set aside before its end: it was not read through. */
    boolean cut() { return cutBecause != null; }

    /**
     * The (decoded) input as the line reader is to read it: counted, and for an input found in a folder or
     * archive, ended where it is set aside. It never ends between where one read would and many small ones
     * would: the checks fall at fixed offsets, which it does not read past in one go, and the line reader
     * has handed on every line that ended before them when it asks for more.
     *
     * @param notText whether the head of the input is not text (then a found input is set aside after it)
     */
    InputStream watch(InputStream text, boolean notText) {
        return new Watch(text, notText && !explicit, false);
    }

    /** As {@link #watch}, but it also ends once the format is decided: for a file read again from its start. */
    InputStream untilDecided(InputStream text, boolean notText) {
        return new Watch(text, notText && !explicit, true);
    }

    private final class Watch extends InputStream {
        private final InputStream in;
        private final boolean notText;
        private final boolean untilDecided;
        private boolean ended;

        Watch(InputStream in, boolean notText, boolean untilDecided) {
            this.in = in;
            this.notText = notText;
            this.untilDecided = untilDecided;
        }

        @Override public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (!ended && chosen == UNDECIDED && !explicit) checkpoint();
            if (cutBecause != null || untilDecided && chosen != UNDECIDED) ended = true;
            if (ended) return -1;
            int n = in.read(b, off, (int) Math.min(len, next() - read));
            if (n > 0) read += n;
            return n;
        }

        /** A found input not yet decided on: set it aside here, or decide on what was read. */
        private void checkpoint() {
            if (notText && read == NOT_TEXT_BYTES && !sniffer.anyRead() && !worthReporting()) {
                cutBecause = "not text, and none of its first " + NOT_TEXT_BYTES / 1024 + " KiB is a log line";
                decide();
            } else if (read >= BUDGET) {
                decide();
                if (!recognised() && !worthReporting()) cutBecause = "none of its first " + (BUDGET >> 20) + " MiB parses";
            }
        }

        /** The offset of the next check: no read goes past it. */
        private long next() {
            if (chosen != UNDECIDED || explicit) return Long.MAX_VALUE;
            return notText && read < NOT_TEXT_BYTES ? NOT_TEXT_BYTES : BUDGET;
        }

        @Override public void close() throws IOException {
            in.close();
        }
    }
}
