package org.wormsign.pipeline;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;

import org.wormsign.aggregate.Aggregator;
import org.wormsign.detect.Classifier;
import org.wormsign.format.FormatSniffer;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogFormat;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;
import org.wormsign.input.CountingDigestInputStream;
import org.wormsign.input.Decompression;
import org.wormsign.input.Input;
import org.wormsign.input.LineReader;
import org.wormsign.input.NonClosingInputStream;

/** Reads one input from its first byte to its last: decompress, sniff, frame, parse, classify, aggregate. */
public final class InputScan implements LineReader.Sink {
    /** How much of the decompressed input the sniffer sees. */
    static final int SNIFF_BYTES = 64 * 1024;

    private final Aggregator aggregator;
    private final LogRecord record = new LogRecord();
    private LineParser parser;

    private InputScan(int index, Input input) {
        this.aggregator = new Aggregator(index, input.name());
    }

    public static InputResult scan(int index, Input input, AnalyzeOptions options) {
        return scan(index, input, options, Progress.NONE);
    }

    public static InputResult scan(int index, Input input, AnalyzeOptions options, Progress progress) {
        return new InputScan(index, input).run(index, input, options, progress);
    }

    private InputResult run(int index, Input input, AnalyzeOptions options, Progress progress) {
        List<String> errors = new ArrayList<>();
        String codec = "plain";
        String format = "unrecognised";
        long lines = 0;
        CountingDigestInputStream raw = null;
        try (InputStream opened = input.openRaw()) {
            raw = new CountingDigestInputStream(opened, progress::advance);
            Decompression.Opened dec = Decompression.open(raw);
            codec = dec.codec().name().toLowerCase(java.util.Locale.ROOT);
            InputStream in = dec.stream();
            byte[] head = in.readNBytes(SNIFF_BYTES);
            boolean whole = head.length < SNIFF_BYTES;
            LogFormat plan = options.forcedFormat();
            if (plan != null) {
                format = plan.name();
            } else {
                FormatSniffer.Sniffed sniffed = FormatSniffer.sniff(head, head.length, whole, KnownFormats.sniffCandidates(options.zone()));
                plan = sniffed.format();
                format = head.length == 0 ? "empty" : sniffed.name();
                if (plan == null && head.length > 0) {
                    if (!input.explicit()) {
                        return new InputResult(index, input.name(), raw.count(), raw.finishSha256(), codec, format,
                                aggregator.aggregate(), List.of(), "not a log in a known format (none of its first lines parse)");
                    }
                    errors.add("format not recognised from its first lines; every line is rejected (name the format with --format, --log-format or --nginx-format)");
                }
            }
            parser = plan == null ? null : plan.newParser();
            // SequenceInputStream closes what it has read to the end; the digest still needs the raw stream.
            InputStream all = whole ? new ByteArrayInputStream(head) : new SequenceInputStream(new ByteArrayInputStream(head), new NonClosingInputStream(in));
            new LineReader(all, options.maxLineBytes()).readAll(this);
            return new InputResult(index, input.name(), raw.count(), raw.finishSha256(), codec, format,
                    aggregator.aggregate(), errors, null);
        } catch (IOException | RuntimeException e) {
            // A corrupt or truncated archive, a vanished file: keep what was read, say how far it got.
            long done = aggregator.aggregate().totals().lines();
            errors.add("read stopped after " + done + " lines" + (raw == null ? "" : " (" + raw.count() + " bytes)")
                    + ": " + describe(e));
            return new InputResult(index, input.name(), raw == null ? 0 : raw.count(), null, codec, format,
                    aggregator.aggregate(), errors, null);
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        String kind = e instanceof java.io.EOFException ? "unexpected end of data" : e.getClass().getSimpleName();
        return m == null || m.isBlank() ? kind : kind + ": " + m;
    }

    @Override public void line(byte[] buf, int start, int end, long lineNumber, long offset) {
        if (isBlank(buf, start, end)) {
            aggregator.skipped();
            return;
        }
        if (parser == null) {
            aggregator.rejected(Reject.NO_MATCH, buf, start, end, end - start, lineNumber, offset);
            return;
        }
        int r = parser.parse(buf, start, end, record);
        if (r == LineParser.RECORD) {
            aggregator.record(record, Classifier.classify(record), lineNumber, offset);
        } else if (r == LineParser.SKIPPED) {
            aggregator.skipped();
        } else {
            aggregator.rejected(Reject.ofOrdinal(r), buf, start, end, end - start, lineNumber, offset);
        }
    }

    @Override public void tooLong(byte[] buf, int prefixStart, int prefixEnd, long lineNumber, long offset, long length) {
        aggregator.rejected(Reject.LINE_TOO_LONG, buf, prefixStart, prefixEnd, length, lineNumber, offset);
    }

    private static boolean isBlank(byte[] b, int start, int end) {
        for (int p = start; p < end; p++) if (b[p] != ' ' && b[p] != '\t') return false;
        return true;
    }
}
