package org.wormsign.isp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One ISP's history of who held which address, written in each of the four lease formats: each file alone and
 * all four together (the same periods four times over: one history, no overlaps) give the same answer at every
 * second, the one the history says.
 */
class MixedFormatsTest {
    @TempDir Path dir;

    record Holding(String address, long start, long end, String mac) {}

    private static final DateTimeFormatter DHCPD = DateTimeFormatter.ofPattern("e uuuu/MM/dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss uuuu", Locale.ROOT).withZone(ZoneOffset.UTC);

    static List<Holding> history(long seed) {
        Random random = new Random(seed);
        List<Holding> out = new ArrayList<>();
        long day = Instant.parse("2001-07-19T00:00:00Z").getEpochSecond();
        for (int a = 1; a <= 20; a++) {
            long t = day + random.nextInt(3600);
            for (int k = 0; k < 5; k++) {
                long held = 600 + random.nextInt(6 * 3600);
                // Half the handovers are at the very second the last holding ended.
                String mac = String.format(Locale.ROOT, "00:50:56:%02x:%02x:%02x", a, k, random.nextInt(256));
                out.add(new Holding("198.51.100." + a, t, t + held, mac));
                t += held + (random.nextBoolean() ? 0 : random.nextInt(1800));
            }
        }
        return out;
    }

    static String dhcpd(List<Holding> h) {
        StringBuilder b = new StringBuilder("# The format of this file is documented in the dhcpd.leases(5) manual page.\n");
        for (Holding x : h) {
            // dhcpd's weekday is 0 for Sunday; java's 'e' with ROOT is 1 for Monday .. 7 for Sunday.
            String starts = dhcpdTime(x.start), ends = dhcpdTime(x.end);
            b.append("lease ").append(x.address).append(" {\n  starts ").append(starts).append(";\n  ends ").append(ends)
                    .append(";\n  binding state active;\n  hardware ethernet ").append(x.mac).append(";\n}\n");
        }
        return b.toString();
    }

    private static String dhcpdTime(long t) {
        String s = DHCPD.format(Instant.ofEpochSecond(t));
        return (s.charAt(0) == '7' ? "0" : s.substring(0, 1)) + s.substring(1);
    }

    static String kea(List<Holding> h) {
        StringBuilder b = new StringBuilder("address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id\n");
        for (Holding x : h) b.append(x.address).append(',').append(x.mac.toUpperCase(Locale.ROOT)).append(",,").append(x.end - x.start).append(',')
                .append(x.end).append(",1,0,0,,0,,0\n");
        return b.toString();
    }

    static String radius(List<Holding> h) {
        StringBuilder b = new StringBuilder();
        int session = 0;
        for (Holding x : h) {
            session++;
            for (boolean start : new boolean[] {true, false}) {
                long t = start ? x.start : x.end;
                b.append(CTIME.format(Instant.ofEpochSecond(t))).append('\n')
                        .append("\tAcct-Status-Type = ").append(start ? "Start" : "Stop").append('\n')
                        .append("\tAcct-Session-Id = \"").append(Integer.toHexString(session)).append("\"\n")
                        .append("\tUser-Name = \"").append(x.mac).append("\"\n")
                        .append("\tFramed-IP-Address = ").append(x.address).append('\n')
                        .append("\tNAS-IP-Address = 192.0.2.1\n")
                        .append("\tAcct-Delay-Time = 2\n")
                        .append("\tTimestamp = ").append(t + 2).append("\n\n");
            }
        }
        return b.toString();
    }

    static String plain(List<Holding> h) {
        StringBuilder b = new StringBuilder("address,start_utc,end_utc,customer\n");
        for (Holding x : h) b.append(x.address).append(',').append(Instant.ofEpochSecond(x.start)).append(',')
                .append(Instant.ofEpochSecond(x.end)).append(',').append(x.mac).append('\n');
        return b.toString();
    }

    @Test void eachFormatAloneAndAllFourTogetherTellTheSameHistory() throws Exception {
        List<Holding> h = history(1907);
        Path d = Load.write(dir, "mixed/dhcpd.leases", dhcpd(h));
        Path k = Load.write(dir, "mixed/kea-leases4.csv", kea(h));
        // RADIUS detail files are rotated by day: the Starts and Stops of one session may be in different files.
        String r = radius(h);
        int cut = r.indexOf("\n\n", r.length() / 2) + 2;
        Path r1 = Load.write(dir, "mixed/radacct/detail-1", r.substring(0, cut));
        Load.write(dir, "mixed/radacct/detail-2", r.substring(cut));
        Path p = Load.write(dir, "mixed/leases.csv", plain(h));
        List<CustomerData> loads = List.of(Load.load(d), Load.load(k), Load.load(r1.getParent()), Load.load(p), Load.load(d.getParent()));
        // The folder's files in name order, each detected.
        assertEquals(List.of("dhcpd", "kea", "plain", "radius", "radius"), formats(loads.get(4)));
        for (CustomerData data : loads) {
            assertEquals(0, data.problems().rejected(), data.problems().samples().toString());
            assertEquals(0, data.problems().overlaps(), data.problems().overlapSamples().toString());
            long[] key = new long[2];
            for (Holding x : h) {
                Ip.parse(x.address, key);
                for (long t : new long[] {x.start - 1, x.start, (x.start + x.end) / 2, x.end - 1, x.end}) {
                    String expected = null;
                    for (Holding y : h) if (y.address.equals(x.address) && y.start <= t && t < y.end) expected = y.mac;
                    int c = data.leases().customerAt(key[0], key[1], t);
                    assertEquals(expected, c < 0 ? null : data.customers().name(c), x + " at " + Instant.ofEpochSecond(t) + " from " + data.files());
                }
            }
        }
    }

    /** The formats the folder's files were read as, in the folder's (name) order. */
    private static List<String> formats(CustomerData d) {
        return d.files().stream().map(CustomerData.FileRead::format).toList();
    }
}
