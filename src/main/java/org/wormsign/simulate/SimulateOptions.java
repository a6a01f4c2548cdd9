package org.wormsign.simulate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code wormsign simulate} is asked for. The compact constructor checks every value and throws
 * {@link IllegalArgumentException} with a message for the user.
 *
 * @param seed              fixes every byte of the output
 * @param out               the folder: one sub-folder of logs per server, and the truth files
 * @param scale             share of the 360,000 vulnerable hosts to simulate (0 to 10)
 * @param from              first UTC day written (from 2001-07-12, when Code Red I appeared)
 * @param to                last UTC day written (inclusive, at most 2001-12-31)
 * @param servers           server kinds, one monitored server each (a kind may repeat)
 * @param gzip              compress each log file
 * @param backgroundPerHour ordinary lines per server per hour (on average over a day)
 * @param targetBytes       if above 0: choose the ordinary traffic so the logs total about this many bytes
 * @param daily             rotate daily (else one file per server)
 * @param threads           workers making log bytes
 * @param alsoAs            log formats (as the analyzer names them) each server's log is written in again, request
 *                          for request, into a folder of its own: identical traffic to compare parsers on
 * @param isp               also write the ISP's side: customer prefixes, leases in four formats, and the truth by
 *                          customer ({@link Isp})
 */
public record SimulateOptions(long seed, Path out, double scale, LocalDate from, LocalDate to, List<String> servers,
                              boolean gzip, double backgroundPerHour, long targetBytes, boolean daily, int threads,
                              List<String> alsoAs, boolean isp) {

    public static final LocalDate FIRST_DAY = LocalDate.of(2001, 7, 12);
    public static final LocalDate LAST_DAY = LocalDate.of(2001, 12, 31);

    public SimulateOptions {
        if (!(scale > 0 && scale <= 10)) throw new IllegalArgumentException("--scale must be above 0 and at most 10");
        if (from.isBefore(FIRST_DAY)) throw new IllegalArgumentException("--from must be " + FIRST_DAY + " or later (Code Red I appeared on 12 July 2001)");
        if (to.isAfter(LAST_DAY)) throw new IllegalArgumentException("--to must be " + LAST_DAY + " or earlier");
        if (to.isBefore(from)) throw new IllegalArgumentException("--to is before --from");
        if (servers.isEmpty()) throw new IllegalArgumentException("--servers: give at least one server kind (" + ServerKind.ids() + ")");
        for (String s : servers) ServerKind.byId(s);
        servers = List.copyOf(servers);
        if (!(backgroundPerHour >= 0 && backgroundPerHour <= 10_000_000)) throw new IllegalArgumentException("--background must be between 0 and 10000000 lines an hour");
        if (targetBytes < 0) throw new IllegalArgumentException("--target-bytes must not be negative");
        if (threads < 1) throw new IllegalArgumentException("--threads must be at least 1");
        List<String> formats = new ArrayList<>();
        for (String f : alsoAs) {
            String name;
            try {
                name = LogStyle.byFormatName(f).formatName();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--also-as: " + e.getMessage());
            }
            if (formats.contains(name)) throw new IllegalArgumentException("--also-as names " + name + " twice");
            formats.add(name);
        }
        alsoAs = List.copyOf(formats);
    }

    /** Without the ISP's side. */
    public SimulateOptions(long seed, Path out, double scale, LocalDate from, LocalDate to, List<String> servers,
                           boolean gzip, double backgroundPerHour, long targetBytes, boolean daily, int threads,
                           List<String> alsoAs) {
        this(seed, out, scale, from, to, servers, gzip, backgroundPerHour, targetBytes, daily, threads, alsoAs, false);
    }

    /** Without mirrors: each server's log in its own format only. */
    public SimulateOptions(long seed, Path out, double scale, LocalDate from, LocalDate to, List<String> servers,
                           boolean gzip, double backgroundPerHour, long targetBytes, boolean daily, int threads) {
        this(seed, out, scale, from, to, servers, gzip, backgroundPerHour, targetBytes, daily, threads, List.of(), false);
    }

    /** The log formats {@code --also-as} accepts. */
    public static List<String> logFormats() {
        List<String> names = new ArrayList<>();
        for (LogStyle s : LogStyle.values()) names.add(s.formatName());
        return names;
    }

    /** The server kinds a user can name, in their default order. */
    public static List<String> serverKinds() {
        List<String> ids = new ArrayList<>();
        for (ServerKind k : ServerKind.values()) ids.add(k.id);
        return ids;
    }
}
