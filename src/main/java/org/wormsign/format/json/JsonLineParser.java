package org.wormsign.format.json;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import org.wormsign.format.Addresses;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;

/**
 * Reads one JSON object per line with Jackson's non-blocking parser over the line's own bytes: one parser is
 * fed line after line (JSON lines are a stream of root values), so the clean path allocates nothing. Values
 * of the layout's keys are decoded (JSON escapes, UTF-8) into a scratch buffer that starts with a copy of
 * the line, and the record points there, so evidence still shows the line as logged.
 */
final class JsonLineParser implements LineParser {
    /**
     * Jackson's name table keeps every distinct key it meets; a log with keys that change from line to line
     * would grow it without end, so the parser is renewed after this many bytes fed.
     */
    private static final long RENEW_AFTER_BYTES = 16L << 20;

    private final JsonFactory factory;
    private final JsonLayout layout;
    /** The layout's paths per role, most wanted first. */
    private final String[][][] paths = new String[JsonLayout.ROLES][][];
    private final JsonTimes times = new JsonTimes();
    private JsonParser parser;
    private ByteArrayFeeder feeder;
    private long fed;

    private byte[] scratch = new byte[4096];
    private int used;
    /** Per role: the index of the path that gave its value (ROLES paths at most), and the value's range in scratch. */
    private final int[] found = new int[JsonLayout.ROLES];
    private final int[] valueStart = new int[JsonLayout.ROLES];
    private final int[] valueEnd = new int[JsonLayout.ROLES];
    /** The index of the client path that gave the first record's client; -1 before any record. */
    private int clientPath = -1;

    JsonLineParser(JsonFactory factory, JsonLayout layout) {
        this.factory = factory;
        this.layout = layout;
        for (int r = 0; r < JsonLayout.ROLES; r++) {
            List<String[]> l = layout.role(r);
            paths[r] = l.toArray(new String[0][]);
        }
    }

    @Override public int parse(byte[] b, int start, int end, LogRecord rec) {
        int s = start, e = end;
        while (s < e && (b[s] == ' ' || b[s] == '\t')) s++;
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) e--;
        if (s == e || b[s] != '{') {
            int brace = s == e ? -1 : afterComposePrefix(b, s, e);
            if (brace < 0) {
                rec.wrap(b, start, end);
                return Reject.foreign(b, start, end).ordinal();
            }
            s = brace;
        }
        int length = end - start;
        // Room for the line and every value appended after it: a value decodes to no more bytes than it takes
        // in the line, so the buffer the record points at is never replaced while it is filled.
        if (scratch.length < 2 * length + 64) scratch = new byte[2 * length + 64];
        System.arraycopy(b, start, scratch, 0, length);
        used = length;
        rec.wrap(scratch, 0, length);
        java.util.Arrays.fill(found, Integer.MAX_VALUE);
        int read = readObject(b, s, e);
        if (read != RECORD) return read;
        int filled = fill(rec);
        if (filled == RECORD && clientPath < 0) clientPath = found[JsonLayout.CLIENT];
        return filled;
    }

    /** The dotted path of the key the first record's client came from ({@code request.client_ip}, {@code ip}). */
    @Override public String clientField() {
        return clientPath < 0 ? null : String.join(".", paths[JsonLayout.CLIENT][clientPath]);
    }

    /**
     * Where the object starts behind the prefix {@code docker compose logs} writes before each line of a
     * service, its name padded with blanks and a bar ({@code caddy  | {...}}, {@code web-1  | {...}}); -1 when
     * the line has no such prefix.
     */
    private static int afterComposePrefix(byte[] b, int s, int e) {
        int p = s;
        while (p < e && serviceNameByte(b[p])) p++;
        if (p == s || p == e || b[p] != ' ') return -1;
        while (p < e && b[p] == ' ') p++;
        if (e - p < 3 || b[p] != '|' || b[p + 1] != ' ' || b[p + 2] != '{') return -1;
        return p + 2;
    }

    /** A byte of a compose service's or container's name: letters, digits, {@code _ . -}. */
    private static boolean serviceNameByte(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
    }

    /** Feeds the object to the parser and collects the layout's values: {@link #RECORD} or a reject. */
    private int readObject(byte[] b, int s, int e) {
        try {
            if (parser == null || fed > RENEW_AFTER_BYTES) renew();
            feeder.feedInput(b, s, e);
            fed += e - s;
            while (true) {
                JsonToken t = parser.nextToken();
                if (t == JsonToken.NOT_AVAILABLE) {
                    // The line ended inside the object: a cut line.
                    parser = null;
                    return Reject.TRUNCATED.ordinal();
                }
                if (t == JsonToken.END_OBJECT && parser.getParsingContext().inRoot()) break;
                if (t.isScalarValue() && t != JsonToken.VALUE_NULL) collect();
            }
            if (!feeder.needMoreInput()) {
                // Something after the object's closing brace (a second object, junk).
                parser = null;
                return Reject.NO_MATCH.ordinal();
            }
            return RECORD;
        } catch (IOException | RuntimeException ex) {
            // Not JSON, too deep, a string over Jackson's limits, bad UTF-8: the parser's state is unknown now.
            parser = null;
            return Reject.foreign(b, s, e).ordinal();
        }
    }

    private void renew() throws IOException {
        parser = factory.createNonBlockingByteArrayParser();
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        fed = 0;
    }

    /** A scalar value: kept when its path is one a role wants, and wanted more than what that role holds. */
    private void collect() throws IOException {
        JsonStreamContext ctx = parser.getParsingContext();
        if (!ctx.inObject()) return;
        String key = ctx.getCurrentName();
        for (int r = 0; r < JsonLayout.ROLES; r++) {
            String[][] wanted = paths[r];
            for (int i = 0; i < wanted.length && i < found[r]; i++) {
                String[] path = wanted[i];
                if (path[path.length - 1].equals(key) && matches(ctx, path)) {
                    found[r] = i;
                    valueStart[r] = used;
                    append(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                    valueEnd[r] = used;
                    break;
                }
            }
        }
    }

    /** Whether the keys from the root down to {@code ctx}'s current one are {@code path}. */
    private static boolean matches(JsonStreamContext ctx, String[] path) {
        JsonStreamContext c = ctx;
        for (int k = path.length - 1; k >= 0; k--) {
            if (c == null || !c.inObject() || !path[k].equals(c.getCurrentName())) return false;
            c = c.getParent();
        }
        return c != null && c.inRoot();
    }

    /** Appends the value as UTF-8: no longer than its spelling in the line (an escape or the same UTF-8 bytes). */
    private void append(char[] chars, int offset, int length) {
        byte[] out = scratch;
        int u = used;
        for (int i = offset, n = offset + length; i < n; i++) {
            char c = chars[i];
            if (c < 0x80) out[u++] = (byte) c;
            else if (c < 0x800) {
                out[u++] = (byte) (0xC0 | c >> 6);
                out[u++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(chars[i + 1])) {
                int cp = Character.toCodePoint(c, chars[++i]);
                out[u++] = (byte) (0xF0 | cp >> 18);
                out[u++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[u++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[u++] = (byte) (0x80 | cp & 0x3F);
            } else {
                out[u++] = (byte) (0xE0 | c >> 12);
                out[u++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[u++] = (byte) (0x80 | c & 0x3F);
            }
        }
        used = u;
    }

    private boolean has(int role) { return found[role] != Integer.MAX_VALUE; }

    /** The record from the values found, or why the line is not one. */
    private int fill(LogRecord rec) {
        boolean request = has(JsonLayout.REQUEST) || has(JsonLayout.URI);
        if (layout.skipsLinesWithoutRequest() && !request && !has(JsonLayout.CLIENT) && !has(JsonLayout.METHOD)) {
            // A server's own message in its access stream (Caddy's startup lines), unless it names the worm's path.
            return mentionsDefaultIda(rec.lineEnd()) ? Reject.NO_MATCH.ordinal() : SKIPPED;
        }
        if (!has(JsonLayout.CLIENT)) return Reject.BAD_ADDRESS.ordinal();
        int cs = valueStart[JsonLayout.CLIENT], ce = clientEnd(cs, valueEnd[JsonLayout.CLIENT]);
        if (scratch[cs] == '[' && ce > cs + 1 && scratch[ce - 1] == ']') { cs++; ce--; }
        if (!Addresses.plausibleClient(scratch, cs, ce)) return Reject.BAD_ADDRESS.ordinal();
        rec.setClient(cs, ce);
        if (!request) return Reject.NO_MATCH.ordinal();
        if (has(JsonLayout.REQUEST)) rec.setRequestLine(valueStart[JsonLayout.REQUEST], valueEnd[JsonLayout.REQUEST]);
        else {
            if (has(JsonLayout.METHOD)) rec.setMethod(valueStart[JsonLayout.METHOD], valueEnd[JsonLayout.METHOD]);
            rec.splitUri(valueStart[JsonLayout.URI], valueEnd[JsonLayout.URI]);
        }
        if (has(JsonLayout.STATUS)) {
            int status = status(valueStart[JsonLayout.STATUS], valueEnd[JsonLayout.STATUS]);
            if (status == Integer.MIN_VALUE) return Reject.BAD_STATUS.ordinal();
            rec.setStatus(status);
        }
        if (has(JsonLayout.TIME)) rec.setEpochSecond(times.parse(scratch, valueStart[JsonLayout.TIME], valueEnd[JsonLayout.TIME]));
        if (has(JsonLayout.TARGET)) {
            int ts = valueStart[JsonLayout.TARGET], te = valueEnd[JsonLayout.TARGET];
            if (te - ts > Addresses.MAX_TARGET_BYTES) return Reject.FIELD_TOO_LONG.ordinal();
            if (te > ts && !(te - ts == 1 && scratch[ts] == '-')) rec.setTarget(ts, te);
        }
        return RECORD;
    }

    private static final byte[] DEFAULT_IDA = "default.ida".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private boolean mentionsDefaultIda(int end) {
        outer:
        for (int p = 0; p + DEFAULT_IDA.length <= end; p++) {
            for (int k = 0; k < DEFAULT_IDA.length; k++) if (scratch[p + k] != DEFAULT_IDA[k]) continue outer;
            return true;
        }
        return false;
    }

    /**
     * Where a client address ends without its port: {@code 1.2.3.4:5678} (Caddy's old {@code remote_addr},
     * Traefik's {@code ClientAddr}) and {@code [::1]:443}; a bare IPv6 address has more than one colon.
     */
    private int clientEnd(int s, int e) {
        byte[] b = scratch;
        if (e > s && b[s] == '[') {
            for (int p = s + 1; p < e; p++) if (b[p] == ']') return p + 1;
            return e;
        }
        int colon = -1;
        for (int p = s; p < e; p++) {
            if (b[p] == ':') {
                if (colon >= 0) return e;
                colon = p;
            }
        }
        return colon > s ? colon : e;
    }

    /** A status of three digits, as a number or a string; {@code -} or empty is none (-1); else MIN_VALUE. */
    private int status(int s, int e) {
        if (e == s || e - s == 1 && scratch[s] == '-') return -1;
        if (e - s != 3) return Integer.MIN_VALUE;
        int v = 0;
        for (int p = s; p < e; p++) {
            if (scratch[p] < '0' || scratch[p] > '9') return Integer.MIN_VALUE;
            v = v * 10 + (scratch[p] - '0');
        }
        return v < 100 ? Integer.MIN_VALUE : v;
    }
}
