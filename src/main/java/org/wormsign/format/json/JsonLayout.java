package org.wormsign.format.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wormsign.format.FormatException;

/**
 * Which keys of a JSON log line hold what wormsign reads: for each role, the dotted paths that may hold it,
 * the first present one winning. Immutable; a layout is one row of data per server, as the directive tables
 * of the other formats are.
 *
 * <p>The target is a key the server fills with its own name or address, never the client's Host header
 * (Caddy's {@code request.host}, Traefik's {@code RequestHost}): Code Red I sends {@code www.worm.com}.
 */
public record JsonLayout(String name, List<String[]> client, List<String[]> time, List<String[]> request,
                         List<String[]> method, List<String[]> uri, List<String[]> status, List<String[]> target,
                         boolean skipsLinesWithoutRequest) {

    /** The roles in the order {@link JsonLineParser} numbers them. */
    static final int CLIENT = 0, TIME = 1, REQUEST = 2, METHOD = 3, URI = 4, STATUS = 5, TARGET = 6, ROLES = 7;

    List<String[]> role(int role) {
        return switch (role) {
            case CLIENT -> client;
            case TIME -> time;
            case REQUEST -> request;
            case METHOD -> method;
            case URI -> uri;
            case STATUS -> status;
            default -> target;
        };
    }

    /**
     * Caddy's default access log (zap's JSON, github.com/caddyserver/caddy modules/caddyhttp/logging.go):
     * {@code request.client_ip} is the client after trusted proxies, {@code remote_ip} the peer, older
     * versions' {@code remote_addr} the peer with its port; {@code ts} is float epoch seconds. Caddy writes its
     * own runtime messages into the same stream: lines without a {@code request} object are skipped.
     */
    public static final JsonLayout CADDY = new JsonLayout("json-caddy",
            paths("request.client_ip", "request.remote_ip", "request.remote_addr"), paths("ts"), paths(),
            paths("request.method"), paths("request.uri"), paths("status"), paths(), true);

    /** Traefik's access log in JSON (doc.traefik.io, observability/access-logs): {@code StartUTC} is RFC 3339 in UTC. */
    public static final JsonLayout TRAEFIK = new JsonLayout("json-traefik",
            paths("ClientHost", "ClientAddr"), paths("StartUTC", "StartLocal", "time"), paths(),
            paths("RequestMethod"), paths("RequestPath"), paths("DownstreamStatus", "OriginStatus"), paths(), false);

    /**
     * nginx {@code log_format … escape=json}, with the variables' own names as keys, and the names people give
     * them in published layouts (Matomo's {@code ip}/{@code path}/{@code date}, logstash's
     * {@code client}/{@code verb}/{@code message}/{@code response}).
     */
    public static final JsonLayout NGINX = new JsonLayout("json-nginx",
            paths("remote_addr", "realip_remote_addr", "ip", "client", "client_ip"),
            paths("time_iso8601", "time_local", "msec", "date", "@timestamp", "timestamp", "time"),
            paths("request"), paths("request_method", "method", "verb"),
            paths("request_uri", "uri", "path", "message"), paths("status", "response"),
            paths("server_name", "server_addr"), false);

    /** Cloudflare Logpush, HTTP requests dataset: {@code EdgeStartTimestamp} in ns, s or RFC 3339 as configured. */
    public static final JsonLayout CLOUDFLARE = new JsonLayout("json-cloudflare",
            paths("ClientIP"), paths("EdgeStartTimestamp"), paths(), paths("ClientRequestMethod"),
            paths("ClientRequestURI"), paths("EdgeResponseStatus", "OriginResponseStatus"), paths(), false);

    public static final List<JsonLayout> KNOWN = List.of(CADDY, TRAEFIK, CLOUDFLARE, NGINX);

    /** The roles {@code --json-fields} names, as {@code role=PATH}. */
    private static final List<String> ROLE_NAMES = List.of("client", "time", "request", "method", "uri", "status", "target");

    /**
     * {@code --json-fields client=PATH,time=PATH,request=PATH,status=PATH} (or {@code method=} and {@code uri=}
     * instead of {@code request=}), dotted paths for nested keys; {@code client} and a request are required.
     */
    public static JsonLayout parseFields(String spec) {
        Map<String, List<String[]>> roles = new LinkedHashMap<>();
        for (String part : spec.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0) throw new FormatException("--json-fields: '" + part.strip() + "' is not ROLE=PATH (roles: " + String.join(", ", ROLE_NAMES) + ")");
            String role = part.substring(0, eq).strip();
            String path = part.substring(eq + 1).strip();
            if (!ROLE_NAMES.contains(role)) throw new FormatException("--json-fields: unknown role '" + role + "'; known: " + String.join(", ", ROLE_NAMES));
            if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
                throw new FormatException("--json-fields: " + role + " needs a key or a dotted path (a.b.c), not '" + path + "'");
            }
            if (roles.containsKey(role)) throw new FormatException("--json-fields: " + role + " is given twice");
            roles.put(role, paths(path));
        }
        if (!roles.containsKey("client")) throw new FormatException("--json-fields: client=PATH is required");
        boolean request = roles.containsKey("request");
        if (!request && !roles.containsKey("uri")) throw new FormatException("--json-fields: request=PATH or uri=PATH is required");
        if (request && (roles.containsKey("method") || roles.containsKey("uri"))) {
            throw new FormatException("--json-fields: give request=PATH (the whole request line) or method= and uri=, not both");
        }
        return new JsonLayout("json-custom", roles.get("client"), roles.getOrDefault("time", paths()),
                roles.getOrDefault("request", paths()), roles.getOrDefault("method", paths()),
                roles.getOrDefault("uri", paths()), roles.getOrDefault("status", paths()),
                roles.getOrDefault("target", paths()), false);
    }

    private static List<String[]> paths(String... dotted) {
        List<String[]> out = new ArrayList<>();
        for (String d : dotted) out.add(d.split("\\.", -1));
        return List.copyOf(out);
    }
}
