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

    /** The NAS's interim interval (Acct-Interim-Interval): a day. */
    static final long INTERIM = Utc.DAY;
    private static final int CLOSED_BY_ACCOUNTING_ON = 3;

    private static final int STOP = 0, START = 1, INTERIM_UPDATE = 2, ACCOUNTING_ON = 3;

    /** A record to write: what it is, of which session (numbered n on its NAS), when it happened and was received. */
    private record Rec(long received, long event, int type, Isp.Holding session, int n, int net, boolean eventTimestamp) {}

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
                if (!noStart) recs.add(rec(isp, START, x.start(), x, i, net, eventTimestamps));
                for (long t = x.start() + INTERIM; t < x.end(); t += INTERIM) recs.add(rec(isp, INTERIM_UPDATE, t, x, i, net, eventTimestamps));
                recs.add(rec(isp, restart ? ACCOUNTING_ON : STOP, x.end(), x, i, net, eventTimestamps));
            }
        }
        recs.sort(Comparator.comparingLong(Rec::received).thenComparingLong(Rec::event).thenComparingInt(Rec::type).thenComparingInt(Rec::net)
                .thenComparingInt(Rec::n));
        Map<LocalDate, List<Rec>> byDay = new TreeMap<>();
        for (Rec r : recs) byDay.computeIfAbsent(Utc.date(r.received()), k -> new ArrayList<>()).add(r);
        List<String> names = new ArrayList<>();
        for (Map.Entry<LocalDate, List<Rec>> d : byDay.entrySet()) {
            String name = "detail-" + d.getKey().toString().replace("-", "");
            names.add(name);
            TruthFiles.writeText(folder.resolve(name), w -> {
                StringBuilder b = new StringBuilder(1024);
                for (Rec r : d.getValue()) {
                    b.setLength(0);
                    text(isp, r, b);
                    w.append(b);
                }
            });
        }
        return names;
    }

    /**
     * A record's time: it happened at {@code event}; a quarter of records reach the server a few seconds late
     * (Acct-Delay-Time).
     */
    private static Rec rec(Isp isp, int type, long event, Isp.Holding x, int n, int net, boolean eventTimestamp) {
        long z = Draws.mix(isp.seed, net, event + type);
        int delay = Math.floorMod(z, 4) == 0 ? 1 + (int) Math.floorMod(z >>> 8, 30) : 0;
        return new Rec(event + delay, event, type, x, n, net, eventTimestamp);
    }

    /**
     * One record: the receive time as its first line (ctime, the server's clock in UTC), then its attributes,
     * each on a line of its own after a tab, and a blank line.
     */
    private static void text(Isp isp, Rec r, StringBuilder b) {
        b.append(ctime(r.received())).append('\n');
        Isp.Holding x = r.session();
        if (r.type() == ACCOUNTING_ON) {
            b.append("\tAcct-Status-Type = Accounting-On\n\tNAS-IP-Address = ").append(nas(r.net())).append("\n\tAcct-Session-Id = \"00000000\"\n");
        } else {
            String mac = isp.customerOf(x.host());
            b.append("\tAcct-Status-Type = ").append(r.type() == START ? "Start" : r.type() == STOP ? "Stop" : "Interim-Update").append('\n');
            b.append("\tAcct-Session-Id = \"").append(hex8(x.start()) + hex8(r.n())).append("\"\n");
            b.append("\tUser-Name = \"").append(mac).append("\"\n");
            b.append("\tNAS-IP-Address = ").append(nas(r.net())).append('\n');
            b.append("\tNAS-Port = ").append(x.host() % 4096).append('\n');
            b.append("\tNAS-Port-Type = Ethernet\n\tService-Type = Framed-User\n\tFramed-Protocol = PPP\n");
            b.append("\tFramed-IP-Address = ").append(LineBuffer.dotted(x.address())).append('\n');
            b.append("\tCalling-Station-Id = \"").append(mac.toUpperCase(Locale.ROOT).replace(':', '-')).append("\"\n");
            if (r.type() != START) {
                long seconds = r.event() - x.start();
                b.append("\tAcct-Session-Time = ").append(seconds).append('\n');
                b.append("\tAcct-Input-Octets = ").append(seconds * 211 % 4_000_000_000L).append('\n');
                b.append("\tAcct-Output-Octets = ").append(seconds * 1_733 % 4_000_000_000L).append('\n');
            }
            if (r.type() == STOP) b.append("\tAcct-Terminate-Cause = ").append(Math.floorMod(x.end(), 3) == 0 ? "Lost-Carrier" : "User-Request").append('\n');
        }
        if (r.eventTimestamp()) b.append("\tEvent-Timestamp = \"").append(eventTime(r.event())).append("\"\n");
        b.append("\tAcct-Delay-Time = ").append(r.received() - r.event()).append('\n');
        b.append("\tTimestamp = ").append(r.received()).append("\n\n");
    }

    private static String hex8(long v) {
        String h = Long.toHexString(v & 0xFFFF_FFFFL).toUpperCase(Locale.ROOT);
        return "0".repeat(8 - h.length()) + h;
    }

    /** The NAS of an ISP /16: on the ISP's management network, 10.a.b.1. */
    static String nas(int net) {
        return "10." + (net >>> 8) + "." + (net & 255) + ".1";
    }

    /** ctime(3): {@code Thu Jul  5 10:11:12 2001}, the day padded with a space. */
    static String ctime(long second) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(24).append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT)).append(' ');
        monthDay(b, t);
        clock(b.append(' '), t);
        return b.append(' ').append(t.getYear()).toString();
    }

    /** How FreeRADIUS prints a date attribute: {@code Jul  5 2001 10:11:12 UTC}. */
    static String eventTime(long second) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(24);
        monthDay(b, t);
        clock(b.append(' ').append(t.getYear()).append(' '), t);
        return b.append(" UTC").toString();
    }

    /** {@code Jul  5}: the day padded with a space. */
    private static void monthDay(StringBuilder b, LocalDateTime t) {
        b.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT)).append(' ');
        if (t.getDayOfMonth() < 10) b.append(' ');
        b.append(t.getDayOfMonth());
    }

    private static void clock(StringBuilder b, LocalDateTime t) {
        DhcpdLeases.two(b, t.getHour());
        DhcpdLeases.two(b.append(':'), t.getMinute());
        DhcpdLeases.two(b.append(':'), t.getSecond());
    }
}
