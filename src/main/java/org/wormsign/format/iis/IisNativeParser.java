package org.wormsign.format.iis;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import org.wormsign.format.Addresses;
import org.wormsign.format.CivilTime;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;

/**
 * Splits IIS native lines with Univocity's CSV parser (commas, blanks after them, no quoting) and fills a
 * {@link LogRecord}. The record points into a scratch copy of the line followed by the field values it
 * reads. This format is rare and small next to W3C; correctness over speed here.
 */
final class IisNativeParser implements LineParser {
    static final int FIELDS = 15;
    private static final int CLIENT = 0, DATE = 2, TIME = 3, SERVER_IP = 6, STATUS = 10, METHOD = 12, TARGET = 13, PARAMETERS = 14;

    private final CsvParser csv;
    private final ZoneRules zone;
    private byte[] scratch = new byte[4096];
    private int used;
    /** The last local hour converted, and its UTC offset: zone rules are looked up once an hour of log. */
    private long lastLocalHour = Long.MIN_VALUE;
    private int lastOffset;

    IisNativeParser(ZoneId zone) {
        CsvParserSettings s = new CsvParserSettings();
        s.getFormat().setDelimiter(',');
        s.getFormat().setQuote('\0');
        s.getFormat().setLineSeparator("\n");
        s.setIgnoreLeadingWhitespaces(true);
        s.setIgnoreTrailingWhitespaces(true);
        s.setMaxColumns(64);
        s.setMaxCharsPerColumn(-1);
        s.setNullValue("");
        s.setEmptyValue("");
        this.csv = new CsvParser(s);
        this.zone = zone.getRules();
    }

    @Override public int parse(byte[] b, int start, int end, LogRecord rec) {
        String line = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        String[] f;
        try {
            f = csv.parseLine(line);
        } catch (RuntimeException e) {
            rec.wrap(b, start, end);
            return Reject.NO_MATCH.ordinal();
        }
        // Keep the original line at the start of the scratch buffer so evidence shows it as logged.
        used = 0;
        // Room for the line and every value appended after it (values are parts of the line), so the
        // buffer the record points at is never replaced while it is filled.
        ensure(2 * (end - start) + 64);
        System.arraycopy(b, start, scratch, 0, end - start);
        used = end - start;
        rec.wrap(scratch, 0, used);
        // Fifteen fields and the trailing comma's empty sixteenth.
        if (f == null || f.length < FIELDS) {
            return f != null && f.length >= 4 && date(f[DATE]) != Long.MIN_VALUE ? Reject.TRUNCATED.ordinal() : Reject.NO_MATCH.ordinal();
        }
        if (f.length > FIELDS + 1 || f.length == FIELDS + 1 && !f[FIELDS].isEmpty()) return Reject.NO_MATCH.ordinal();
        long day = date(f[DATE]);
        long second = time(f[TIME]);
        int status = status(f[STATUS]);
        int bad = (day == Long.MIN_VALUE || second < 0 ? 1 : 0) + (status == Integer.MIN_VALUE ? 1 : 0);
        int client = append(f[CLIENT]);
        boolean clientOk = Addresses.plausibleClient(scratch, client, used);
        if (!clientOk) bad++;
        if (bad > 1) return Reject.NO_MATCH.ordinal();
        if (!clientOk) return Reject.BAD_ADDRESS.ordinal();
        if (day == Long.MIN_VALUE || second < 0) return Reject.BAD_TIMESTAMP.ordinal();
        if (status == Integer.MIN_VALUE) return Reject.BAD_STATUS.ordinal();
        rec.setClient(client, used);
        rec.setStatus(status);
        rec.setEpochSecond(toUtc(day, second));
        if (f[SERVER_IP].length() > Addresses.MAX_TARGET_BYTES) return Reject.FIELD_TOO_LONG.ordinal();
        if (!dash(f[SERVER_IP])) { int s = append(f[SERVER_IP]); rec.setTarget(s, used); }
        if (!dash(f[METHOD])) { int s = append(f[METHOD]); rec.setMethod(s, used); }
        if (!dash(f[TARGET])) { int s = append(f[TARGET]); rec.setPath(s, used); }
        if (!dash(f[PARAMETERS])) { int s = append(f[PARAMETERS]); rec.setQuery(s, used); }
        return RECORD;
    }

    private long toUtc(long epochDay, long secondOfDay) {
        long localHour = epochDay * 24 + secondOfDay / 3600;
        if (localHour != lastLocalHour) {
            LocalDateTime ldt = LocalDateTime.ofEpochSecond(localHour * 3600, 0, java.time.ZoneOffset.UTC);
            lastOffset = zone.getOffset(ldt).getTotalSeconds();
            lastLocalHour = localHour;
        }
        return epochDay * 86400L + secondOfDay - lastOffset;
    }

    /** MM/DD/YY (two-digit years: 70–99 are 19xx) or MM/DD/YYYY. */
    static long date(String s) {
        if (s == null) return Long.MIN_VALUE;
        String[] p = s.split("/");
        if (p.length != 3) return Long.MIN_VALUE;
        try {
            int m = Integer.parseInt(p[0]), d = Integer.parseInt(p[1]), y = Integer.parseInt(p[2]);
            if (p[2].length() == 2) y += y >= 70 ? 1900 : 2000;
            else if (p[2].length() != 4) return Long.MIN_VALUE;
            return CivilTime.validDate(y, m, d) ? CivilTime.epochDay(y, m, d) : Long.MIN_VALUE;
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    /** H:MM:SS as seconds of the day, or -1. */
    static long time(String s) {
        if (s == null) return -1;
        String[] p = s.split(":");
        if (p.length != 3) return -1;
        try {
            int h = Integer.parseInt(p[0]), m = Integer.parseInt(p[1]), sec = Integer.parseInt(p[2]);
            if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60 || p[1].length() != 2 || p[2].length() != 2) return -1;
            return h * 3600L + m * 60L + sec;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int status(String s) {
        if (s == null || s.length() != 3) return Integer.MIN_VALUE;
        for (int i = 0; i < 3; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return Integer.MIN_VALUE;
        int v = Integer.parseInt(s);
        return v < 100 ? Integer.MIN_VALUE : v;
    }

    private static boolean dash(String s) {
        return s == null || s.isEmpty() || s.equals("-");
    }

    /** Appends a value's bytes after the line in the scratch buffer; returns where it starts. */
    private int append(String value) {
        ensure(used + value.length());
        int start = used;
        for (int i = 0; i < value.length(); i++) scratch[used++] = (byte) value.charAt(i);
        return start;
    }

    private void ensure(int capacity) {
        if (capacity > scratch.length) scratch = java.util.Arrays.copyOf(scratch, Math.max(capacity, scratch.length * 2));
    }
}
