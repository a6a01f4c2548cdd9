package org.wormsign.format.apache;

import java.time.ZoneId;
import java.util.Map;

import org.wormsign.format.FieldKind;
import org.wormsign.format.FormatException;
import org.wormsign.format.LinePlan;
import org.wormsign.format.PlanBuilder;
import org.wormsign.format.Strftime;

/**
 * Compiles an Apache httpd {@code LogFormat} string (mod_log_config) into a {@link LinePlan}.
 * The directive table below is the spec's table, one row per directive.
 */
public final class ApacheLogFormat {
    private ApacheLogFormat() {}

    /** The nicknames httpd's default configuration defines. */
    public static final Map<String, String> NAMED = Map.of(
            "common", "%h %l %u %t \"%r\" %>s %b",
            "combined", "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\"",
            "vhost_combined", "%v:%p %h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\"",
            "referer", "%{Referer}i -> %U",
            "agent", "%{User-agent}i");

    /**
     * Directive letter → kind, per https://httpd.apache.org/docs/2.4/mod/mod_log_config.html#formats.
     * Letters that take a {@code {…}} argument list it in {@link #withArgument}.
     */
    private static FieldKind kindOf(char letter, String arg) {
        switch (letter) {
            case 'a': return FieldKind.CLIENT;        // client IP (%{c}a: the peer of the connection)
            case 'h': return FieldKind.CLIENT;        // remote host name, or its IP
            case 'A': return FieldKind.TARGET;        // local IP address: the server that was probed
            case 'v': return FieldKind.TARGET;        // canonical ServerName of the virtual host
            case 'V': return FieldKind.SKIP;          // server name per UseCanonicalName: may echo the client's Host
            case 'B': case 'b': return FieldKind.NUMBER; // response bytes without headers (%b: '-' for 0)
            case 'D': return FieldKind.NUMBER;        // time to serve, microseconds
            case 'T': return FieldKind.NUMBER;        // time to serve, seconds (or %{UNIT}T)
            case 'k': return FieldKind.NUMBER;        // keepalive requests on this connection
            case 'p': return FieldKind.NUMBER;        // server port (%{canonical|local|remote}p)
            case 'P': return "tid".equals(arg) || "hextid".equals(arg) ? FieldKind.SKIP : FieldKind.NUMBER; // pid / tid
            case 'I': case 'O': case 'S': return FieldKind.NUMBER; // bytes received / sent / both (mod_logio)
            case 's': return FieldKind.STATUS;        // status (%>s final, %<s original)
            case 'r': return FieldKind.REQUEST;       // first line of request
            case 'm': return FieldKind.METHOD;        // request method
            case 'U': return FieldKind.PATH;          // URL path, no query
            case 'q': return FieldKind.QUERY;         // query string with its leading '?', or empty
            case 'H': return FieldKind.SKIP;          // request protocol
            case 'l': case 'u': return FieldKind.SKIP; // identd name, remote user
            case 'f': case 'R': case 'L': case 'X': return FieldKind.SKIP; // file, handler, log id, conn status
            case 'i': case 'o': case 'C': case 'e': case 'n': return FieldKind.SKIP; // headers, cookie, env, note
            case 't': return FieldKind.TIME_APACHE;
            default: return null;
        }
    }

    private static boolean withArgument(char letter) {
        return "aChiCeonpPtT^".indexOf(letter) >= 0;
    }

    public static LinePlan compile(String nameOrFormat) {
        return compile(nameOrFormat, (ZoneId) null);
    }

    /** @param zone where times logged without an offset ({@code %{%H:%M}t}) are read; null: UTC */
    public static LinePlan compile(String nameOrFormat, ZoneId zone) {
        String spec = NAMED.getOrDefault(nameOrFormat, nameOrFormat);
        String name = NAMED.containsKey(nameOrFormat) ? "apache-" + nameOrFormat.replace('_', '-') : "apache-custom";
        return compile(name, spec, zone);
    }

    public static LinePlan compile(String name, String spec) {
        return compile(name, spec, null);
    }

    public static LinePlan compile(String name, String spec, ZoneId zone) {
        String format = unescapeConfigString(spec);
        PlanBuilder plan = new PlanBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') { plan.literal(c); i++; continue; }
            int start = i++;
            if (i >= format.length()) throw new FormatException("LogFormat ends with a lone '%': " + spec);
            if (format.charAt(i) == '%') { plan.literal('%'); i++; continue; }
            // Modifiers: status conditions (%400,501{…}i, %!200…), '<' / '>' (original / final request).
            while (i < format.length() && "!<>,0123456789".indexOf(format.charAt(i)) >= 0) i++;
            String arg = null;
            if (i < format.length() && format.charAt(i) == '{') {
                int close = format.indexOf('}', i);
                if (close < 0) throw new FormatException("LogFormat has an unclosed '{' at column " + (i + 1) + ": " + spec);
                arg = format.substring(i + 1, close);
                i = close + 1;
            }
            if (i >= format.length()) throw new FormatException("LogFormat directive at column " + (start + 1) + " has no letter: " + spec);
            char letter = format.charAt(i++);
            if (letter == '^') {
                // %{VARNAME}^ti / ^to: request / response trailers.
                if (i + 1 < format.length() && format.charAt(i) == 't' && "io".indexOf(format.charAt(i + 1)) >= 0) i += 2;
                else throw new FormatException("unknown LogFormat directive '" + format.substring(start, Math.min(i + 2, format.length())) + "' in: " + spec);
                plan.field(FieldKind.SKIP);
                continue;
            }
            FieldKind kind = kindOf(letter, arg);
            if (kind == null || (arg != null && !withArgument(letter))) {
                throw new FormatException("unknown LogFormat directive '" + format.substring(start, i) + "' in: " + spec);
            }
            if (letter == 't') {
                time(arg, plan, spec);
                continue;
            }
            plan.field(kind);
        }
        if (plan.isEmpty()) throw new FormatException("LogFormat has no directive: " + spec);
        try {
            return plan.build(name, spec, zone);
        } catch (FormatException e) {
            // The time's parts together cannot make a time (TimeRecipe): say in which format.
            throw new FormatException(e.getMessage() + " (in LogFormat: " + spec + ")");
        }
    }

    /** %t and its forms: [%d/%b/%Y:%H:%M:%S %z], %{sec|msec|usec}t, %{msec_frac|usec_frac}t, %{strftime}t. */
    private static void time(String arg, PlanBuilder plan, String spec) {
        if (arg == null || arg.isEmpty()) {
            // %t logs its own brackets: [10/Oct/2000:13:55:36 -0700].
            plan.literal('[').field(FieldKind.TIME_APACHE).literal(']');
            return;
        }
        String f = arg;
        if (f.startsWith("begin:")) f = f.substring(6);
        else if (f.startsWith("end:")) f = f.substring(4);
        switch (f) {
            case "sec": plan.field(FieldKind.T_EPOCH_SECONDS); return;
            case "msec": plan.field(FieldKind.T_EPOCH_MILLIS); return;
            case "usec": plan.field(FieldKind.T_EPOCH_MICROS); return;
            case "msec_frac": case "usec_frac": plan.field(FieldKind.NUMBER); return;
            default:
                if (f.isEmpty()) {
                    plan.literal('[').field(FieldKind.TIME_APACHE).literal(']');
                    return;
                }
                try {
                    Strftime.expand(f, plan);
                } catch (FormatException e) {
                    throw new FormatException(e.getMessage() + " (in LogFormat: " + spec + ")");
                }
        }
    }

    /** httpd.conf strings escape quotes and control characters; formats are usually pasted from there. */
    static String unescapeConfigString(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n': out.append('\n'); break;
                    case 't': out.append('\t'); break;
                    default: out.append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
