package org.wormsign.format.proxy;

import org.wormsign.format.Addresses;
import org.wormsign.format.LineParser;
import org.wormsign.format.LinePlan;
import org.wormsign.format.LogFormat;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;

/**
 * Squid's native access log ({@code logformat squid}), fields separated by runs of blanks (the elapsed time is
 * padded to six columns). Squid's documentation (squid-cache.org, "Squid Log Files", access.log, and
 * {@code cf.data.pre}: {@code logformat squid %ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %[un %Sh/%<a %mt}):
 *
 * <pre>
 * time elapsed remotehost code/status bytes method URL rfc931 peerstatus/peerhost type
 * 995536838.123    125 10.1.2.3 TCP_MISS/404 339 GET http://10.0.0.5/default.ida? - DIRECT/10.0.0.5 text/html
 * </pre>
 *
 * The time is epoch seconds with milliseconds (UTC). The URL is absolute for proxied requests (the path after
 * the authority is classified) and {@code host:port} for a CONNECT (no path). The target is the peer host, the
 * server Squid forwarded to ({@code DIRECT/10.0.0.5}); not the URL's host, which an accelerator builds from the
 * Host header, and Code Red I sends {@code Host: www.worm.com}. Status {@code 000} (no answer) is none. Squid
 * strips query strings by default ({@code strip_query_terms on}, the URL cut after its {@code ?}): Code Red then
 * shows as {@code /default.ida?} with its query gone, which is counted as a query not logged
 * ({@code default_ida_without_query}), not as Code Red. Fields after the type ({@code log_mime_hdrs}) are not read.
 */
public final class SquidFormat implements LogFormat {
    public static final String NAME = "squid-native";
    public static final SquidFormat INSTANCE = new SquidFormat();

    private SquidFormat() {}

    @Override public String name() { return NAME; }

    /** As Squid's documentation of its native access.log names the third field. */
    @Override public String clientField() { return "remotehost"; }

    @Override public LineParser newParser() { return SquidFormat::parse; }

    private static int parse(byte[] b, int start, int end, LogRecord rec) {
        rec.wrap(b, start, end);
        if (end > start && b[start] == '#') {
            return LinePlan.isComment(b, start, end) ? LineParser.SKIPPED : Reject.foreign(b, start, end).ordinal();
        }
        int p = ProxyFields.skipBlanks(b, start, end);
        int timeEnd = ProxyFields.nextBlank(b, p, end);
        long time = epochMillis(b, p, timeEnd);
        if (time == ProxyFields.BAD_TIME) return Reject.foreign(b, start, end).ordinal();
        // From here on the line is shaped like Squid's: a short one was cut.
        int elapsedStart = ProxyFields.skipBlanks(b, timeEnd, end), elapsedEnd = ProxyFields.nextBlank(b, elapsedStart, end);
        int clientStart = ProxyFields.skipBlanks(b, elapsedEnd, end), clientEnd = ProxyFields.nextBlank(b, clientStart, end);
        int codeStart = ProxyFields.skipBlanks(b, clientEnd, end), codeEnd = ProxyFields.nextBlank(b, codeStart, end);
        int bytesStart = ProxyFields.skipBlanks(b, codeEnd, end), bytesEnd = ProxyFields.nextBlank(b, bytesStart, end);
        int methodStart = ProxyFields.skipBlanks(b, bytesEnd, end), methodEnd = ProxyFields.nextBlank(b, methodStart, end);
        int urlStart = ProxyFields.skipBlanks(b, methodEnd, end), urlEnd = ProxyFields.nextBlank(b, urlStart, end);
        int userStart = ProxyFields.skipBlanks(b, urlEnd, end), userEnd = ProxyFields.nextBlank(b, userStart, end);
        int peerStart = ProxyFields.skipBlanks(b, userEnd, end), peerEnd = ProxyFields.nextBlank(b, peerStart, end);
        int typeStart = ProxyFields.skipBlanks(b, peerEnd, end);
        if (typeStart >= end) return Reject.TRUNCATED.ordinal();

        int slash = codeStart;
        while (slash < codeEnd && b[slash] != '/') slash++;
        if (slash == codeEnd) return Reject.NO_MATCH.ordinal();
        int status = codeEnd - slash == 4 && b[slash + 1] == '0' && b[slash + 2] == '0' && b[slash + 3] == '0'
                ? -1 : ProxyFields.status(b, slash + 1, codeEnd);
        if (status == ProxyFields.BAD_STATUS) return Reject.BAD_STATUS.ordinal();
        if (!Addresses.plausibleClient(b, clientStart, clientEnd)) return Reject.BAD_ADDRESS.ordinal();
        int peer = peerStart;
        while (peer < peerEnd && b[peer] != '/') peer++;
        peer++;
        if (peerEnd - peer > Addresses.MAX_TARGET_BYTES) return Reject.FIELD_TOO_LONG.ordinal();
        rec.setEpochSecond(time);
        rec.setClient(clientStart, clientEnd);
        rec.setStatus(status);
        if (peer < peerEnd && !(peerEnd - peer == 1 && b[peer] == '-')) rec.setTarget(peer, peerEnd);
        rec.setMethod(methodStart, methodEnd);
        ProxyFields.uri(rec, urlStart, urlEnd);
        // strip_query_terms cuts the URL after its '?': an empty query there is one that was not logged.
        if (rec.hasQuery() && rec.queryStart() == rec.queryEnd()) rec.setQueryLogged(false);
        return LineParser.RECORD;
    }

    /** Epoch seconds of {@code 995536838.123} (a fraction of exactly three digits), or BAD_TIME. */
    private static long epochMillis(byte[] b, int from, int to) {
        int dot = to - 4;
        if (dot - from < 1 || dot - from > 11 || b[dot] != '.' || ProxyFields.digits(b, dot + 1, 3) < 0) return ProxyFields.BAD_TIME;
        long s = 0;
        for (int p = from; p < dot; p++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) return ProxyFields.BAD_TIME;
            s = s * 10 + d;
        }
        return s;
    }
}
