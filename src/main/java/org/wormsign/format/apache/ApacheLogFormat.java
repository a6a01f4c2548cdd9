package org.wormsign.format.apache;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
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
            case 'a': return FieldKind.CLIENT;        // client IP (%{c}a: the peer of the connection); see CLIENT_RANK
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

    /**
     * The directives the client is read from when {@code --client} names none, best first (README, "Which field is
     * the client"). {@code %a} is the client mod_remoteip found behind a proxy or load balancer, else the
     * connection's peer as {@code %h} is; {@code %h} may be a resolved host name instead of the address;
     * {@code %{c}a} is always the connection's peer, the proxy when there is one. The headers come last: a client
     * can write them, and a request sent straight to the server (as the worm's are) has none. Any other request
     * header ({@code %{True-Client-IP}i}) is the client only when {@code --client} names it.
     */
    private static final List<String> CLIENT_RANK = List.of("%a", "%h", "%{c}a", "%{x-forwarded-for}i", "%{x-real-ip}i");

    /**
     * How {@code --client} and the format are matched: modifiers dropped ({@code %!200a}), a header's name in
     * lower case (HTTP field names are case-insensitive, RFC 9110 5.1).
     */
    private static String clientKey(char letter, String arg) {
        if (arg == null) return "%" + letter;
        return "%{" + (letter == 'i' ? arg.toLowerCase(Locale.ROOT) : arg) + "}" + letter;
    }

    /** The key of the directive {@code --client} names, e.g. {@code %a}, {@code %{c}a}, {@code %{X-Forwarded-For}i}. */
    private static String requestedKey(String client) {
        int i = 1;
        if (client.startsWith("%")) {
            while (i < client.length() && "!<>,0123456789".indexOf(client.charAt(i)) >= 0) i++;
            String arg = null;
            if (i < client.length() && client.charAt(i) == '{') {
                int close = client.indexOf('}', i);
                if (close > 0) {
                    arg = client.substring(i + 1, close);
                    i = close + 1;
                }
            }
            if (i == client.length() - 1) return clientKey(client.charAt(i), arg);
        }
        throw new FormatException("--client " + client + ": not a LogFormat directive (give one as the format writes it: %a, %h, %{c}a, %{X-Forwarded-For}i)");
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

    /**
     * @param client the directive {@code --client} names, as the format writes it; null: the best of {@link
     *     #CLIENT_RANK} the format logs
     * @throws FormatException also when the format logs no {@code client} that can hold an address
     */
    public static LinePlan compile(String nameOrFormat, ZoneId zone, String client) {
        String spec = NAMED.getOrDefault(nameOrFormat, nameOrFormat);
        String name = NAMED.containsKey(nameOrFormat) ? "apache-" + nameOrFormat.replace('_', '-') : "apache-custom";
        return compile(name, spec, zone, client);
    }

    public static LinePlan compile(String name, String spec, ZoneId zone) {
        return compile(name, spec, zone, null);
    }

    public static LinePlan compile(String name, String spec, ZoneId zone, String client) {
        String format = unescapeConfigString(spec);
        PlanBuilder plan = client == null ? new PlanBuilder() : new PlanBuilder(requestedKey(client), client);
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
            if (letter == 'a' || letter == 'h' || letter == 'i') {
                String key = clientKey(letter, arg);
                int rank = CLIENT_RANK.indexOf(key);
                plan.client(key, "%" + (arg == null ? "" : "{" + arg + "}") + letter, rank < 0 ? PlanBuilder.ONLY_WHEN_NAMED : rank,
                        letter == 'i' ? FieldKind.CLIENT_LIST : FieldKind.CLIENT);
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
