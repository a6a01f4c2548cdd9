package org.wormsign.simulate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Holdings as a FreeRADIUS server's accounting {@code detail} files hold them, one file a UTC day
 * ({@code detail-YYYYMMDD}, by when the server received each record): a session per holding on its /16's
 * NAS, with Start, an Interim-Update every {@link #INTERIM}, and Stop. Records carry
 * {@code Event-Timestamp} (when it happened) and {@code Timestamp} (when the server received it) apart by
 * {@code Acct-Delay-Time}; some NASes send no Event-Timestamp, so only Timestamp minus the delay gives the
 * time. A few sessions have no Start (lost on the way: Acct-Session-Time dates them), and a few have no Stop,
 * closed by their NAS's Accounting-On when it came back from a restart: those are the last session of a NAS
 * that serves no other, so the Accounting-On ends that session only.
 */
final class RadiusDetail {
    private RadiusDetail() {}

    /** The NAS's interim interval (Acct-Interim-Interval): six hours. */
    static final long INTERIM = 6 * Utc.HOUR;
    private static final int CLOSED_BY_ACCOUNTING_ON = 3;

    private record Rec(long received, long event, int order, String text) {}

    /** Writes the files into {@code folder}; returns their names. */
    static List<String> write(Path folder, Isp isp, List<Isp.Holding> holdings) throws IOException {
        Map<Integer, List<Isp.Holding>> byNas = new TreeMap<>();
        for (Isp.Holding x : holdings) byNas.computeIfAbsent(x.address() >>> 16, k -> new ArrayList<>()).add(x);
        List<Rec> recs = new ArrayList<>();
        int closedByRestart = 0;
        for (Map.Entry<Integer, List<Isp.Holding>> e : byNas.entrySet()) {
            int net = e.getKey();
            List<Isp.Holding> sessions = new ArrayList<>(e.getValue());
            sessions.sort(Comparator.comparingLong(Isp.Holding::start).thenComparingInt(Isp.Holding::address));
            boolean oneClient = sessions.stream().mapToInt(Isp.Holding::host).distinct().count() == 1;
            boolean eventTimestamps = Math.floorMod(Draws.mix(isp.seed, net, 0xE7), 3) != 0;
            for (int i = 0; i < sessions.size(); i++) {
                Isp.Holding x = sessions.get(i);
                boolean restart = oneClient && i == sessions.size() - 1 && closedByRestart < CLOSED_BY_ACCOUNTING_ON;
                if (restart) closedByRestart++;
                boolean noStart = !restart && Math.floorMod(Draws.mix(isp.seed, x.host(), x.start()), 12) == 0;
                session(isp, net, i, x, eventTimestamps, !noStart, !restart, recs);
                if (restart) recs.add(rec(isp, net, x.end(), 0, eventTimestamps, List.of("Acct-Status-Type = Accounting-On",
                        "NAS-IP-Address = " + nas(net), "Acct-Session-Id = \"00000000\"")));
            }
        }
        recs.sort(Comparator.comparingLong(Rec::received).thenComparingLong(Rec::event).thenComparingInt(Rec::order));
        Map<LocalDate, List<Rec>> byDay = new TreeMap<>();
        for (Rec r : recs) byDay.computeIfAbsent(Utc.date(r.received()), k -> new ArrayList<>()).add(r);
        List<String> names = new ArrayList<>();
        for (Map.Entry<LocalDate, List<Rec>> d : byDay.entrySet()) {
            String name = "detail-" + d.getKey().toString().replace("-", "");
            names.add(name);
            TruthFiles.writeText(folder.resolve(name), w -> {
                for (Rec r : d.getValue()) w.write(r.text());
            });
        }
        return names;
    }

    private static void session(Isp isp, int net, int n, Isp.Holding x, boolean eventTimestamps, boolean start, boolean stop, List<Rec> out) {
        String mac = isp.customerOf(x.host());
        List<String> common = List.of(
                "Acct-Session-Id = \"" + String.format(Locale.ROOT, "%08X%08X", x.start(), n) + "\"",
                "User-Name = \"" + mac + "\"",
                "NAS-IP-Address = " + nas(net),
                "NAS-Port = " + (x.host() % 4096),
                "NAS-Port-Type = Ethernet",
                "Service-Type = Framed-User",
                "Framed-Protocol = PPP",
                "Framed-IP-Address = " + LineBuffer.dotted(x.address()),
                "Calling-Station-Id = \"" + mac.toUpperCase(Locale.ROOT).replace(':', '-') + "\"");
        if (start) out.add(rec(isp, net, x.start(), 1, eventTimestamps, with("Acct-Status-Type = Start", common)));
        for (long t = x.start() + INTERIM; t < x.end(); t += INTERIM) {
            out.add(rec(isp, net, t, 2, eventTimestamps, with("Acct-Status-Type = Interim-Update", common, usage(x, t))));
        }
        if (stop) {
            List<String> lines = with("Acct-Status-Type = Stop", common, usage(x, x.end()));
            lines.add("Acct-Terminate-Cause = " + (Math.floorMod(x.end(), 3) == 0 ? "Lost-Carrier" : "User-Request"));
            out.add(rec(isp, net, x.end(), 0, eventTimestamps, lines));
        }
    }

    private static List<String> usage(Isp.Holding x, long t) {
        long seconds = t - x.start();
        return List.of("Acct-Session-Time = " + seconds, "Acct-Input-Octets = " + seconds * 211 % 4_000_000_000L,
                "Acct-Output-Octets = " + seconds * 1_733 % 4_000_000_000L);
    }

    @SafeVarargs
    private static List<String> with(String first, List<String>... rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        for (List<String> r : rest) out.addAll(r);
        return out;
    }

    /**
     * One record: the receive time as its first line (ctime, the server's clock in UTC), then its attributes,
     * each on a line of its own after a tab, and a blank line. {@code order} puts a Stop before a Start of the
     * same second.
     */
    private static Rec rec(Isp isp, int net, long event, int order, boolean eventTimestamp, List<String> attributes) {
        long z = Draws.mix(isp.seed, net, event + order);
        int delay = Math.floorMod(z, 4) == 0 ? 1 + (int) Math.floorMod(z >>> 8, 30) : 0;
        long received = event + delay;
        StringBuilder b = new StringBuilder(512).append(ctime(received)).append('\n');
        for (String a : attributes) b.append('\t').append(a).append('\n');
        if (eventTimestamp) b.append("\tEvent-Timestamp = \"").append(eventTime(event)).append("\"\n");
        b.append("\tAcct-Delay-Time = ").append(delay).append('\n');
        b.append("\tTimestamp = ").append(received).append("\n\n");
        return new Rec(received, event, order, b.toString());
    }

    /** The NAS of an ISP /16: on the ISP's management network, 10.a.b.1. */
    static String nas(int net) {
        return "10." + (net >>> 8) + "." + (net & 255) + ".1";
    }

    /** ctime(3): {@code Thu Jul  5 10:11:12 2001}, the day padded with a space. */
    static String ctime(long second) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%s %s %2d %02d:%02d:%02d %d", t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT),
                t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getYear());
    }

    /** How FreeRADIUS prints a date attribute: {@code Jul  5 2001 10:11:12 UTC}. */
    static String eventTime(long second) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%s %2d %d %02d:%02d:%02d UTC", t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT),
                t.getDayOfMonth(), t.getYear(), t.getHour(), t.getMinute(), t.getSecond());
    }
}
