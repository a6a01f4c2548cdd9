package org.wormsign.format.iis;

import java.util.List;
import java.util.Locale;

/**
 * A W3C extended {@code #Fields:} directive compiled into what each column means. The directive can change
 * anywhere in a file (IIS writes a new one when the logging properties change), so a parser recompiles
 * on every one; this class is immutable so a chunk of a file can start with the one in force.
 */
public final class W3cFields {
    /** Column meanings wormsign reads; every other column is carried along unread. */
    enum Column { DATE, TIME, CLIENT, TARGET, METHOD, PATH, QUERY, URI, STATUS, OTHER }

    final Column[] columns;
    final String directive;
    final boolean hasDate;
    final boolean hasQuery;

    private W3cFields(Column[] columns, String directive) {
        this.columns = columns;
        this.directive = directive;
        boolean date = false, query = false;
        for (Column c : columns) {
            date |= c == Column.DATE;
            query |= c == Column.QUERY || c == Column.URI;
        }
        this.hasDate = date;
        this.hasQuery = query;
    }

    /**
     * One row per standard field (W3C Working Draft WD-logfile-960323 and IIS's W3C Extended Log File
     * Format). The target is the server address when logged, else the server's own name. Never
     * {@code cs-host}: that is the Host header the client sent, and Code Red I sends www.worm.com.
     */
    public static W3cFields compile(String fieldList) {
        String[] names = fieldList.trim().split("[ \t]+");
        List<String> lower = java.util.Arrays.stream(names).map(n -> n.toLowerCase(Locale.ROOT)).toList();
        String target = lower.contains("s-ip") ? "s-ip" : lower.contains("s-computername") ? "s-computername"
                : lower.contains("s-sitename") ? "s-sitename" : null;
        Column[] columns = new Column[names.length];
        for (int i = 0; i < names.length; i++) {
            String n = lower.get(i);
            Column c;
            switch (n) {
                case "date": c = Column.DATE; break;              // yyyy-mm-dd, UTC
                case "time": c = Column.TIME; break;              // hh:mm:ss, UTC
                case "c-ip": c = Column.CLIENT; break;            // client address
                case "cs-method": c = Column.METHOD; break;
                case "cs-uri-stem": c = Column.PATH; break;       // path, no query
                case "cs-uri-query": c = Column.QUERY; break;     // query without '?', '-' when none
                case "cs-uri": c = Column.URI; break;             // path and query
                case "sc-status": c = Column.STATUS; break;       // HTTP status
                default: c = n.equals(target) ? Column.TARGET : Column.OTHER;
            }
            columns[i] = c;
        }
        return new W3cFields(columns, fieldList.trim());
    }

    public int count() { return columns.length; }
    public String directive() { return directive; }
    /** False when the log has no query column: {@code /default.ida} attempts then cannot be told apart. */
    public boolean hasQuery() { return hasQuery; }
}
