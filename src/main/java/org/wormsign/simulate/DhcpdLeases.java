package org.wormsign.simulate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Holdings as ISC dhcpd writes them (dhcpd.leases(5), ISC DHCP 3.0): one {@code lease} block per grant,
 * appended as it is made, times in UTC as {@code W YYYY/MM/DD HH:MM:SS} (W the weekday, 0 for Sunday). A
 * renewal is a new block of the same client; the block of a holding's last grant is the one the client's
 * release left ({@code binding state free}, ending when it let go), not the active one it replaced. dhcpd
 * rewrites its file from time to time, keeping the blocks still in force and moving the old file to
 * {@code dhcpd.leases~}: here the rewrite is at {@code cut}, so the two files together hold every period, and
 * the blocks in force at the cut are in both. A few {@code abandoned} blocks (an address that answered the
 * server's ping) name no client.
 */
final class DhcpdLeases {
    private DhcpdLeases() {}

    static final String FILE = "dhcpd.leases", ARCHIVE = "dhcpd.leases~";

    private static final String HEADER = """
            # All times in this file are in UTC (GMT), not your local timezone.   This is
            # not a bug, so please don't ask about it.   There is no portable way to
            # store leases in the local timezone, so please don't request this as a
            # feature.   If this is inconvenient or confusing to you, we sincerely
            # apologize.   Seriously, though - don't ask.
            # The format of this file is documented in the dhcpd.leases(5) manual page.
            # This lease file was written by isc-dhcp-V3.0.1rc9

            """;

    /** A block and when dhcpd wrote it: a grant of a holding, or (holding null) an abandoned address. */
    private record Block(long written, int address, long starts, long ends, Isp.Holding holding, boolean released) {
        String text(Isp isp) {
            if (holding == null) {
                return "lease " + LineBuffer.dotted(address) + " {\n  starts " + time(starts) + ";\n  ends " + time(ends)
                        + ";\n  binding state abandoned;\n  next binding state free;\n}\n";
            }
            return block(isp, holding, starts, ends, released);
        }
    }

    static void write(Path folder, Isp isp, List<Isp.Holding> holdings, Set<Integer> networks, long cut) throws IOException {
        List<Block> blocks = new ArrayList<>();
        for (Isp.Holding x : holdings) {
            long[] grants = Renewals.of(x.start(), x.end());
            for (int i = 0; i < grants.length; i += 2) {
                boolean last = i == grants.length - 2;
                blocks.add(new Block(last ? grants[i + 1] : grants[i], x.address(), grants[i], grants[i + 1], x, last));
            }
        }
        abandoned(isp, holdings, networks, blocks);
        blocks.sort(Comparator.comparingLong(Block::written).thenComparingInt(Block::address));
        Map<Integer, Block> inForce = new HashMap<>();
        for (Block b : blocks) if (b.written() < cut) inForce.put(b.address(), b);
        TruthFiles.writeText(folder.resolve(ARCHIVE), w -> {
            w.write(HEADER);
            for (Block b : blocks) if (b.written() < cut) w.write(b.text(isp));
        });
        // The rewrite at the cut: each address's latest block, if it still runs, in address order; then what follows.
        List<Block> kept = inForce.values().stream().filter(b -> b.ends() > cut).sorted(Comparator.comparingInt(Block::address)).toList();
        TruthFiles.writeText(folder.resolve(FILE), w -> {
            w.write(HEADER);
            for (Block b : kept) w.write(b.text(isp));
            for (Block b : blocks) if (b.written() >= cut) w.write(b.text(isp));
        });
    }

    private static String block(Isp isp, Isp.Holding x, long starts, long ends, boolean released) {
        String mac = isp.customerOf(x.host());
        StringBuilder b = new StringBuilder(320);
        b.append("lease ").append(LineBuffer.dotted(x.address())).append(" {\n");
        b.append("  starts ").append(time(starts)).append(";\n");
        b.append("  ends ").append(time(ends)).append(";\n");
        b.append("  cltt ").append(time(starts)).append(";\n");
        b.append("  binding state ").append(released ? "free" : "active").append(";\n");
        b.append("  next binding state free;\n");
        b.append("  hardware ethernet ").append(mac).append(";\n");
        // Windows sends the client identifier 1 (Ethernet) + its MAC: not printable, so colon hex.
        b.append("  uid 01:").append(mac).append(";\n");
        if (!released) {
            // Option 82 (RFC 3046) from the cable head-end's relay, on the networks that have one.
            if ((x.address() >>> 16 & 1) == 0) {
                b.append("  option agent.circuit-id \"cmts").append(x.address() >>> 16 & 7).append("/0:").append(x.host() % 1000).append("\";\n");
                b.append("  option agent.remote-id \"CM-").append(mac.replace(":", "")).append("\";\n");
            }
            String name = Customers.hostname(isp.seed, x.host());
            if (name != null) b.append("  client-hostname \"").append(name).append("\";\n");
        }
        b.append("}\n");
        return b.toString();
    }

    /** Blocks naming no client, on addresses of the ISP's networks that none of these holdings uses. */
    private static void abandoned(Isp isp, List<Isp.Holding> holdings, Set<Integer> networks, List<Block> blocks) {
        if (networks.isEmpty() || holdings.isEmpty()) return;
        Set<Integer> used = new HashSet<>();
        for (Isp.Holding x : isp.holdings()) used.add(x.address());
        SplittableRandom r = new SplittableRandom(Draws.mix(isp.seed, holdings.size(), 0xABA));
        List<Integer> nets = new ArrayList<>(networks);
        for (int i = 0; i < 2; i++) {
            int net = nets.get(r.nextInt(nets.size()));
            int a = net << 16 | r.nextInt(256) << 8 | 1 + r.nextInt(254);
            if (used.contains(a) || isp.staticAddress(a)) continue;
            long starts = isp.from + r.nextLong(Math.max(1, isp.to - isp.from));
            // dhcpd keeps an abandoned address out of use for abandon-lease-time, a day by default.
            long ends = starts + Utc.DAY;
            blocks.add(new Block(starts, a, starts, ends, null, false));
        }
    }

    /** {@code W YYYY/MM/DD HH:MM:SS} in UTC, W the day of the week from 0 (Sunday). */
    static String time(long second) {
        // By hand, not String.format: a default run writes about a million of these.
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(21).append(t.getDayOfWeek().getValue() % 7).append(' ').append(t.getYear());
        two(b.append('/'), t.getMonthValue());
        two(b.append('/'), t.getDayOfMonth());
        two(b.append(' '), t.getHour());
        two(b.append(':'), t.getMinute());
        two(b.append(':'), t.getSecond());
        return b.toString();
    }

    static void two(StringBuilder b, int n) {
        b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }
}
