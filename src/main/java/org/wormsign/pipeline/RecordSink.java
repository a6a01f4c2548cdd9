package org.wormsign.pipeline;

import org.wormsign.aggregate.Aggregator;
import org.wormsign.detect.Classifier;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;
import org.wormsign.input.LineReader;

/** Each framed line of a log: parsed, classified and counted into one aggregator. The per-line hot path. */
final class RecordSink implements LineReader.Sink {
    private final Aggregator aggregator;
    private final LineParser parser;
    private final LogRecord record = new LogRecord();
    /** Bytes of a UTF-8 byte-order mark at offset 0, passed over. */
    private final int bom;
    /** What {@link #take} returns for a blank line: counted as skipped, never parsed. */
    static final int BLANK = -3;

    /** @param parser null when the format is not known: every non-blank line is then a reject */
    RecordSink(Aggregator aggregator, LineParser parser, int bom) {
        this.aggregator = aggregator;
        this.parser = parser;
        this.bom = bom;
    }

    @Override public void line(byte[] buf, int start, int end, long lineNumber, long offset) {
        take(buf, start, end, lineNumber, offset);
    }

    /**
     * Counts the line, and says how: {@link LineParser#RECORD} (the record is then {@link #record()}),
     * {@link LineParser#SKIPPED}, {@link #BLANK}, or the ordinal of the {@link Reject}.
     */
    int take(byte[] buf, int start, int end, long lineNumber, long offset) {
        if (offset == 0 && bom > 0 && end - start >= bom) start += bom;
        if (isBlank(buf, start, end)) {
            aggregator.skipped();
            return BLANK;
        }
        if (parser == null) {
            Reject reason = Reject.foreign(buf, start, end);
            aggregator.rejected(reason, buf, start, end, end - start, lineNumber, offset);
            return reason.ordinal();
        }
        int r = parser.parse(buf, start, end, record);
        if (r == LineParser.RECORD) {
            aggregator.record(record, Classifier.classify(record), lineNumber, offset);
        } else if (r == LineParser.SKIPPED) {
            aggregator.skipped();
        } else {
            aggregator.rejected(Reject.ofOrdinal(r), buf, start, end, end - start, lineNumber, offset);
        }
        return r;
    }

    /** The record the last line taken was read into. */
    LogRecord record() { return record; }

    Aggregator aggregator() { return aggregator; }

    /** The parser it reads with; null when the format is not known. */
    LineParser parser() { return parser; }

    @Override public void tooLong(byte[] buf, int prefixStart, int prefixEnd, long lineNumber, long offset, long length) {
        aggregator.rejected(Reject.LINE_TOO_LONG, buf, prefixStart, prefixEnd, length, lineNumber, offset);
    }

    private static boolean isBlank(byte[] b, int start, int end) {
        for (int p = start; p < end; p++) if (b[p] != ' ' && b[p] != '\t') return false;
        return true;
    }
}
