package org.wormsign.format.iis;

import java.nio.charset.StandardCharsets;

import org.wormsign.format.Addresses;
import org.wormsign.format.ByteSearch;
import org.wormsign.format.CivilTime;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;

/** Reads W3C extended lines with the {@code #Fields} in force; directives change it. Byte level, no copies. */
public final class W3cParser implements LineParser {
    private static final int MAX_COLUMNS = 64;

    private W3cFields fields;
    /** From {@code #Date:}: the day of lines whose columns have no date. */
    private long directiveEpochDay = Long.MIN_VALUE;
    private final int[] starts = new int[MAX_COLUMNS + 1];
    private final int[] ends = new int[MAX_COLUMNS + 1];
    private final byte[] lastDate = new byte[10];
    private long lastEpochDay = Long.MIN_VALUE;

    W3cParser(W3cFields inForce) {
        this.fields = inForce;
    }

    /** The columns in force now (for a chunked reader that hands a file's middle to another thread). */
    W3cFields fields() { return fields; }

    @Override public int parse(byte[] b, int start, int end, LogRecord rec) {
        rec.wrap(b, start, end);
        if (end > start && b[start] == '#') {
            directive(b, start, end);
            return SKIPPED;
        }
        if (fields == null) return Reject.NO_MATCH.ordinal();
        while (end > start && (b[end - 1] == ' ' || b[end - 1] == '\t')) end--;
        // Columns between single spaces (two spaces make an empty column, as IIS never writes).
        int n = 0;
        for (int s = start; ; ) {
            int p = ByteSearch.next(b, s, end, (byte) ' ');
            if (n == MAX_COLUMNS) return Reject.NO_MATCH.ordinal();
            starts[n] = s;
            ends[n] = p;
            n++;
            if (p == end) break;
            s = p + 1;
        }
        W3cFields f = fields;
        if (n != f.count()) {
            // Fewer columns whose times read: a line cut by a crash or a rotation mid-write.
            if (n < f.count() && n >= 2 && timesRead(f, b, n)) return Reject.TRUNCATED.ordinal();
            return Reject.foreign(b, start, end).ordinal();
        }
        long day = directiveEpochDay;
        long secondOfDay = Long.MIN_VALUE;
        int bad = 0;
        Reject reason = null;
        for (int i = 0; i < n; i++) {
            int cs = starts[i], ce = ends[i];
            switch (f.columns[i]) {
                case DATE: day = epochDay(b, cs, ce); if (day == Long.MIN_VALUE) { bad++; reason = Reject.BAD_TIMESTAMP; } break;
                case TIME: secondOfDay = secondOfDay(b, cs, ce); if (secondOfDay < 0) { bad++; reason = Reject.BAD_TIMESTAMP; } break;
                case CLIENT:
                    if (Addresses.plausibleClient(b, cs, ce)) rec.setClient(cs, ce); else { bad++; reason = Reject.BAD_ADDRESS; }
                    break;
                case TARGET:
                    if (ce - cs > Addresses.MAX_TARGET_BYTES) { bad++; reason = Reject.FIELD_TOO_LONG; }
                    else if (!dash(b, cs, ce)) rec.setTarget(cs, ce);
                    break;
                case METHOD: if (!dash(b, cs, ce)) rec.setMethod(cs, ce); break;
                case PATH: if (!dash(b, cs, ce)) rec.setPath(cs, ce); break;
                case QUERY: if (!dash(b, cs, ce)) rec.setQuery(cs, ce); break;
                case URI: if (!dash(b, cs, ce)) rec.splitUri(cs, ce); break;
                case STATUS: {
                    int st = status(b, cs, ce);
                    if (st == Integer.MIN_VALUE) { bad++; reason = Reject.BAD_STATUS; } else rec.setStatus(st);
                    break;
                }
                default: break;
            }
        }
        if (bad > 1) return Reject.NO_MATCH.ordinal();   // free text that happens to have the right word count
        if (bad == 1) return reason.ordinal();
        if (day == Long.MIN_VALUE || secondOfDay == Long.MIN_VALUE) return Reject.BAD_TIMESTAMP.ordinal();
        // A #Fields without c-ip logs no source: its lines cannot be attributed (bad-address), never a record without one.
        if (rec.clientStart() < 0) return Reject.BAD_ADDRESS.ordinal();
        rec.setQueryLogged(f.hasQuery);
        rec.setEpochSecond(day * 86400L + secondOfDay);
        return RECORD;
    }

    private void directive(byte[] b, int start, int end) {
        if (startsWith(b, start, end, "#Fields:")) {
            fields = W3cFields.compile(new String(b, start + 8, end - start - 8, StandardCharsets.ISO_8859_1));
        } else if (startsWith(b, start, end, "#Date:")) {
            long day = directiveDay(b, start, end);
            if (day != Long.MIN_VALUE) directiveEpochDay = day;
        }
        // #Software, #Version, #Remark, #Start-Date, #End-Date: informative only.
    }

    /**
     * The day (days since 1970-01-01) that the {@code #Date:} directive {@code [start, end)} sets for lines
     * without a date column, or {@link Long#MIN_VALUE} if it cannot be read (the day before it then stands).
     */
    public static long directiveDay(byte[] b, int start, int end) {
        int p = start + 6;
        while (p < end && b[p] == ' ') p++;
        return p + 10 <= end ? day(b, p, p + 10) : Long.MIN_VALUE;
    }

    /** Whether the {@code #Fields:} directive {@code [start, end)} names a date column (its lines carry their day). */
    public static boolean fieldsHaveDate(byte[] b, int start, int end) {
        return W3cFields.compile(new String(b, start + 8, end - start - 8, StandardCharsets.ISO_8859_1)).hasDate;
    }

    /** A yyyy-mm-dd date column, with the last one read kept: a log's lines share a few days. */
    private long epochDay(byte[] b, int s, int e) {
        if (lastEpochDay != Long.MIN_VALUE && e - s == 10 && java.util.Arrays.equals(b, s, e, lastDate, 0, 10)) return lastEpochDay;
        long day = day(b, s, e);
        if (day == Long.MIN_VALUE) return day;
        System.arraycopy(b, s, lastDate, 0, 10);
        lastEpochDay = day;
        return day;
    }

    private static long day(byte[] b, int s, int e) {
        if (e - s != 10 || b[s + 4] != '-' || b[s + 7] != '-') return Long.MIN_VALUE;
        int y = fourDigits(b, s), m = twoDigits(b, s + 5), d = twoDigits(b, s + 8);
        if (y < 0 || m < 0 || d < 0 || !CivilTime.validDate(y, m, d)) return Long.MIN_VALUE;
        return CivilTime.epochDay(y, m, d);
    }

    /** hh:mm:ss, optionally with a fraction (IIS 7+ may log .fff), as seconds of the day; -1 if invalid. */
    private static long secondOfDay(byte[] b, int s, int e) {
        if (e - s < 8 || b[s + 2] != ':' || b[s + 5] != ':') return -1;
        if (e - s > 8 && b[s + 8] != '.') return -1;
        int h = twoDigits(b, s), m = twoDigits(b, s + 3), sec = twoDigits(b, s + 6);
        if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) return -1;
        // A leap second (:60) stays in its own minute, so in its own UTC day.
        return h * 3600L + m * 60L + Math.min(sec, 59);
    }

    private static int status(byte[] b, int s, int e) {
        if (dash(b, s, e)) return -1;
        if (e - s != 3) return Integer.MIN_VALUE;
        int v = 0;
        for (int p = s; p < e; p++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) return Integer.MIN_VALUE;
            v = v * 10 + d;
        }
        return v < 100 ? Integer.MIN_VALUE : v;
    }

    /** Whether the first n columns hold at least one date or time column and all of them read. */
    private boolean timesRead(W3cFields f, byte[] b, int n) {
        boolean any = false;
        for (int i = 0; i < n; i++) {
            if (f.columns[i] == W3cFields.Column.DATE) {
                if (epochDay(b, starts[i], ends[i]) == Long.MIN_VALUE) return false;
                any = true;
            } else if (f.columns[i] == W3cFields.Column.TIME) {
                if (secondOfDay(b, starts[i], ends[i]) < 0) return false;
                any = true;
            }
        }
        return any;
    }

    private static boolean dash(byte[] b, int s, int e) {
        return e - s == 1 && b[s] == '-' || e == s;
    }

    private static boolean startsWith(byte[] b, int s, int e, String prefix) {
        if (e - s < prefix.length()) return false;
        for (int i = 0; i < prefix.length(); i++) if (b[s + i] != prefix.charAt(i)) return false;
        return true;
    }

    private static int twoDigits(byte[] b, int p) {
        int d1 = b[p] - '0', d2 = b[p + 1] - '0';
        return d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9 ? -1 : d1 * 10 + d2;
    }

    private static int fourDigits(byte[] b, int p) {
        int hi = twoDigits(b, p), lo = twoDigits(b, p + 2);
        return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
    }
}
