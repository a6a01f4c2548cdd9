package org.wormsign.format;

import java.nio.charset.StandardCharsets;

/**
 * One parsed log line, reused for every line a thread reads (a flyweight): it points into the line's
 * bytes and holds the few values already decoded. Strings are made only for what gets reported.
 *
 * <p>A range is {@code [start, end)} in {@link #bytes()}; an absent field has {@code start == -1}.
 */
public final class LogRecord {
    /**
     * {@link #epochSecond()} of a record whose format logs no time (a {@code LogFormat} without {@code %t}, a
     * {@code log_format} without {@code $time_local}): a legal record, whose time is unknown. Every reader of a
     * time checks for it; it never reaches an output as a number.
     */
    public static final long NO_TIME = Long.MIN_VALUE;

    private byte[] bytes;
    private int lineStart;
    private int lineEnd;

    int clientStart = -1, clientEnd = -1;
    int requestStart = -1, requestEnd = -1;
    int methodStart = -1, methodEnd = -1;
    int pathStart = -1, pathEnd = -1;
    int queryStart = -1, queryEnd = -1;
    int protocolStart = -1, protocolEnd = -1;
    int targetStart = -1, targetEnd = -1;
    long epochSecond;
    int status;
    /** True when the request field was present but not a readable request line ({@code -}, empty, binary). */
    boolean requestUnreadable;
    /** False when the format has no field that could hold a query (W3C without cs-uri-query, Apache %U alone). */
    boolean queryLogged;
    /** True when the line did not fit its format's columns and was read by another layout (W3C: see W3cParser). */
    boolean realigned;

    /** Re-points this record at a new line and forgets every field of the previous one. */
    public void wrap(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.lineStart = start;
        this.lineEnd = end;
        clientStart = clientEnd = -1;
        requestStart = requestEnd = -1;
        methodStart = methodEnd = -1;
        pathStart = pathEnd = -1;
        queryStart = queryEnd = -1;
        protocolStart = protocolEnd = -1;
        targetStart = targetEnd = -1;
        epochSecond = NO_TIME;
        status = -1;
        requestUnreadable = false;
        queryLogged = true;
        realigned = false;
    }

    public byte[] bytes() { return bytes; }
    public int lineStart() { return lineStart; }
    public int lineEnd() { return lineEnd; }

    public int clientStart() { return clientStart; }
    public int clientEnd() { return clientEnd; }
    public int pathStart() { return pathStart; }
    public int pathEnd() { return pathEnd; }
    public int queryStart() { return queryStart; }
    public int queryEnd() { return queryEnd; }
    public int methodStart() { return methodStart; }
    public int methodEnd() { return methodEnd; }
    public int requestStart() { return requestStart; }
    public int requestEnd() { return requestEnd; }
    public boolean hasPath() { return pathStart >= 0; }
    public boolean hasQuery() { return queryStart >= 0; }
    public boolean hasTarget() { return targetStart >= 0; }
    public int targetStart() { return targetStart; }
    public int targetEnd() { return targetEnd; }
    public boolean requestUnreadable() { return requestUnreadable; }
    /** Whether the format could have logged a query: if not, a request's missing query says nothing. */
    public boolean queryLogged() { return queryLogged; }
    public void setQueryLogged(boolean logged) { queryLogged = logged; }
    /** Whether the line was read by another layout than the one its format declares for it (a realigned W3C line). */
    public boolean realigned() { return realigned; }
    public void setRealigned() { realigned = true; }

    /** Seconds since the epoch, in UTC, or {@link #NO_TIME} when the format carries no time. */
    public long epochSecond() { return epochSecond; }
    public boolean hasTime() { return epochSecond != NO_TIME; }

    /** The HTTP status the server answered, or -1 when the log says {@code -}. */
    public int status() { return status; }

    public String client() { return text(clientStart, clientEnd); }
    public String path() { return text(pathStart, pathEnd); }
    public String query() { return text(queryStart, queryEnd); }
    public String method() { return text(methodStart, methodEnd); }
    /** The server this line was logged by (address or virtual host), when the format records it. */
    public String target() { return text(targetStart, targetEnd); }

    private String text(int start, int end) {
        return start < 0 ? null : new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
    }

    // Setters used by format plans outside this package (the IIS and nginx sub-packages).
    public void setClient(int start, int end) { clientStart = start; clientEnd = end; }
    public void setTarget(int start, int end) { targetStart = start; targetEnd = end; }
    public void setEpochSecond(long epochSecond) { this.epochSecond = epochSecond; }
    public void setStatus(int status) { this.status = status; }
    public void setMethod(int start, int end) { methodStart = start; methodEnd = end; }
    public void setPath(int start, int end) { pathStart = start; pathEnd = end; }
    public void setQuery(int start, int end) { queryStart = start; queryEnd = end; }

    /**
     * Splits a request line ({@code METHOD SP URI [SP+ PROTOCOL]}) into its parts. Tolerates what real
     * logs hold: two spaces before the protocol (Code Red), no protocol, lower-case methods, {@code -}.
     */
    public void setRequestLine(int start, int end) {
        requestStart = start;
        requestEnd = end;
        byte[] b = bytes;
        if (end - start == 1 && b[start] == '-' || end == start) {
            requestUnreadable = true;
            return;
        }
        int sp = start;
        while (sp < end && b[sp] != ' ') {
            if ((b[sp] & 0xff) < 0x21 || (b[sp] & 0xff) > 0x7e) { requestUnreadable = true; return; }
            sp++;
        }
        if (sp == end) {
            // A lone token: a bare path (HTTP/0.9 style) when it looks like one, else unreadable.
            if (b[start] == '/') splitUri(start, end); else requestUnreadable = true;
            return;
        }
        methodStart = start;
        methodEnd = sp;
        int uriStart = sp + 1;
        // The URI's end and its first '?', eight bytes a step (Code Red's is over 300 bytes).
        int question = -1;
        int uriEnd = ByteSearch.nextOfTwo(b, uriStart, end, (byte) ' ', (byte) '?');
        if (uriEnd < end && b[uriEnd] == '?') {
            question = uriEnd;
            uriEnd = ByteSearch.next(b, uriEnd + 1, end, (byte) ' ');
        }
        if (uriEnd == uriStart) {
            // "GET " and nothing after it: the line was cut (or mangled) before the URI.
            requestUnreadable = true;
            return;
        }
        pathStart = uriStart;
        pathEnd = question < 0 ? uriEnd : question;
        if (question >= 0) { queryStart = question + 1; queryEnd = uriEnd; }
        int p = uriEnd;
        while (p < end && b[p] == ' ') p++;
        if (p < end) { protocolStart = p; protocolEnd = end; }
    }

    /** Splits a URI at its first {@code ?} into path and query (the query may be empty). */
    public void splitUri(int start, int end) {
        int q = start;
        while (q < end && bytes[q] != '?') q++;
        pathStart = start;
        pathEnd = q;
        if (q < end) { queryStart = q + 1; queryEnd = end; }
    }
}
