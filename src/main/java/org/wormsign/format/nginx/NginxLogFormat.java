package org.wormsign.format.nginx;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.wormsign.format.FieldKind;
import org.wormsign.format.FormatException;
import org.wormsign.format.LinePlan;
import org.wormsign.format.PlanBuilder;

/**
 * Compiles an nginx {@code log_format} string (ngx_http_log_module) into a {@link LinePlan}. Any variable
 * is legal in nginx, so unknown ones are carried as free text rather than refused.
 */
public final class NginxLogFormat {
    private NginxLogFormat() {}

    /** nginx's built-in format; it is byte-for-byte Apache's {@code combined} in shape. */
    public static final String COMBINED =
            "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"";

    /**
     * The variables the client is read from when {@code --client} names none, best first (README, "Which field is
     * the client"): the addresses the server itself saw before the headers a client can write, which a request
     * sent straight to the server (as the worm's are) does not carry.
     */
    private static final List<String> CLIENT_RANK = List.of(
            "remote_addr",                  // client address (the real one, where the realip module rewrote it)
            "the_real_ip",                  // ingress-nginx's map: $proxy_protocol_addr behind a PROXY-protocol balancer, else $remote_addr
            "proxy_protocol_addr",          // client address from the PROXY protocol header
            "realip_remote_addr",           // the connection's peer before the realip module rewrote $remote_addr: the proxy
            "http_x_forwarded_for",         // the X-Forwarded-For header: its leftmost address
            "http_x_real_ip",               // the X-Real-IP header
            "proxy_add_x_forwarded_for");   // X-Forwarded-For with $remote_addr appended

    /** Variable → kind; one row per variable wormsign reads or validates (clients: {@link #CLIENT_RANK}). */
    private static final Map<String, FieldKind> VARIABLES = Map.ofEntries(
            Map.entry("time_local", FieldKind.TIME_APACHE),      // 10/Oct/2000:13:55:36 -0700
            Map.entry("request", FieldKind.REQUEST),             // full original request line
            Map.entry("status", FieldKind.STATUS),               // response status
            Map.entry("request_method", FieldKind.METHOD),
            Map.entry("uri", FieldKind.PATH),                    // normalised current URI, no args
            Map.entry("document_uri", FieldKind.PATH),
            Map.entry("args", FieldKind.QUERY),                  // query string without '?'
            Map.entry("query_string", FieldKind.QUERY),
            Map.entry("request_uri", FieldKind.URI),             // original URI with args
            Map.entry("server_addr", FieldKind.TARGET),          // address of the server that accepted the request
            Map.entry("server_name", FieldKind.TARGET),          // name of the server block
            Map.entry("body_bytes_sent", FieldKind.NUMBER),
            Map.entry("bytes_sent", FieldKind.NUMBER),
            Map.entry("request_length", FieldKind.NUMBER),
            Map.entry("request_time", FieldKind.NUMBER),          // seconds with ms resolution
            Map.entry("server_port", FieldKind.NUMBER),
            Map.entry("remote_port", FieldKind.NUMBER),
            Map.entry("connection", FieldKind.NUMBER),
            Map.entry("connection_requests", FieldKind.NUMBER),
            Map.entry("pid", FieldKind.NUMBER));

    public static LinePlan compile(String name, String spec) {
        return compile(name, spec, null);
    }

    /**
     * @param spec the format string, or a whole {@code log_format NAME [escape=…] '…' '…';} directive as in
     *     nginx.conf, whose quoted parts are joined as nginx joins them
     */
    public static LinePlan compile(String name, String spec, java.time.ZoneId zone) {
        return compile(name, spec, zone, null);
    }

    /**
     * @param client the variable {@code --client} names ({@code $the_real_ip}; the {@code $} may be left out); null:
     *     the best of {@link #CLIENT_RANK} the format logs
     * @throws FormatException also when the format logs no {@code client} that can hold an address
     */
    public static LinePlan compile(String name, String spec, java.time.ZoneId zone, String client) {
        String format = formatOf(spec);
        PlanBuilder plan = client == null ? new PlanBuilder() : new PlanBuilder(requestedKey(client), client);
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '$') { plan.literal(c); i++; continue; }
            int start = i++;
            String variable;
            if (i < format.length() && format.charAt(i) == '{') {
                int close = format.indexOf('}', i);
                if (close < 0) throw new FormatException("log_format has an unclosed '${' at column " + (start + 1) + ": " + spec);
                variable = format.substring(i + 1, close);
                i = close + 1;
            } else {
                int e = i;
                while (e < format.length() && (Character.isLetterOrDigit(format.charAt(e)) || format.charAt(e) == '_')) e++;
                variable = format.substring(i, e);
                i = e;
            }
            if (variable.isEmpty()) { plan.literal('$'); continue; }
            switch (variable) {
                case "time_iso8601":
                    // 2001-07-19T10:00:00+00:00
                    plan.field(FieldKind.T_YEAR).literal('-').field(FieldKind.T_MONTH).literal('-').field(FieldKind.T_DAY)
                            .literal('T').field(FieldKind.T_HOUR).literal(':').field(FieldKind.T_MINUTE).literal(':')
                            .field(FieldKind.T_SECOND).field(FieldKind.T_ISO_OFFSET);
                    break;
                case "msec":
                    plan.field(FieldKind.T_EPOCH_DECIMAL);   // seconds with milliseconds: 995536838.123
                    break;
                case "is_args":
                    // "?" when there are arguments, else nothing: before $args ($uri$is_args$args) it is the
                    // query's own '?', which the query field takes and drops.
                    if (!argsAt(format, i)) plan.field(FieldKind.SKIP);
                    break;
                default:
                    FieldKind kind = VARIABLES.get(variable);
                    if (kind == null) client(plan, variable);
                    else plan.field(kind);
            }
        }
        if (plan.isEmpty()) throw new FormatException("log_format has no variable: " + spec);
        return plan.build(name, spec, zone);
    }

    /**
     * A variable that may hold the client: a ranked one, a request header, or any the table does not know (a
     * {@code map} or {@code set} of the user's, as ingress-nginx's {@code $the_real_ip} is), which is free text
     * unless {@code --client} names it.
     */
    private static void client(PlanBuilder plan, String variable) {
        // nginx matches variable names in any case (ngx_http_get_variable lower-cases them): $http_X_Forwarded_For.
        String key = variable.toLowerCase(Locale.ROOT);
        int rank = CLIENT_RANK.indexOf(key);
        boolean header = key.startsWith("http_") || key.equals("proxy_add_x_forwarded_for");
        plan.client(key, "$" + variable, rank < 0 ? PlanBuilder.ONLY_WHEN_NAMED : rank, header ? FieldKind.CLIENT_LIST : FieldKind.CLIENT);
    }

    /** The key of the variable {@code --client} names: {@code $the_real_ip}, {@code ${the_real_ip}} or {@code the_real_ip}. */
    private static String requestedKey(String client) {
        String v = client.startsWith("${") && client.endsWith("}") ? client.substring(2, client.length() - 1)
                : client.startsWith("$") ? client.substring(1) : client;
        if (v.isEmpty() || !v.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
            throw new FormatException("--client " + client + ": not an nginx variable (give one as the format writes it: $remote_addr, $the_real_ip, $http_x_forwarded_for)");
        }
        return v.toLowerCase(Locale.ROOT);
    }

    /** Whether the variable at {@code i} is the query string: {@code $args}, {@code $query_string}, {@code ${args}}. */
    private static boolean argsAt(String format, int i) {
        for (String v : new String[] {"args", "query_string"}) {
            if (format.startsWith("${" + v + "}", i)) return true;
            int e = i + 1 + v.length();
            if (format.startsWith("$" + v, i)
                    && (e == format.length() || !Character.isLetterOrDigit(format.charAt(e)) && format.charAt(e) != '_')) return true;
        }
        return false;
    }

    /** The format itself: a bare string as is; a log_format directive's quoted parts joined. */
    static String formatOf(String spec) {
        String t = spec.strip();
        if (!t.startsWith("log_format")) return spec;
        StringBuilder joined = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '\'' || c == '"') {
                int close = t.indexOf(c, i + 1);
                while (close > 0 && t.charAt(close - 1) == '\\') close = t.indexOf(c, close + 1);
                if (close < 0) throw new FormatException("log_format directive has an unclosed quote: " + spec);
                joined.append(t, i + 1, close);
                quoted = true;
                i = close + 1;
            } else {
                i++;
            }
        }
        if (!quoted) throw new FormatException("log_format directive has no quoted format: " + spec);
        return joined.toString().replace("\\\"", "\"").replace("\\'", "'");
    }
}
