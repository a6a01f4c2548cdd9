package org.wormsign.format;

/**
 * Reads lines of one format into a reused {@link LogRecord}. Not thread-safe: one per thread and input.
 * A parser may keep state between lines (an IIS W3C {@code #Fields} directive changes the columns of the
 * lines after it), so it is fed every line of an input in order.
 */
public interface LineParser {
    /** Returned for a line that is a record. */
    int RECORD = -1;
    /** Returned for a line that is not a record by design (a W3C directive). */
    int SKIPPED = -2;

    /** {@link #RECORD}, {@link #SKIPPED}, or the ordinal of the {@link Reject} that says why not. */
    int parse(byte[] bytes, int start, int end, LogRecord record);

    /**
     * The zone of the local times read so far where the format's lines decide whether they log any (W3C's
     * {@code date-local}); null if none were read. Formats that always or never log local time say so with
     * {@link LogFormat#logsLocalTime()} instead.
     */
    default java.time.ZoneId localZone() { return null; }

    /**
     * The field the client of the records read so far was taken from, where the format's lines decide it (a JSON
     * layout names several keys that may hold it, the first present winning); null: the format's own
     * {@link LogFormat#clientField()}, or no record read.
     */
    default String clientField() { return null; }
}
