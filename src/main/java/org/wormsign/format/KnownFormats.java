package org.wormsign.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.time.ZoneId;

import org.wormsign.format.apache.ApacheLogFormat;
import org.wormsign.format.iis.IisNativeFormat;
import org.wormsign.format.iis.W3cFormat;
import org.wormsign.format.nginx.NginxLogFormat;

/** The formats wormsign knows by name: what {@code --format} accepts and what the sniffer tries. */
public final class KnownFormats {
    private KnownFormats() {}

    private static final Map<String, Function<ZoneId, LogFormat>> BY_NAME = new LinkedHashMap<>();
    static {
        BY_NAME.put("apache-combined", zone -> ApacheLogFormat.compile("combined"));
        BY_NAME.put("apache-common", zone -> ApacheLogFormat.compile("common"));
        BY_NAME.put("apache-vhost-combined", zone -> ApacheLogFormat.compile("vhost_combined"));
        BY_NAME.put("nginx-combined", zone -> NginxLogFormat.compile("nginx-combined", NginxLogFormat.COMBINED));
        BY_NAME.put(W3cFormat.NAME, zone -> new W3cFormat());
        BY_NAME.put(IisNativeFormat.NAME, IisNativeFormat::new);
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
     * What the sniffer tries, most specific first. nginx's combined is Apache's combined in shape, so it is
     * not a separate candidate: {@link FormatSniffer} tells the two apart by what they log for an empty body.
     */
    public static List<LogFormat> sniffCandidates(java.time.ZoneId zone) {
        return List.of(byName(W3cFormat.NAME), byName(IisNativeFormat.NAME, zone), byName("apache-vhost-combined"),
                byName("apache-combined"), byName("apache-common"));
    }
}
