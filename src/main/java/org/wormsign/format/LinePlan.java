package org.wormsign.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A log format compiled once into literals and typed fields: {@code literal0 field0 literal1 field1 …
 * literalN}. Every Apache {@code LogFormat} and nginx {@code log_format} becomes one of these; the line
 * loop never looks at the format string again.
 *
 * <p>A field ends where the next literal begins. Free-text fields (a request with a raw quote in it, as
 * Apache 1.3 wrote them) may hold that literal too, so the matcher tries later occurrences when the rest
 * of the line does not fit; a budget bounds that search so hostile lines cannot make it slow.
 */
public final class LinePlan implements LogFormat {
    /** What {@link Parser#parse} returns for a line that is a record; rejects return their ordinal. */
    public static final int RECORD = LineParser.RECORD;
    /** What {@link Parser#parse} returns for a comment line (see {@link #isComment}). */
    public static final int SKIPPED = LineParser.SKIPPED;

    private static final int BACKTRACK_BUDGET = 64;

    private final String name;
    private final String spec;
    private final byte[][] literals;
    private final FieldKind[] fields;
    /**
     * What each field is read as: its kind, except that the path fields which lose to a better one (see
     * {@link #pathSource}) are only matched, as {@link FieldKind#SKIP} is. Matching still uses {@link #fields}.
     */
    private final FieldKind[] reads;
    private final int cutFrom;
    private final java.time.zone.ZoneRules zone;
    private final java.time.ZoneId zoneId;
    private final boolean timeInParts;
    /** How the time parts make a time; null when there are none. */
    private final TimeRecipe timeRecipe;
    private final boolean localTime;
    /** Whether a field of the format can hold the query: %r, %q, $request, $args, $request_uri. */
    private final boolean logsQuery;
    /** The field the client is read from, as the format writes it ({@code %h}, {@code $the_real_ip}); null: none. */
    private final String clientField;
    /**
     * The plan a line this one cannot read is tried with, or null: a shorter layout the same server writes
     * into the same file (common lines among combined ones), or the exact layout under one with trailing
     * fields. Only lines this plan rejects pay for it.
     */
    private final LinePlan fallback;

    public LinePlan(String name, String spec, List<byte[]> literals, List<FieldKind> fields) {
        this(name, spec, literals, fields, null);
    }

    /** @param zone where times spelled without an offset are read; null: UTC */
    public LinePlan(String name, String spec, List<byte[]> literals, List<FieldKind> fields, java.time.ZoneId zone) {
        this(name, spec, literals, fields, zone, null);
    }

    /**
     * @param clientField the field the one {@link FieldKind#CLIENT} or {@link FieldKind#CLIENT_LIST} of
     *     {@code fields} is, as the format writes it; null: the format logs no client
     */
    public LinePlan(String name, String spec, List<byte[]> literals, List<FieldKind> fields, java.time.ZoneId zone,
                    String clientField) {
        this(name, spec, literals, fields, zone, clientField, null);
    }

    private LinePlan(String name, String spec, List<byte[]> literals, List<FieldKind> fields, java.time.ZoneId zone,
                     String clientField, LinePlan fallback) {
        this.fallback = fallback;
        if (literals.size() != fields.size() + 1) throw new IllegalArgumentException("literals must surround fields");
        this.zoneId = zone;
        this.zone = (zone == null ? java.time.ZoneOffset.UTC : zone).getRules();
        boolean parts = false, absolute = false;
        for (FieldKind f : fields) {
            parts |= f.isTimePart();
            absolute |= f == FieldKind.TIME_APACHE || f == FieldKind.T_OFFSET || f == FieldKind.T_ISO_OFFSET
                    || f == FieldKind.T_EPOCH_SECONDS || f == FieldKind.T_EPOCH_MILLIS || f == FieldKind.T_EPOCH_MICROS
                    || f == FieldKind.T_EPOCH_DECIMAL;
        }
        this.timeInParts = parts;
        boolean query = false;
        for (FieldKind f : fields) query |= f == FieldKind.REQUEST || f == FieldKind.QUERY || f == FieldKind.URI;
        this.logsQuery = query;
        this.localTime = parts && !absolute;
        this.name = name;
        this.spec = spec;
        this.clientField = clientField;
        this.literals = literals.toArray(new byte[0][]);
        this.fields = fields.toArray(new FieldKind[0]);
        this.reads = reads(this.fields);
        this.timeRecipe = TimeRecipe.of(this.fields);
        this.cutFrom = firstDistinctiveField(this.literals, this.fields.length);
    }

    /**
     * The kind of field a record's path and query come from, chosen once per format so that no field
     * overrides another per line. The worm is in what the client sent: the request line ({@code %r},
     * {@code $request}) first, then nginx's {@code $request_uri} (the URI as sent, arguments and all), and
     * only without either the path and query fields ({@code %U %q}, {@code $uri $args}). Those may hold the
     * request as the server rewrote it: nginx's {@code try_files $uri /index.php?$args} logs a Code Red
     * request's {@code $uri} as {@code /index.php}, and Apache's {@code DirectoryIndex} logs {@code "GET /"}
     * with {@code %U} {@code /index.html} (logparser's test log, in corpus/peer). Read instead of the request
     * line, they would hide the worm.
     */
    static FieldKind pathSource(FieldKind[] fields) {
        boolean uri = false;
        for (FieldKind f : fields) {
            if (f == FieldKind.REQUEST) return FieldKind.REQUEST;
            uri |= f == FieldKind.URI;
        }
        return uri ? FieldKind.URI : FieldKind.PATH;
    }

    private static FieldKind[] reads(FieldKind[] fields) {
        FieldKind source = pathSource(fields);
        FieldKind[] reads = fields.clone();
        for (int i = 0; i < reads.length; i++) {
            FieldKind f = reads[i];
            boolean pathField = f == FieldKind.REQUEST || f == FieldKind.URI || f == FieldKind.PATH || f == FieldKind.QUERY;
            // PATH stands for %U and %q together: the current request's path and its query.
            if (pathField && (f == FieldKind.QUERY ? FieldKind.PATH : f) != source) reads[i] = FieldKind.SKIP;
        }
        return reads;
    }

    /**
     * A line that runs out at or after this field was cut; one that runs out earlier is not this format at
     * all. It is the first field behind a separator other than blanks (the {@code [} of a timestamp, the
     * {@code "} of a request): plain words separated by spaces match blank separators by chance.
     */
    private static int firstDistinctiveField(byte[][] literals, int fieldCount) {
        for (int i = 0; i < fieldCount; i++) {
            for (byte c : literals[i]) if (c != ' ' && c != '\t') return i;
        }
        return Math.max(1, fieldCount / 2);
    }

    @Override public String name() { return name; }
    /** The format string this plan was compiled from. */
    public String spec() { return spec; }
    public int fieldCount() { return fields.length; }

    /** Whether the format logs a time without an offset, read in the zone given (or UTC). */
    @Override public boolean logsLocalTime() { return localTime; }

    @Override public String clientField() { return clientField; }

    @Override public LogFormat inZone(java.time.ZoneId zone) {
        if (!localTime) return this;
        return new LinePlan(name, spec, List.of(literals), List.of(fields), zone, clientField,
                fallback == null ? null : (LinePlan) fallback.inZone(zone));
    }

    /**
     * This plan, named {@code name}, reading a line it rejects with {@code other} instead (the line is a record
     * if either reads it; a reject keeps this plan's reason unless it only says the shape was wrong and the
     * other plan names a bad value).
     */
    public LinePlan orElse(String name, LinePlan other) {
        return new LinePlan(name, spec, List.of(literals), List.of(fields), zone(), clientField, other);
    }

    /**
     * This layout followed by anything: a blank after its last literal, then fields it does not know (Apache's
     * {@code %D}, a request id, Traefik's CLF additions), read as one skipped field to the line's end. Its last
     * free-text field therefore ends at the first occurrence of its closing literal and a blank; no other is
     * tried, as the skipped rest takes anything.
     */
    public LinePlan withTrailingFields(String name) {
        if (literals[fields.length].length == 0) throw new IllegalArgumentException("a layout that ends in a field has no end to extend");
        List<byte[]> lits = new java.util.ArrayList<>(List.of(literals));
        byte[] last = lits.get(fields.length);
        byte[] extended = java.util.Arrays.copyOf(last, last.length + 1);
        extended[last.length] = ' ';
        lits.set(fields.length, extended);
        lits.add(new byte[0]);
        List<FieldKind> fs = new java.util.ArrayList<>(List.of(fields));
        fs.add(FieldKind.SKIP);
        return new LinePlan(name, spec + " …", lits, fs, zone(), clientField, null);
    }

    private java.time.ZoneId zone() {
        return zoneId;
    }
    public boolean has(FieldKind kind) {
        for (FieldKind f : fields) if (f == kind) return true;
        return false;
    }

    @Override public Parser newParser() { return new Parser(); }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The per-thread state of a plan: its time cache and the furthest failure of the current line. */
    public final class Parser implements LineParser {
        private final ApacheTimeParser time = new ApacheTimeParser();
        private byte[] b;
        private int end;
        private LogRecord rec;
        private int budget;
        private int failField;
        private int failReason;
        private final TimeParts timeParts = timeRecipe == null ? null : new TimeParts(timeRecipe);
        private final Parser other = fallback == null ? null : fallback.newParser();
        /** In the lenient pass: bad values are noted here (the first one) instead of failing the match. */
        private boolean lenient;
        private int softReason;

        public LinePlan plan() { return LinePlan.this; }

        /** Fills {@code rec} from the line {@code [start, end)}; {@link #RECORD}, {@link #SKIPPED} or a {@link Reject} ordinal. */
        @Override public int parse(byte[] bytes, int start, int lineEnd, LogRecord record) {
            int r = parseThis(bytes, start, lineEnd, record);
            if (r == RECORD || other == null || r == SKIPPED || r == Reject.BINARY.ordinal()) return r;
            return orOther(r, bytes, start, lineEnd, record);
        }

        /** A line this plan rejected (with {@code reason}), tried with the fallback plan: rare, so in its own method. */
        private int orOther(int reason, byte[] bytes, int start, int lineEnd, LogRecord record) {
            int alt = other.parse(bytes, start, lineEnd, record);
            if (alt == RECORD) return RECORD;
            record.wrap(bytes, start, lineEnd);
            return structural(reason) && !structural(alt) && alt != SKIPPED ? alt : reason;
        }

        private boolean structural(int reason) {
            return reason == Reject.TRUNCATED.ordinal() || reason == Reject.NO_MATCH.ordinal();
        }

        private int parseThis(byte[] bytes, int start, int lineEnd, LogRecord record) {
            record.wrap(bytes, start, lineEnd);
            b = bytes;
            end = lineEnd;
            rec = record;
            byte[] first = literals[0];
            if (!startsWith(start, first)) {
                return isComment(bytes, start, lineEnd) ? SKIPPED : Reject.foreign(bytes, start, lineEnd).ordinal();
            }
            // A format without a client field (a --log-format with no %h, %a or X-Forwarded-For) reads no source: a line is
            // not a record without one, whatever else it holds.
            if (attempt(start + first.length, false)) return record.clientStart >= 0 ? RECORD : Reject.BAD_ADDRESS.ordinal();
            if (isComment(bytes, start, lineEnd)) return SKIPPED;
            if (Reject.looksBinary(bytes, start, lineEnd)) return Reject.BINARY.ordinal();
            // Say why: if the line has the format's shape once bad field values are let through, the first
            // bad value is the reason (bad-timestamp, bad-address, …); otherwise the shape itself is wrong.
            int strictReason = failReason;
            if (attempt(start + first.length, true)) return softReason;
            // Neither: a line cut short keeps its strict reason; one with bad values and a wrong shape is foreign.
            return structural(strictReason) ? strictReason : Reject.NO_MATCH.ordinal();
        }

        private boolean attempt(int pos, boolean lenientValues) {
            lenient = lenientValues;
            softReason = -1;
            budget = BACKTRACK_BUDGET;
            failField = -1;
            failReason = Reject.NO_MATCH.ordinal();
            if (timeParts != null) timeParts.clear();
            return match(0, pos);
        }

        private Reject cutOrForeign(int field) {
            return field >= cutFrom ? Reject.TRUNCATED : Reject.NO_MATCH;
        }

        private boolean match(int i, int pos) {
            if (i == fields.length) {
                if (pos != end) {
                    fail(i, Reject.NO_MATCH);
                    return false;
                }
                rec.queryLogged = logsQuery;
                if (!timeInParts) return true;
                long t = timeParts.epochSecond(zone);
                if (t == TimeParts.INVALID) return badValue(i - 1, Reject.BAD_TIMESTAMP);
                if (t != TimeParts.ELSEWHERE) rec.epochSecond = t;
                return true;
            }
            int width = fields[i].width;
            if (width > 0) {
                byte[] next = literals[i + 1];
                int fieldEnd = pos + width;
                if (fieldEnd > end) {
                    fail(i, cutOrForeign(i));
                    return false;
                }
                if (!startsWith(fieldEnd, next)) {
                    fail(i, Reject.NO_MATCH);
                    return false;
                }
                return fill(i, pos, fieldEnd) && match(i + 1, fieldEnd + next.length);
            }
            byte[] term = literals[i + 1];
            boolean last = i + 1 == fields.length;
            if (last) {
                int fieldEnd = end - term.length;
                if (fieldEnd < pos || !startsWith(fieldEnd, term)) {
                    fail(i, findFrom(pos, term) < 0 ? cutOrForeign(i) : Reject.NO_MATCH);
                    return false;
                }
                return fill(i, pos, fieldEnd) && match(i + 1, end);
            }
            if (fields[i] == FieldKind.TIME_APACHE && term.length > 0 && term[0] == ']') {
                // Nearly every line: the 26 bytes of a time and then the literal. A valid time holds no ']', so the
                // literal found there is its first occurrence, which is where the search below would stop too.
                int fieldEnd = pos + ApacheTimeParser.LENGTH;
                if (startsWith(fieldEnd, term)) {
                    long t = time.parse(b, pos, fieldEnd);
                    if (t != ApacheTimeParser.INVALID) {
                        rec.epochSecond = t;
                        return match(i + 1, fieldEnd + term.length);
                    }
                }
            }
            if (term.length == 0) {
                if (fields[i] == FieldKind.PATH && fields[i + 1] == FieldKind.QUERY) {
                    int fieldEnd = pathBeforeQuery(i, pos);
                    return fill(i, pos, fieldEnd) && match(i + 1, fieldEnd);
                }
                // Adjacent fields with nothing between them: the first runs to the next space.
                int fieldEnd = pos;
                while (fieldEnd < end && b[fieldEnd] != ' ') fieldEnd++;
                return fill(i, pos, fieldEnd) && match(i + 1, fieldEnd);
            }
            int candidate = findFrom(pos, term);
            if (candidate < 0) {
                fail(i, cutOrForeign(i));
                return false;
            }
            while (candidate >= 0) {
                if (fill(i, pos, candidate) && match(i + 1, candidate + term.length)) return true;
                if (!fields[i].mayContainTerminator || --budget <= 0) return false;
                candidate = findFrom(candidate + 1, term);
            }
            return false;
        }

        /**
         * Where the path field {@code i}, followed by its query with nothing between them ({@code %U%q}), ends:
         * at the '?' that starts the query, or, with no query, where the query's field would end.
         */
        private int pathBeforeQuery(int i, int pos) {
            byte[] after = literals[i + 2];
            int limit;
            if (i + 2 == fields.length) limit = Math.max(pos, end - after.length);
            else if (after.length == 0) limit = ByteSearch.next(b, pos, end, (byte) ' ');
            else limit = findFrom(pos, after);
            return ByteSearch.next(b, pos, limit < 0 ? end : limit, (byte) '?');
        }

        private boolean fill(int i, int from, int to) {
            switch (reads[i]) {
                case CLIENT:
                    if (!Addresses.plausibleClient(b, from, to)) return badValue(i, Reject.BAD_ADDRESS);
                    rec.clientStart = from;
                    rec.clientEnd = to;
                    return true;
                case CLIENT_LIST:
                    return forwardedClient(i, from, to);
                case TIME_APACHE: {
                    long t = time.parse(b, from, to);
                    if (t == ApacheTimeParser.INVALID) return badValue(i, Reject.BAD_TIMESTAMP);
                    rec.epochSecond = t;
                    return true;
                }
                case REQUEST:
                    rec.setRequestLine(from, to);
                    return true;
                case STATUS: {
                    if (to - from == 1 && b[from] == '-') { rec.status = -1; return true; }
                    if (to - from != 3) return badValue(i, Reject.BAD_STATUS);
                    int s = 0;
                    for (int p = from; p < to; p++) {
                        int d = b[p] - '0';
                        if (d < 0 || d > 9) return badValue(i, Reject.BAD_STATUS);
                        s = s * 10 + d;
                    }
                    if (s < 100) return badValue(i, Reject.BAD_STATUS);
                    rec.status = s;
                    return true;
                }
                case METHOD:
                    if (to > from) { rec.methodStart = from; rec.methodEnd = to; }
                    return true;
                case PATH:
                    if (to > from && !(to - from == 1 && b[from] == '-')) { rec.pathStart = from; rec.pathEnd = to; }
                    return true;
                case QUERY: {
                    int q = to > from && b[from] == '?' ? from + 1 : from;
                    if (to > from && !(to - from == 1 && b[from] == '-')) { rec.queryStart = q; rec.queryEnd = to; }
                    return true;
                }
                case URI:
                    if (to > from && !(to - from == 1 && b[from] == '-')) rec.splitUri(from, to);
                    return true;
                case TARGET:
                    if (to - from > Addresses.MAX_TARGET_BYTES) return badValue(i, Reject.FIELD_TOO_LONG);
                    if (to > from && !(to - from == 1 && b[from] == '-')) { rec.targetStart = from; rec.targetEnd = to; }
                    return true;
                case NUMBER:
                    // Jetty writes a blank more before its latency when the user agent is absent ("-"  8).
                    while (from < to && b[from] == ' ') from++;
                    if (to - from == 1 && b[from] == '-') return true;
                    if (to == from) return badValue(i, Reject.NO_MATCH);
                    for (int p = from; p < to; p++) {
                        int c = b[p];
                        if ((c < '0' || c > '9') && c != '.') return badValue(i, Reject.NO_MATCH);
                    }
                    return true;
                case SKIP:
                    return true;
                default:
                    return timeParts.read(fields[i], b, from, to) || badValue(i, Reject.BAD_TIMESTAMP);
            }
        }

        /**
         * The leftmost address of a list that proxies append to ({@code X-Forwarded-For: 66.1.2.3, 10.0.0.1}):
         * the client as the first proxy saw it. Blanks around it are not part of it; {@code -} or an empty
         * header is no client (bad-address), as it is in {@code %h}.
         */
        private boolean forwardedClient(int i, int from, int to) {
            int s = from, e = ByteSearch.next(b, from, to, (byte) ',');
            while (s < e && b[s] == ' ') s++;
            while (e > s && b[e - 1] == ' ') e--;
            if (!Addresses.plausibleClient(b, s, e)) return badValue(i, Reject.BAD_ADDRESS);
            rec.clientStart = s;
            rec.clientEnd = e;
            return true;
        }

        /** A field value the format's shape allows but its meaning does not. */
        private boolean badValue(int field, Reject reason) {
            if (!lenient) return fail(field, reason);
            if (softReason < 0) softReason = reason.ordinal();
            return true;
        }

        /** Records the failure that got furthest into the line, which is the most telling reason. */
        private boolean fail(int field, Reject reason) {
            if (field >= failField) {
                failField = field;
                failReason = reason.ordinal();
            }
            return false;
        }

        /**
         * Where {@code term} next occurs at or after {@code from}, or -1. Its first byte is looked for 8 bytes at a
         * time (a zero byte of word XOR pattern, found with the usual carry trick): the request, the referer
         * and the user agent are tens to hundreds of bytes, and this search is most of the parse.
         */
        private int findFrom(int from, byte[] term) {
            byte first = term[0];
            int last = end - term.length;
            long pattern = (first & 0xFFL) * 0x0101010101010101L;
            int p = from;
            while (p <= last) {
                if (p + 8 <= end) {
                    long w = (long) LONGS.get(b, p) ^ pattern;
                    long zero = (w - 0x0101010101010101L) & ~w & 0x8080808080808080L;
                    if (zero == 0) {
                        p += 8;
                        continue;
                    }
                    // The lowest flagged byte is exact (a borrow only runs upwards): the first match in this word.
                    p += Long.numberOfTrailingZeros(zero) >>> 3;
                    if (p > last) return -1;
                } else if (b[p] != first) {
                    p++;
                    continue;
                }
                if (term.length == 1 || startsWith(p, term)) return p;
                p++;
            }
            return -1;
        }

        private boolean startsWith(int p, byte[] lit) {
            if (p < 0 || p + lit.length > end) return false;
            for (int k = 0; k < lit.length; k++) if (b[p + k] != lit[k]) return false;
            return true;
        }
    }

    private static final byte[] WORM_PATH = "default.ida".getBytes(StandardCharsets.US_ASCII);

    /**
     * Whether a line that is no record is a comment, skipped (not a record by design): it starts with
     * {@code #}, as the notes people put in Apache and nginx logs do (AWStats and Matomo skip such lines; AWStats'
     * own test log has 28). But one that mentions {@code default.ida} (in any case) stays a reject: Code Red
     * in a mangled line must never vanish into the count of skipped lines, while a reject is sampled with its
     * reason, where a responder (and a scan of the rejects for the worm) looks. Binary junk that happens to
     * start with {@code #} stays a {@code binary} reject too.
     */
    public static boolean isComment(byte[] b, int start, int end) {
        if (end <= start || b[start] != '#') return false;
        int last = end - WORM_PATH.length;
        for (int p = start + 1; p <= last; p++) {
            int k = 0;
            while (k < WORM_PATH.length && (b[p + k] | 0x20) == WORM_PATH[k]) k++;
            if (k == WORM_PATH.length) return false;
        }
        return !Reject.looksBinary(b, start, end);
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(name).append(": ");
        for (int i = 0; i < fields.length; i++) {
            sb.append('\'').append(new String(literals[i], StandardCharsets.ISO_8859_1)).append("' ").append(fields[i]).append(' ');
        }
        return sb.append('\'').append(new String(literals[fields.length], StandardCharsets.ISO_8859_1)).append('\'').toString();
    }
}
