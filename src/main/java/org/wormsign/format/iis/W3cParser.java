package org.wormsign.format.iis;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.wormsign.format.Addresses;
import org.wormsign.format.ByteSearch;
import org.wormsign.format.CivilTime;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;

/**
 * Reads W3C extended lines with the {@code #Fields} in force; directives change it. Byte level, no copies.
 *
 * <p>A line whose column count is not the {@code #Fields}' is realigned when the evidence allows (see
 * {@link #realigned}): logs are pasted together by hand, and a block written with one field more under a header
 * without it held most of the Code Red and Nimda lines of a real training log.
 *
 * <p>A value in double quotes may hold spaces, a doubled quote standing for one (IIS 6 cookies, Oracle Web Cache,
 * IIS Advanced Logging, Incapsula): a line is split that way only when one of its columns starts with a quote,
 * so lines without quotes take the plain split. A quoted column is read between its quotes, escapes as logged.
 */
public final class W3cParser implements LineParser {
    /** The most columns a line may have; a {@code #Fields} with more is never remembered for realigning. */
    public static final int MAX_COLUMNS = 64;

    private W3cFields fields;
    /** The latest {@code #Fields} of each column count seen in this input (the one in force among them). */
    private final W3cFields[] seen = new W3cFields[MAX_COLUMNS + 1];
    /** Whether a line has not fitted the {@code #Fields} in force, so the earlier ones were looked at. */
    private boolean lookedBack;
    /** From {@code #Date:}: the day of lines whose columns have no date. */
    private long directiveEpochDay = Long.MIN_VALUE;
    private final int[] starts = new int[MAX_COLUMNS + 1];
    private final int[] ends = new int[MAX_COLUMNS + 1];
    private final byte[] lastDate = new byte[10];
    private long lastEpochDay = Long.MIN_VALUE;
    /** The --tz zone of this input (null: none, so UTC): local date and time columns are read in it. */
    private final ZoneId given;
    /** From {@code #GMT-Offset:} (Oracle Web Cache, others): the offset of local columns; null: none seen. */
    private ZoneOffset directiveOffset;
    /** The zone the last local time was read in; null while none was read. */
    private ZoneId localZone;
    /** The last local hour converted with {@link #given}, and its UTC offset: zone rules are looked up once an hour. */
    private long lastLocalHour = Long.MIN_VALUE;
    private int lastOffset;

    W3cParser(W3cFields inForce) {
        this(inForce, null);
    }

    W3cParser(W3cFields inForce, ZoneId given) {
        this.fields = inForce;
        this.given = given;
        if (inForce != null) remember(inForce);
    }

    /**
     * The zone of the local date and time columns read so far ({@code date-local}, {@code time-local}): the
     * file's {@code #GMT-Offset}, else the input's --tz, else UTC; null if no line had them.
     */
    @Override public ZoneId localZone() { return localZone; }

    /** The columns in force now (for a chunked reader that hands a file's middle to another thread). */
    W3cFields fields() { return fields; }

    /**
     * Whether some line did not fit the {@code #Fields} in force, so that the {@code #Fields} seen before it
     * (also those this parser was primed with) could decide how it was read. A chunked reader re-reads a
     * chunk primed with other earlier layouts than the ones really in force only if so.
     */
    public boolean lookedBack() { return lookedBack; }

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
        boolean quoted = false;
        for (int s = start; ; ) {
            int p = ByteSearch.next(b, s, end, (byte) ' ');
            if (n == MAX_COLUMNS) { n = -1; break; }   // too many, unless quoted or padded (below)
            starts[n] = s;
            ends[n] = p;
            quoted |= s < p && b[s] == '"';
            n++;
            if (p == end) break;
            s = p + 1;
        }
        W3cFields f = fields;
        boolean resplit = quoted || n != f.count() && f.padded;
        if (resplit) {
            n = splitQuoted(b, start, end);
            if (n < 0) return -n - 1;
        } else if (n < 0) {
            return Reject.NO_MATCH.ordinal();
        }
        if (n != f.count()) {
            W3cFields other = realigned(b, n, resplit);
            if (other == null) {
                // Fewer columns whose times read: a line cut by a crash or a rotation mid-write.
                if (n < f.count() && n >= 2 && timesRead(f, b, n)) return Reject.TRUNCATED.ordinal();
                return Reject.foreign(b, start, end).ordinal();
            }
            // Read by its first other.count() columns; any after them are set aside.
            f = other;
            n = other.count();
            rec.setRealigned();
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
        long second = day * 86400L + secondOfDay;
        rec.setEpochSecond(f.localTime ? utcOfLocal(second) : second);
        return RECORD;
    }

    /**
     * Splits {@code [start, end)} into columns between runs of spaces and tabs, a column that starts with
     * {@code "} running to its closing quote ({@code ""} inside it is an escaped quote) and read between the
     * quotes. Also for a line that does not fit a padded {@code #Fields} (Oracle Web Cache pads its directive
     * and its columns with runs of spaces). Returns the count, or {@code -(reject ordinal) - 1}.
     */
    private int splitQuoted(byte[] b, int start, int end) {
        int n = 0;
        int p = start;
        while (true) {
            while (p < end && (b[p] == ' ' || b[p] == '\t')) p++;
            if (p == end) return n;
            if (n == MAX_COLUMNS) return -Reject.NO_MATCH.ordinal() - 1;
            int s = p, e;
            if (b[p] == '"') {
                int q = p + 1;
                while (true) {
                    q = ByteSearch.next(b, q, end, (byte) '"');
                    if (q == end) return -Reject.UNTERMINATED_QUOTE.ordinal() - 1;
                    if (q + 1 < end && b[q + 1] == '"') q += 2;
                    else break;
                }
                // A closing quote ends the column: anything but a separator after it is not W3C's writing.
                if (q + 1 < end && b[q + 1] != ' ' && b[q + 1] != '\t') return -Reject.NO_MATCH.ordinal() - 1;
                s = p + 1;
                e = q;
                p = q + 1;
            } else {
                while (p < end && b[p] != ' ' && b[p] != '\t') p++;
                e = p;
            }
            starts[n] = s;
            ends[n] = e;
            n++;
        }
    }

    /**
     * A local time (seconds since 1970 as if it were UTC) as UTC: by the {@code #GMT-Offset} in force, else by
     * the input's --tz, else as UTC (the summary warns that it was assumed).
     */
    private long utcOfLocal(long local) {
        if (directiveOffset != null) {
            localZone = directiveOffset;
            return local - directiveOffset.getTotalSeconds();
        }
        ZoneId zone = given == null ? UTC : given;
        localZone = zone;
        long localHour = Math.floorDiv(local, 3600);
        if (localHour != lastLocalHour) {
            lastOffset = zone.getRules().getOffset(LocalDateTime.ofEpochSecond(localHour * 3600, 0, ZoneOffset.UTC)).getTotalSeconds();
            lastLocalHour = localHour;
        }
        return local - lastOffset;
    }

    /** What local times are read in when no zone applies; named, so that summary.json says {@code UTC}. */
    private static final ZoneId UTC = ZoneId.of("UTC");

    private void directive(byte[] b, int start, int end) {
        if (startsWith(b, start, end, "#Fields:")) {
            fields = fieldsDirective(b, start, end);
            remember(fields);
        } else if (startsWith(b, start, end, "#Date:")) {
            long day = directiveDay(b, start, end);
            if (day != Long.MIN_VALUE) directiveEpochDay = day;
        } else if (startsWith(b, start, end, "#GMT-Offset:")) {
            ZoneOffset offset = directiveOffset(b, start, end);
            if (offset != null) directiveOffset = offset;
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

    /**
     * The offset that the {@code #GMT-Offset:} directive {@code [start, end)} gives ({@code -0800}, also
     * {@code -08:00}), or null if it cannot be read (the one before it then stands).
     */
    public static ZoneOffset directiveOffset(byte[] b, int start, int end) {
        int p = start + 12;
        while (p < end && b[p] == ' ') p++;
        while (end > p && (b[end - 1] == ' ' || b[end - 1] == '\t')) end--;
        if (p == end || b[p] != '+' && b[p] != '-') return null;
        int sign = b[p] == '-' ? -1 : 1;
        int h, m;
        if (end - p == 5) { h = twoDigits(b, p + 1); m = twoDigits(b, p + 3); }
        else if (end - p == 6 && b[p + 3] == ':') { h = twoDigits(b, p + 1); m = twoDigits(b, p + 4); }
        else return null;
        if (h < 0 || h > 18 || m < 0 || m > 59 || h == 18 && m > 0) return null;
        return ZoneOffset.ofTotalSeconds(sign * (h * 3600 + m * 60));
    }

    /** Whether the {@code #Fields:} directive {@code [start, end)} names a date column (its lines carry their day). */
    public static boolean fieldsHaveDate(byte[] b, int start, int end) {
        return fieldsDirective(b, start, end).hasDate;
    }

    /** The columns the {@code #Fields:} directive {@code [start, end)} names. */
    public static W3cFields fieldsDirective(byte[] b, int start, int end) {
        return W3cFields.compile(new String(b, start + 8, end - start - 8, StandardCharsets.ISO_8859_1));
    }

    private void remember(W3cFields f) {
        if (f.count() <= MAX_COLUMNS) seen[f.count()] = f;
    }

    /**
     * The layout to read a line of {@code n} columns with, the {@code #Fields} in force having another count,
     * or null if nothing fits it. Readings, by the strength of their evidence:
     * <ol>
     * <li>an earlier {@code #Fields} of this input with {@code n} columns: this file was written that way, and
     *     pasted blocks and header restarts bring such lines back;</li>
     * <li>the {@code #Fields} in force with the extra columns set aside at the end (how W3C writers append
     *     fields, and where IIS 5 puts {@code cs(Cookie)} and {@code cs(Referer)}), or, for one extra column,
     *     with the field IIS would have written there added where IIS writes it ({@link W3cFields#widened}).
     *     Nothing in the file says which field was added, so every such reading that fits must read the line
     *     alike (the same client, time, request, status and target columns); if two disagree, the line is
     *     ambiguous and stays a reject: a wrong source or status in a report is worse than a counted reject
     *     whose sample shows the line.</li>
     * </ol>
     * A reading fits only if every column it reads or checks has its shape ({@link #fitsStrictly}): more strictly
     * than for a line that fits its {@code #Fields}, since the count no longer vouches for the columns. A line
     * with fewer columns than the {@code #Fields} is never guessed at: which column is missing cannot be told.
     */
    private W3cFields realigned(byte[] b, int n, boolean resplit) {
        lookedBack = true;
        // IIS writes '-' for an empty value, never nothing: two spaces in a row are not its writing. (After the
        // quote-aware split, an empty column is a quoted "", which is.)
        if (!resplit) for (int i = 0; i < n; i++) if (starts[i] == ends[i]) return null;
        W3cFields earlier = seen[n];
        if (earlier != null && fitsStrictly(earlier, b)) return earlier;
        W3cFields f = fields;
        if (n < f.count()) return null;
        W3cFields chosen = fitsStrictly(f, b) ? f : null;
        if (n == f.count() + 1) {
            List<W3cFields> widened = f.widened();
            for (int i = 0; i < widened.size(); i++) {   // by index: no iterator per line
                W3cFields w = widened.get(i);
                if (!fitsStrictly(w, b)) continue;
                if (chosen == null) chosen = w;
                else if (!W3cFields.sameReading(chosen, w)) return null;
            }
        }
        return chosen;
    }

    /**
     * Whether the line's first {@code f.count()} columns read as a record under {@code f}, each column wormsign
     * reads in its exact shape: a date and time, a client address (or DNS name), a status of three digits, a
     * method that is a word, a path from the root, numbers where {@code f} has counts, an address in
     * {@code s-ip}, and a server name within its limit.
     */
    private boolean fitsStrictly(W3cFields f, byte[] b) {
        if (!f.readsRecords || !f.hasDate && directiveEpochDay == Long.MIN_VALUE) return false;
        W3cFields.Column[] cols = f.columns;
        for (int i = 0; i < cols.length; i++) {
            int s = starts[i], e = ends[i];
            boolean fits = switch (cols[i]) {
                case DATE -> day(b, s, e) != Long.MIN_VALUE;
                case TIME -> secondOfDay(b, s, e) >= 0;
                case CLIENT -> Addresses.plausibleClient(b, s, e) && dotted(b, s, e);
                case TARGET -> e - s <= Addresses.MAX_TARGET_BYTES
                        && (dash(b, s, e) || (f.targetIsAddress ? address(b, s, e) : Addresses.plausibleClient(b, s, e)));
                case METHOD -> method(b, s, e);
                case PATH, URI -> b[s] == '/' || e - s == 1 && b[s] == '*';
                case STATUS -> status(b, s, e) >= 100;
                case NUMBER -> dash(b, s, e) || number(b, s, e);
                case QUERY, OTHER -> true;
            };
            if (!fits) return false;
        }
        return true;
    }

    /** An IPv4 or IPv6 address as IIS logs {@code s-ip}: hex digits, '.' and ':' (some of them), then maybe a '%' zone. */
    private static boolean address(byte[] b, int s, int e) {
        int p = s;
        for (; p < e && b[p] != '%'; p++) {
            byte c = b[p];
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.' || c == ':')) return false;
        }
        if (!dotted(b, s, p)) return false;
        return p == e || p + 1 < e && Addresses.plausibleClient(b, p + 1, e);
    }

    /**
     * Whether a client has a '.' or ':': an IPv4 or IPv6 address, or a DNS name. IIS logs {@code c-ip} as an
     * address (a name only with reverse lookups on); a bare word or number there is some other column.
     */
    private static boolean dotted(byte[] b, int s, int e) {
        for (int p = s; p < e; p++) if (b[p] == '.' || b[p] == ':') return true;
        return false;
    }

    /** An HTTP method as servers log it: a letter, then letters, digits, '-' or '_' (RPC_IN_DATA, X-MS-ENUMATTS). */
    private static boolean method(byte[] b, int s, int e) {
        if (!letter(b[s])) return false;
        for (int p = s + 1; p < e; p++) {
            byte c = b[p];
            if (!letter(c) && (c < '0' || c > '9') && c != '-' && c != '_') return false;
        }
        return true;
    }

    private static boolean letter(byte c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /** Digits, with one decimal point inside them (time-taken in seconds, as other W3C writers log it). */
    private static boolean number(byte[] b, int s, int e) {
        boolean point = false;
        for (int p = s; p < e; p++) {
            if (b[p] == '.' && !point && p > s && p < e - 1) point = true;
            else if (b[p] < '0' || b[p] > '9') return false;
        }
        return true;
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

    /**
     * W3C's time, {@code hh:mm[:ss[.fraction]]} (the working draft's grammar; IIS 7+ may log .fff, and LogJoint's
     * test log has hh:mm, read as second 0), as seconds of the day; -1 if invalid.
     */
    private static long secondOfDay(byte[] b, int s, int e) {
        if (e - s < 5 || b[s + 2] != ':') return -1;
        int sec = 0;
        if (e - s > 5) {
            if (e - s < 8 || b[s + 5] != ':') return -1;
            if (e - s > 8 && b[s + 8] != '.') return -1;
            sec = twoDigits(b, s + 6);
        }
        int h = twoDigits(b, s), m = twoDigits(b, s + 3);
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

    /** Whether the line {@code [s, e)} starts with the directive name {@code prefix}. */
    static boolean startsWith(byte[] b, int s, int e, String prefix) {
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
