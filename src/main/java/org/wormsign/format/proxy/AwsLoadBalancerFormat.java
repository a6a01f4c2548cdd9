package org.wormsign.format.proxy;

import org.wormsign.format.Addresses;
import org.wormsign.format.LineParser;
import org.wormsign.format.LinePlan;
import org.wormsign.format.LogFormat;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;

/**
 * Access logs of AWS Elastic Load Balancing: the Application Load Balancer's ({@code aws-alb}) and the
 * Classic Load Balancer's ({@code aws-elb}). Fields are separated by single spaces, the request and user agent
 * quoted (AWS, "Access logs for your Application Load Balancer" and "Access logs for your Classic Load
 * Balancer"):
 *
 * <pre>
 * ALB: type time elb client:port target:port request_processing_time target_processing_time
 *      response_processing_time elb_status_code target_status_code received_bytes sent_bytes "request" …
 * ELB:      time elb client:port backend:port request_processing_time backend_processing_time
 *      response_processing_time elb_status_code backend_status_code received_bytes sent_bytes "request" …
 * </pre>
 *
 * Whatever follows the request (user agent, TLS, target group, trace id, and the fields AWS keeps adding) is
 * not read. The time is ISO 8601 in UTC; the status is the balancer's, what the client was answered; the target
 * is the balancer's name ({@code app/my-alb/50dc6c495c0c9188}). The request is logged in absolute form, {@code
 * "GET https://host:443/path?query HTTP/1.1"}: the path classified is the one after the authority. A TCP
 * listener's connection logs {@code "- - - "} and status {@code -}: a record with no request. Lines starting
 * with {@code #} (Matomo's test log has one) are comments, skipped as in Apache logs.
 */
public final class AwsLoadBalancerFormat implements LogFormat {
    public static final AwsLoadBalancerFormat ALB = new AwsLoadBalancerFormat("aws-alb", true);
    public static final AwsLoadBalancerFormat ELB = new AwsLoadBalancerFormat("aws-elb", false);

    private final String name;
    /** ALB lines start with the request type ({@code http}, {@code https}, {@code h2}, {@code grpcs}, {@code ws}, {@code wss}). */
    private final boolean typeFirst;

    private AwsLoadBalancerFormat(String name, boolean typeFirst) {
        this.name = name;
        this.typeFirst = typeFirst;
    }

    @Override public String name() { return name; }

    /** The field as AWS's documentation names it: the client's address and port, the port cut off. */
    @Override public String clientField() { return "client:port"; }

    @Override public LineParser newParser() { return this::parse; }

    private int parse(byte[] b, int start, int end, LogRecord rec) {
        rec.wrap(b, start, end);
        if (end > start && b[start] == '#') {
            return LinePlan.isComment(b, start, end) ? LineParser.SKIPPED : Reject.foreign(b, start, end).ordinal();
        }
        int p = start;
        if (typeFirst) {
            int e = ProxyFields.nextBlank(b, p, end);
            if (!requestType(b, p, e)) return Reject.foreign(b, start, end).ordinal();
            p = e + 1;
        }
        int e = ProxyFields.nextBlank(b, p, end);
        if (e == end) return Reject.foreign(b, start, end).ordinal();
        long time = ProxyFields.isoUtc(b, p, e);
        if (time == ProxyFields.BAD_TIME) {
            return e - p >= 20 && b[p + 10] == 'T' ? Reject.BAD_TIMESTAMP.ordinal() : Reject.foreign(b, start, end).ordinal();
        }
        // From here on the line is shaped like this format: a short one was cut.
        int nameStart = e + 1, nameEnd = ProxyFields.nextBlank(b, nameStart, end);
        int clientStart = nameEnd + 1, clientEnd = ProxyFields.nextBlank(b, clientStart, end);
        p = clientEnd + 1;
        // target:port, three processing times: not read.
        for (int k = 0; k < 4 && p < end; k++) p = ProxyFields.nextBlank(b, p, end) + 1;
        int statusStart = p, statusEnd = ProxyFields.nextBlank(b, p, end);
        p = statusEnd + 1;
        // target status, received and sent bytes: not read.
        for (int k = 0; k < 3 && p < end; k++) p = ProxyFields.nextBlank(b, p, end) + 1;
        if (p >= end) return Reject.TRUNCATED.ordinal();
        if (b[p] != '"') return Reject.NO_MATCH.ordinal();
        int requestStart = p + 1, requestEnd = closingQuote(b, requestStart, end);
        if (requestEnd < 0) return Reject.TRUNCATED.ordinal();

        int status = ProxyFields.status(b, statusStart, statusEnd);
        if (status == ProxyFields.BAD_STATUS) return Reject.BAD_STATUS.ordinal();
        int addressStart = ProxyFields.addressStart(b, clientStart, clientEnd);
        int addressEnd = ProxyFields.addressEnd(b, clientStart, clientEnd);
        if (!Addresses.plausibleClient(b, addressStart, addressEnd)) return Reject.BAD_ADDRESS.ordinal();
        if (nameEnd - nameStart > Addresses.MAX_TARGET_BYTES) return Reject.FIELD_TOO_LONG.ordinal();
        rec.setEpochSecond(time);
        rec.setClient(addressStart, addressEnd);
        rec.setTarget(nameStart, nameEnd);
        rec.setStatus(status);
        ProxyFields.requestLine(rec, requestStart, requestEnd);
        return LineParser.RECORD;
    }

    /** The request's closing quote: the first {@code "} followed by a blank or the line's end; -1 if none. */
    private static int closingQuote(byte[] b, int p, int end) {
        for (; p < end; p++) if (b[p] == '"' && (p + 1 == end || b[p + 1] == ' ')) return p;
        return -1;
    }

    private static final byte[][] TYPES = {bytes("http"), bytes("https"), bytes("h2"), bytes("grpcs"), bytes("ws"), bytes("wss")};

    private static boolean requestType(byte[] b, int from, int to) {
        for (byte[] t : TYPES) {
            if (t.length != to - from) continue;
            int k = 0;
            while (k < t.length && b[from + k] == t[k]) k++;
            if (k == t.length) return true;
        }
        return false;
    }

    private static byte[] bytes(String s) { return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII); }
}
