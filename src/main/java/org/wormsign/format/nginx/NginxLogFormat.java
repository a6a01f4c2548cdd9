package org.wormsign.format.nginx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.wormsign.format.FieldKind;
import org.wormsign.format.FormatException;
import org.wormsign.format.LinePlan;

/**
 * Compiles an nginx {@code log_format} string (ngx_http_log_module) into a {@link LinePlan}. Any variable
 * is legal in nginx, so unknown ones are carried as free text rather than refused.
 */
public final class NginxLogFormat {
    private NginxLogFormat() {}

    /** nginx's built-in format; it is byte-for-byte Apache's {@code combined} in shape. */
    public static final String COMBINED =
            "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"";

    /** Variable → kind; one row per variable wormsign reads or validates. */
    private static final Map<String, FieldKind> VARIABLES = Map.ofEntries(
            Map.entry("remote_addr", FieldKind.CLIENT),          // client address
            Map.entry("realip_remote_addr", FieldKind.CLIENT),   // address before the realip module rewrote it
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
        List<byte[]> literals = new ArrayList<>();
        List<FieldKind> fields = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < spec.length()) {
            char c = spec.charAt(i);
            if (c != '$') { literal.append(c); i++; continue; }
            int start = i++;
            String variable;
            if (i < spec.length() && spec.charAt(i) == '{') {
                int close = spec.indexOf('}', i);
                if (close < 0) throw new FormatException("log_format has an unclosed '${' at column " + (start + 1) + ": " + spec);
                variable = spec.substring(i + 1, close);
                i = close + 1;
            } else {
                int e = i;
                while (e < spec.length() && (Character.isLetterOrDigit(spec.charAt(e)) || spec.charAt(e) == '_')) e++;
                variable = spec.substring(i, e);
                i = e;
            }
            if (variable.isEmpty()) { literal.append('$'); continue; }
            FieldKind kind = VARIABLES.getOrDefault(variable, FieldKind.SKIP);
            if (variable.startsWith("time_") && kind == FieldKind.SKIP || variable.equals("msec")) {
                throw new FormatException("log_format variable $" + variable + " is not supported in this version: " + spec);
            }
            literals.add(literal.toString().getBytes(StandardCharsets.ISO_8859_1));
            literal.setLength(0);
            fields.add(kind);
        }
        literals.add(literal.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (fields.isEmpty()) throw new FormatException("log_format has no variable: " + spec);
        return new LinePlan(name, spec, literals, fields);
    }
}
