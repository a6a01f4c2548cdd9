package org.wormsign.format.iis;

import java.time.ZoneId;
import java.time.ZoneOffset;

import org.wormsign.format.LineParser;
import org.wormsign.format.LogFormat;

/**
 * IIS's own "IIS log file format": comma-separated fixed fields, local time with no offset and
 * {@code MM/DD/YY} dates. Fields (Microsoft, "IIS Log File Format"): client IP, user name, date, time,
 * service and instance, server name, server IP, time taken, bytes received, bytes sent, status, Windows
 * status, request method, target of the operation, parameters, then a trailing comma.
 */
public final class IisNativeFormat implements LogFormat {
    public static final String NAME = "iis-native";

    private final ZoneId zone;

    /** @param zone the server's time zone; null means UTC (the summary warns that it was assumed) */
    public IisNativeFormat(ZoneId zone) {
        this.zone = zone == null ? ZoneOffset.UTC : zone;
    }

    @Override public String name() { return NAME; }

    @Override public LineParser newParser() { return new IisNativeParser(zone); }

    /** The first field, Microsoft's "client IP address". */
    @Override public String clientField() { return "client-ip"; }

    @Override public boolean logsLocalTime() { return true; }

    @Override public LogFormat inZone(ZoneId zone) { return new IisNativeFormat(zone); }
}
