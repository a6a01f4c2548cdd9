package org.wormsign.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.time.ZoneId;

import org.wormsign.format.apache.ApacheLogFormat;
import org.wormsign.format.iis.IisNativeFormat;
import org.wormsign.format.iis.W3cFormat;
import org.wormsign.format.json.JsonLayout;
import org.wormsign.format.json.JsonLinesFormat;
import org.wormsign.format.nginx.NginxLogFormat;
import org.wormsign.format.proxy.AwsLoadBalancerFormat;
import org.wormsign.format.proxy.AwsS3Format;
import org.wormsign.format.proxy.CloudFrontFormat;
import org.wormsign.format.proxy.HaproxyFormat;
import org.wormsign.format.proxy.SquidFormat;

/** The formats wormsign knows by name: what {@code --format} accepts and what the sniffer tries. */
public final class KnownFormats {
    private KnownFormats() {}

    /**
     * Apache's common with the virtual host first and a blank after it, as Matomo's importer reads it
     * ({@code common_vhost}): {@code www.example.com 1.2.3.4 - user [...] "GET / HTTP/1.0" 200 368}.
     */
    static final String VHOST_COMMON = "%v %h %l %u %t \"%r\" %>s %b";
    /** The same with the referer and user agent of combined (Matomo's {@code static_ignores}, {@code common_complete}). */
    static final String VHOST_FIRST_COMBINED = VHOST_COMMON + " \"%{Referer}i\" \"%{User-agent}i\"";

    /** Gandi's hosting logs: the vhost first and the time to serve after the time (Matomo's {@code gandi} format). */
    static final String VHOST_GANDI = "%v %h %l %u %t (%T s) \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\"";
    /**
     * nginx's combined with the Host header first and no ident or user (AWStats' {@code testnginx.log}). The
     * Host header is not the target: Code Red I sends {@code Host: www.worm.com}.
     */
    static final String HOST_COMBINED =
            "$host $remote_addr [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"";

    private static final Map<String, Function<ZoneId, LogFormat>> BY_NAME = new LinkedHashMap<>();
    static {
        BY_NAME.put("apache-combined", zone -> combined());
        BY_NAME.put("apache-common", zone -> ApacheLogFormat.compile("common"));
        BY_NAME.put("apache-vhost-combined", zone -> ApacheLogFormat.compile("vhost_combined"));
        BY_NAME.put("apache-vhost-common", zone -> ApacheLogFormat.compile("apache-vhost-common", VHOST_COMMON));
        BY_NAME.put("apache-vhost-first-combined", zone -> vhostFirstCombined());
        BY_NAME.put("apache-vhost-gandi", zone -> ApacheLogFormat.compile("apache-vhost-gandi", VHOST_GANDI));
        BY_NAME.put("nginx-host-combined", zone -> NginxLogFormat.compile("nginx-host-combined", HOST_COMBINED));
        BY_NAME.put("apache-combined+extra", zone -> combined().withTrailingFields("apache-combined+extra").orElse("apache-combined+extra", combined()));
        BY_NAME.put("apache-vhost-combined+extra", zone -> {
            LinePlan exact = ApacheLogFormat.compile("vhost_combined");
            return exact.withTrailingFields("apache-vhost-combined+extra").orElse("apache-vhost-combined+extra", exact);
        });
        BY_NAME.put("nginx-combined", zone -> NginxLogFormat.compile("nginx-combined", NginxLogFormat.COMBINED));
        BY_NAME.put(W3cFormat.NAME, W3cFormat::new);
        BY_NAME.put(IisNativeFormat.NAME, IisNativeFormat::new);
        for (JsonLayout layout : JsonLayout.KNOWN) BY_NAME.put(layout.name(), zone -> new JsonLinesFormat(layout));
        BY_NAME.put(CloudFrontFormat.NAME, zone -> CloudFrontFormat.INSTANCE);
        BY_NAME.put(AwsLoadBalancerFormat.ALB.name(), zone -> AwsLoadBalancerFormat.ALB);
        BY_NAME.put(AwsLoadBalancerFormat.ELB.name(), zone -> AwsLoadBalancerFormat.ELB);
        BY_NAME.put(HaproxyFormat.NAME, HaproxyFormat::new);
        BY_NAME.put(SquidFormat.NAME, zone -> SquidFormat.INSTANCE);
        BY_NAME.put(AwsS3Format.NAME, zone -> AwsS3Format.compile());
    }

    /**
     * Apache's combined, whose file may also hold common lines (a server whose LogFormat changed, two vhosts
     * logging to one file): those are read as common rather than rejected as cut-off combined ones.
     */
    private static LinePlan combined() {
        return ApacheLogFormat.compile("combined").orElse("apache-combined", ApacheLogFormat.compile("common"));
    }

    private static LinePlan vhostFirstCombined() {
        return ApacheLogFormat.compile("apache-vhost-first-combined", VHOST_FIRST_COMBINED)
                .orElse("apache-vhost-first-combined", ApacheLogFormat.compile("apache-vhost-common", VHOST_COMMON));
    }

    public static List<String> names() { return List.copyOf(BY_NAME.keySet()); }

    public static LogFormat byName(String name) {
        return byName(name, null);
    }

    /** @param zone for formats that log local time without an offset; null: UTC */
    public static LogFormat byName(String name, ZoneId zone) {
        Function<ZoneId, LogFormat> f = BY_NAME.get(name);
        if (f == null) throw new FormatException("unknown format '" + name + "'; known: auto, " + String.join(", ", names()));
        return f.apply(zone);
    }

    /**
     * What the sniffer tries, most specific first: ties go to the earlier one (see {@link FormatSniffer}).
     * The virtual-host-first layouts come before those with the client first, common before combined (whose
     * plan also reads common lines), and the layouts with trailing fields last, as they also read what the
     * exact ones read. nginx's combined is Apache's combined in shape, so it is not a separate candidate:
     * {@link FormatSniffer} tells the two apart by what they log for an empty body.
     */
    public static List<LogFormat> sniffCandidates(java.time.ZoneId zone) {
        return List.of(byName(W3cFormat.NAME, zone), byName(IisNativeFormat.NAME, zone), byName("apache-vhost-combined"),
                byName("apache-vhost-common"), byName("apache-vhost-first-combined"), byName("apache-vhost-gandi"),
                byName("nginx-host-combined"),
                byName("apache-common"), byName("apache-combined"),
                byName("apache-vhost-combined+extra"), byName("apache-combined+extra"),
                byName(CloudFrontFormat.NAME), byName(AwsLoadBalancerFormat.ALB.name()), byName(AwsLoadBalancerFormat.ELB.name()),
                byName(HaproxyFormat.NAME, zone), byName(SquidFormat.NAME),
                byName(JsonLayout.CADDY.name()), byName(JsonLayout.TRAEFIK.name()), byName(JsonLayout.CLOUDFLARE.name()),
                byName(JsonLayout.NGINX.name()), byName(AwsS3Format.NAME));
    }
}
