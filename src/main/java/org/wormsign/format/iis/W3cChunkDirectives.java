package org.wormsign.format.iis;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.wormsign.format.ChunkDirectives;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogRecord;

/**
 * W3C lines mean what the {@code #Fields} (and {@code #Date}, and {@code #GMT-Offset}) in force say. A chunk starts
 * with those of the file's head; once the chunk before it is done, the directives it left in force are known,
 * and a chunk that began with others is read again with them. Besides the {@code #Fields} in force, the last
 * {@code #Fields} of each column count is carried: a line that does not fit the one in force may be realigned to
 * an earlier one with its count ({@link W3cParser#lookedBack}).
 */
public final class W3cChunkDirectives implements ChunkDirectives {
    /** No #Date read: days are counted from 1970, so this is none of them. */
    private static final long NO_DAY = Long.MIN_VALUE;

    /**
     * The W3C directives that decide what a line means: the last {@code #Fields:} line (without its line
     * end), null if none, the day of the last readable {@code #Date:}, {@link #NO_DAY} if none, and the last
     * {@code #Fields:} line of each column count (a line that does not fit the one in force may be read by
     * an earlier one with its count), and the last readable {@code #GMT-Offset:} line, null if none (the
     * offset of local date and time columns).
     */
    record Directives(byte[] fields, long day, Map<Integer, String> layouts, byte[] offset) implements InForce {
        static final Directives NONE = new Directives(null, NO_DAY, Map.of(), null);
    }

    @Override public InForce none() { return Directives.NONE; }

    /**
     * The directives of the file's head: its first lines that start with {@code #} (a blank line may come
     * first), up to the first line that does not.
     */
    @Override public InForce atHead(byte[] head, int length) {
        byte[] fields = null;
        long day = NO_DAY;
        TreeMap<Integer, String> layouts = new TreeMap<>();
        byte[] offset = null;
        int p = 0;
        while (p < length) {
            int e = p;
            while (e < length && head[e] != '\n') e++;
            if (e == length) break;   // a line cut by the end of what was read: not a whole directive
            int end = e > p && head[e - 1] == '\r' ? e - 1 : e;
            if (end > p && head[p] != '#') break;
            if (W3cParser.startsWith(head, p, end, "#Fields:")) {
                fields = Arrays.copyOfRange(head, p, end);
                int width = W3cParser.fieldsDirective(head, p, end).count();
                if (width <= W3cParser.MAX_COLUMNS) layouts.put(width, new String(fields, StandardCharsets.ISO_8859_1));
            } else if (W3cParser.startsWith(head, p, end, "#Date:")) {
                long d = W3cParser.directiveDay(head, p, end);
                if (d != NO_DAY) day = d;
            } else if (W3cParser.startsWith(head, p, end, "#GMT-Offset:") && W3cParser.directiveOffset(head, p, end) != null) {
                offset = Arrays.copyOfRange(head, p, end);
            }
            p = e + 1;
        }
        return new Directives(fields, day, Collections.unmodifiableMap(layouts), offset);
    }

    @Override public Chunk begin(LineParser parser, InForce inForce) {
        Directives primed = (Directives) inForce;
        LogRecord scratch = new LogRecord();
        if (primed.day() != NO_DAY) {
            byte[] date = ("#Date: " + java.time.LocalDate.ofEpochDay(primed.day()) + " 00:00:00").getBytes(StandardCharsets.ISO_8859_1);
            parser.parse(date, 0, date.length, scratch);
        }
        // The earlier #Fields first, the one in force last: the parser then holds both as one pass would.
        for (String earlier : primed.layouts().values()) {
            byte[] line = earlier.getBytes(StandardCharsets.ISO_8859_1);
            parser.parse(line, 0, line.length, scratch);
        }
        if (primed.offset() != null) parser.parse(primed.offset(), 0, primed.offset().length, scratch);
        if (primed.fields() != null) parser.parse(primed.fields(), 0, primed.fields().length, scratch);
        return new Tracker(parser, primed);
    }

    /** Notes the W3C directives among a chunk's lines, and whether a line needed the primed #Date. */
    private static final class Tracker implements Chunk {
        private final LineParser parser;
        private final Directives primed;
        /** The last #Fields line of this chunk, or null. */
        private byte[] fields;
        /** The last #Fields line of each column count in this chunk. */
        private final Map<Integer, String> layouts = new TreeMap<>();
        private long day = NO_DAY;
        /** The last readable #GMT-Offset line of this chunk. */
        private byte[] gmtOffset;
        private boolean fieldsInForceHaveDate;
        private boolean fieldsInForceKnown;
        private boolean usedPrimedDay;

        Tracker(LineParser parser, Directives primed) {
            this.parser = parser;
            this.primed = primed;
            this.fieldsInForceKnown = primed.fields() != null;
            this.fieldsInForceHaveDate = primed.fields() != null && W3cParser.fieldsHaveDate(primed.fields(), 0, primed.fields().length);
        }

        @Override public void line(byte[] buf, int start, int end) {
            if (end > start && buf[start] == '#') {
                if (W3cParser.startsWith(buf, start, end, "#Fields:")) {
                    fields = Arrays.copyOfRange(buf, start, end);
                    W3cFields columns = W3cParser.fieldsDirective(buf, start, end);
                    fieldsInForceKnown = true;
                    fieldsInForceHaveDate = columns.hasDate();
                    if (columns.count() <= W3cParser.MAX_COLUMNS) layouts.put(columns.count(), new String(fields, StandardCharsets.ISO_8859_1));
                } else if (W3cParser.startsWith(buf, start, end, "#Date:")) {
                    long d = W3cParser.directiveDay(buf, start, end);
                    if (d != NO_DAY) day = d;
                } else if (W3cParser.startsWith(buf, start, end, "#GMT-Offset:") && W3cParser.directiveOffset(buf, start, end) != null) {
                    gmtOffset = Arrays.copyOfRange(buf, start, end);
                }
            } else if (day == NO_DAY && fieldsInForceKnown && !fieldsInForceHaveDate && end > start) {
                // A line with no date column, before any #Date of this chunk: dated by the one it began with.
                usedPrimedDay = true;
            }
        }

        @Override public boolean readAsIfPrimedWith(InForce before) { return alone().readAsIfPrimedWith(before); }

        @Override public InForce leaves(InForce inForce) { return alone().leaves(inForce); }

        @Override public ZoneId localZone() { return parser.localZone(); }

        @Override public Chunk alone() {
            return new Read(primed, fields, Collections.unmodifiableMap(new TreeMap<>(layouts)), day, gmtOffset, usedPrimedDay,
                    parser instanceof W3cParser w && w.lookedBack(), parser.localZone());
        }
    }

    /**
     * What a chunk's lines showed of the directives, once read (a {@link Tracker}'s, without its parser): the
     * directives it began with; its own last {@code #Fields}, {@code #Fields} per column count, {@code #Date} day and
     * {@code #GMT-Offset} (null, empty, {@link #NO_DAY}, null where it had none); whether a line took its day from the
     * primed {@code #Date}, whether a line was realigned to an earlier {@code #Fields} ({@link W3cParser#lookedBack}),
     * and the zone of the last local time read.
     */
    private record Read(Directives primed, byte[] fields, Map<Integer, String> layouts, long day, byte[] gmtOffset, boolean usedPrimedDay,
                        boolean lookedBack, ZoneId localZone) implements Chunk, java.io.Serializable {
        @Override public void line(byte[] b, int start, int end) {
            throw new IllegalStateException("a chunk's lines are shown to its tracker, not to what it left");
        }

        /**
         * The same #Fields, the same #Date day unless no line took its day from it (each line's own date column
         * wins, and a #Date or a #Fields later in the chunk comes first), and the same earlier #Fields unless every
         * line fitted the #Fields in force.
         */
        @Override public boolean readAsIfPrimedWith(InForce before) {
            Directives inForce = (Directives) before;
            if (!Arrays.equals(primed.fields(), inForce.fields())) return false;
            if (lookedBack && !primed.layouts().equals(inForce.layouts())) return false;
            // Only local columns (IIS Advanced Logging) use it: a chunk that read none means the same either way.
            if (localZone != null && !Arrays.equals(primed.offset(), inForce.offset())) return false;
            return !usedPrimedDay || primed.day() == inForce.day();
        }

        @Override public InForce leaves(InForce inForce) {
            Directives before = (Directives) inForce;
            Map<Integer, String> all = before.layouts();
            if (!layouts.isEmpty()) {
                TreeMap<Integer, String> merged = new TreeMap<>(all);
                merged.putAll(layouts);
                all = Collections.unmodifiableMap(merged);
            }
            return new Directives(fields != null ? fields : before.fields(), day != NO_DAY ? day : before.day(), all,
                    gmtOffset != null ? gmtOffset : before.offset());
        }

        @Override public Chunk alone() { return this; }
    }
}
