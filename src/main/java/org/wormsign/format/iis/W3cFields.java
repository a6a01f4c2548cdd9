package org.wormsign.format.iis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A W3C extended {@code #Fields:} directive compiled into what each column means. The directive can change
 * anywhere in a file (IIS writes a new one when the logging properties change), so a parser recompiles
 * on every one; this class is immutable so a chunk of a file can start with the one in force.
 */
public final class W3cFields {
    /**
     * Column meanings wormsign reads; every other column is carried along unread. {@link #NUMBER} columns are
     * not read either: their shape is checked only when a line that does not fit the {@code #Fields} in force
     * is realigned (W3cParser), where a word in a number's place shows the reading is wrong.
     */
    enum Column { DATE, TIME, CLIENT, TARGET, METHOD, PATH, QUERY, URI, STATUS, NUMBER, OTHER }

    /**
     * The orders in which IIS writes the fields it offers; a log has the subset its logging properties tick,
     * in this order. First IIS 5.0's (kept by the SMTP and FTP services of IIS 6 to 8.5: the same line in
     * their documented logs), then IIS 6.0's and later's for HTTP (Matomo's IIS 6 test log, the IIS 7.5
     * default {@code date time s-ip cs-method … time-taken}). A field ticked later appears where its order
     * puts it, so a line from a block with one field more has its extra column there.
     */
    private static final List<List<String>> IIS_ORDERS = List.of(
            List.of("date", "time", "c-ip", "cs-username", "s-sitename", "s-computername", "s-ip", "s-port", "cs-method",
                    "cs-uri-stem", "cs-uri-query", "sc-status", "sc-win32-status", "sc-bytes", "cs-bytes", "time-taken",
                    "cs-version", "cs-host", "cs(user-agent)", "cs(cookie)", "cs(referer)"),
            List.of("date", "time", "s-sitename", "s-computername", "s-ip", "cs-method", "cs-uri-stem", "cs-uri-query",
                    "s-port", "cs-username", "c-ip", "cs-version", "cs(user-agent)", "cs(cookie)", "cs(referer)", "cs-host",
                    "sc-status", "sc-substatus", "sc-win32-status", "sc-bytes", "cs-bytes", "time-taken"));

    final Column[] columns;
    final String directive;
    final boolean hasDate;
    final boolean hasQuery;
    /**
     * Whether its date and time are local ({@code date-local}, {@code time-local}: IIS Advanced Logging), so
     * read with the file's {@code #GMT-Offset} or the input's --tz; else they are UTC, as the W3C draft says.
     */
    final boolean localTime;
    /**
     * Whether the directive separates its names with runs of spaces or tabs (Oracle Web Cache's
     * {@code #Fields:  c-ip  c-dns …}): its lines are padded alike, so a line that does not fit it split at
     * single spaces is split at runs. Elsewhere two spaces make an empty column, which IIS never writes.
     */
    final boolean padded;
    /** Whether its lines can be records at all: a time and a client column. */
    final boolean readsRecords;
    /** Whether the target is {@code s-ip}, an address (else a server or site name). */
    final boolean targetIsAddress;
    private final List<String> names;
    /** {@link #widened()}, made when first asked for: most layouts never meet a line that does not fit them. */
    private List<W3cFields> widened;

    private W3cFields(Column[] columns, String directive, List<String> names, boolean targetIsAddress, boolean localTime) {
        this.columns = columns;
        this.localTime = localTime;
        this.padded = directive.contains("  ") || directive.indexOf('\t') >= 0;
        this.targetIsAddress = targetIsAddress;
        this.directive = directive;
        this.names = names;
        boolean date = false, query = false, time = false, client = false;
        for (Column c : columns) {
            date |= c == Column.DATE;
            query |= c == Column.QUERY || c == Column.URI;
            time |= c == Column.TIME;
            client |= c == Column.CLIENT;
        }
        this.hasDate = date;
        this.hasQuery = query;
        this.readsRecords = time && client;
    }

    /**
     * One row per standard field (W3C Working Draft WD-logfile-960323 and IIS's W3C Extended Log File
     * Format). The target is the server address when logged, else the server's own name. Never
     * {@code cs-host}: that is the Host header the client sent, and Code Red I sends www.worm.com.
     */
    public static W3cFields compile(String fieldList) {
        String[] names = fieldList.trim().split("[ \t]+");
        List<String> lower = java.util.Arrays.stream(names).map(n -> n.toLowerCase(Locale.ROOT)).toList();
        return compile(lower, fieldList.trim());
    }

    private static W3cFields compile(List<String> lower, String directive) {
        String target = lower.contains("s-ip") ? "s-ip" : lower.contains("s-computername") ? "s-computername"
                : lower.contains("s-sitename") ? "s-sitename" : null;
        // IIS Advanced Logging names its own: date-local and time-local, Date-UTC and Time-UTC (Microsoft,
        // "Advanced Logging for IIS – Custom Logging"). A UTC pair wins over a local one when both are logged.
        boolean utc = lower.contains("date") && lower.contains("time") || lower.contains("date-utc") && lower.contains("time-utc");
        boolean local = !utc && (lower.contains("date-local") || lower.contains("time-local"));
        Column[] columns = new Column[lower.size()];
        for (int i = 0; i < lower.size(); i++) {
            String n = lower.get(i);
            Column c;
            switch (n) {
                case "date": c = Column.DATE; break;              // yyyy-mm-dd, UTC
                case "time": c = Column.TIME; break;              // hh:mm:ss, UTC
                case "date-utc": c = Column.DATE; break;          // Advanced Logging's UTC date
                case "time-utc": c = Column.TIME; break;          // Advanced Logging's UTC time (.fff)
                case "date-local": c = local ? Column.DATE : Column.OTHER; break;   // the server's local date
                case "time-local": c = local ? Column.TIME : Column.OTHER; break;   // the server's local time (.fff)
                case "c-ip": c = Column.CLIENT; break;            // client address
                case "cs-method": c = Column.METHOD; break;
                case "cs-uri-stem": c = Column.PATH; break;       // path, no query
                case "cs-uri-query": c = Column.QUERY; break;     // query without '?', '-' when none
                case "cs-uri": c = Column.URI; break;             // path and query
                case "sc-status": c = Column.STATUS; break;       // HTTP status
                case "s-port":                                    // server port
                case "sc-substatus":                              // IIS substatus code
                case "sc-win32-status":                           // Windows error code
                case "sc-bytes":                                  // bytes sent
                case "cs-bytes":                                  // bytes received
                case "time-taken":                                // milliseconds (IIS), seconds (others)
                case "timetakenms": c = Column.NUMBER; break;     // Advanced Logging's, milliseconds
                default: c = n.equals(target) ? Column.TARGET : Column.OTHER;
            }
            columns[i] = c;
        }
        return new W3cFields(columns, directive, lower, "s-ip".equals(target), local);
    }

    public int count() { return columns.length; }
    public String directive() { return directive; }
    /** False when the log has no query column: {@code /default.ida} attempts then cannot be told apart. */
    public boolean hasQuery() { return hasQuery; }
    /** Whether its date and time columns are the server's local ones ({@code date-local}, {@code time-local}). */
    public boolean localTime() { return localTime; }
    /** Whether its lines carry their own day (else the {@code #Date:} before them gives it). */
    public boolean hasDate() { return hasDate; }

    /**
     * This layout with one field more, for each field IIS offers that it lacks and wormsign does not read
     * (cs(Referer), cs(Cookie), cs-host, sc-bytes, …), placed where IIS writes that field: the layouts a block
     * written after the field was ticked would have. Empty when this layout does not follow an IIS order (a
     * custom writer's, or fields IIS does not know): nothing says where a column would go then.
     */
    List<W3cFields> widened() {
        List<W3cFields> w = widened;
        if (w == null) {
            List<W3cFields> made = new ArrayList<>();
            for (List<String> order : IIS_ORDERS) {
                if (!followsOrder(order)) continue;
                for (String extra : order) {
                    if (names.contains(extra)) continue;
                    // After the last of this layout's fields that the order puts before the extra one.
                    int at = 0;
                    while (at < names.size() && order.indexOf(names.get(at)) < order.indexOf(extra)) at++;
                    List<String> wider = new ArrayList<>(names);
                    wider.add(at, extra);
                    W3cFields layout = compile(wider, String.join(" ", wider));
                    if (addsOnlyUnread(layout, at)) made.add(layout);
                }
            }
            // An immutable list: safely published if another thread's parser shares this layout.
            widened = w = List.copyOf(made);
        }
        return w;
    }

    /**
     * Whether {@code wider}, this layout with a column inserted at {@code at}, reads every other column as this
     * one does and does not read the new one: an added field wormsign would read (c-ip, sc-status, s-ip as a
     * new target, …) would change what the line is evidence of, not only where its columns are.
     */
    private boolean addsOnlyUnread(W3cFields wider, int at) {
        Column added = wider.columns[at];
        if (added != Column.OTHER && added != Column.NUMBER) return false;
        for (int i = 0; i < columns.length; i++) {
            if (wider.columns[i < at ? i : i + 1] != columns[i]) return false;
        }
        return true;
    }

    /** Whether every field of this layout is in {@code order}, in that order, none twice. */
    private boolean followsOrder(List<String> order) {
        int last = -1;
        for (String n : names) {
            int i = order.indexOf(n);
            if (i <= last) return false;
            last = i;
        }
        return true;
    }

    /**
     * Whether lines read by {@code a} and by {@code b} give the same record: each column wormsign reads is at the
     * same place in both (columns past a layout's end are unread, as are {@link Column#NUMBER} columns).
     */
    static boolean sameReading(W3cFields a, W3cFields b) {
        for (int i = 0, n = Math.max(a.count(), b.count()); i < n; i++) {
            if (read(a, i) != read(b, i)) return false;
        }
        return true;
    }

    private static Column read(W3cFields f, int i) {
        Column c = i < f.columns.length ? f.columns[i] : Column.OTHER;
        return c == Column.NUMBER ? Column.OTHER : c;
    }
}
