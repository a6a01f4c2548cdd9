package org.wormsign.simulate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The ISP's customer records: a dynamic host is known by its network card's address (what dhcpd, Kea and a
 * RADIUS NAS see), a static host by the customer its prefix is assigned to. Static prefixes are laid out a
 * /24 at a time, in the shapes an ISP's address plan of 2001 had: single addresses for home lines with a
 * static address, /29 blocks for small offices, ranges that are no CIDR block, and a /24 assigned to a hosting
 * firm with its own customers' /28s carved out of it, so that only the longest prefix names the right one.
 */
final class Customers {
    /** Vendors of the network cards of 2001 (IEEE OUI): 3Com, Intel, D-Link, Realtek, Compaq, Xircom, Linksys, SMC, Dell. */
    private static final int[] OUIS = {0x000102, 0x00A0C9, 0x0050BA, 0x00E04C, 0x0008C7, 0x0010A4, 0x00045A, 0x00E029, 0x00B0D0};
    private static final String[] SURNAMES = {"Smith", "Kim", "Lee", "Chen", "Garcia", "Mueller", "Park", "Wang", "Brown", "Novak",
        "Rossi", "Tanaka", "Silva", "Johnson", "Nguyen", "Lin", "Dubois", "Jones", "Choi", "Martin"};
    private static final String[] TRADES = {"Hosting", "Design", "Travel", "Dental", "Motors", "Law", "Print", "Realty", "Trading", "Web Services"};

    private static final String[] MACHINES = {"HOME-PC", "SERVER", "WWW", "IIS5", "OFFICE", "WEB", "NT-BOX", "DESKTOP", "STUDIO", "SHOP"};

    private final long seed;
    private int next = 1;

    Customers(long seed) {
        this.seed = seed;
    }

    /** A host's MAC, lower case with colons, unique among {@code used} (which it joins). */
    static String mac(long seed, int host, Set<String> used) {
        for (int i = 0; ; i++) {
            long z = Draws.mix(seed, host, 0x3AC + i);
            long oui = OUIS[(int) Math.floorMod(z >>> 40, OUIS.length)];
            long mac = oui << 24 | z & 0xFF_FFFF;
            StringBuilder b = new StringBuilder(17);
            for (int shift = 40; shift >= 0; shift -= 8) {
                if (b.length() > 0) b.append(':');
                b.append(String.format(Locale.ROOT, "%02x", mac >>> shift & 0xFF));
            }
            if (used.add(b.toString())) return b.toString();
        }
    }

    /**
     * The name a host's DHCP client sends (Windows sends its computer name), or null: a third send none.
     * Upper case, as Windows 2000 sends it.
     */
    static String hostname(long seed, int host) {
        long z = Draws.mix(seed, host, 0x40);
        if (Math.floorMod(z, 3) == 0) return null;
        String machine = MACHINES[(int) Math.floorMod(z >>> 8, MACHINES.length)];
        long n = Math.floorMod(z >>> 24, 12);
        return n < 6 ? machine : n < 9 ? SURNAMES[(int) Math.floorMod(z >>> 32, SURNAMES.length)].toUpperCase(Locale.ROOT) + "-" + machine : machine + n;
    }

    /**
     * The prefixes of one /24 ({@code net24} = a << 16 | b << 8 | c) holding the static hosts {@code hosts}
     * (sorted by address): each host's customer goes into {@code customer}, each prefix into {@code rows}.
     */
    void layOut(int net24, List<Integer> hosts, int[] address, Map<Integer, String> customer, List<Isp.Assignment> rows) {
        String base = (net24 >>> 16) + "." + (net24 >>> 8 & 255) + "." + (net24 & 255) + ".";
        int shape = (int) Math.floorMod(Draws.mix(seed, net24, 24), 4);
        String block = null;
        if (shape == 3) {
            // The hosting firm's /24 comes first in the file: a reader that takes the first match gets it wrong.
            block = business("Hosting", rows, base + "0/24");
        }
        String lastKey = null, lastCustomer = null;
        for (int h : hosts) {
            int octet = address[h] & 0xFF;
            String key, id;
            switch (shape) {
                case 0 -> key = base + octet + "/32";
                case 1 -> key = base + (octet & ~7) + "/29";
                case 2 -> {
                    int first = 1 + (octet - 1) / 6 * 6;
                    key = base + first + "-" + base + Math.min(254, first + 5);
                }
                default -> {
                    int group = octet & ~15;
                    boolean carved = group == ((address[hosts.get(0)] & 0xFF) & ~15) || (Draws.mix(seed, net24 << 8 | group, 28) & 1) != 0;
                    key = carved ? base + group + "/28" : null;
                }
            }
            if (key == null) {
                id = block;
            } else if (key.equals(lastKey)) {
                id = lastCustomer;
            } else {
                id = shape == 0 ? person(rows, key) : business(null, rows, key);
                lastKey = key;
                lastCustomer = id;
            }
            customer.put(h, id);
        }
    }

    /**
     * Customers no monitored host belongs to, as an ISP's list has many: an office /29 in a /24 of each of a
     * few of its /16s where no static host attacked, and IPv6 prefixes (a /48 with a /56 inside it).
     */
    void others(Set<Integer> networks, Set<Integer> used24, List<Isp.Assignment> rows) {
        int n = 0;
        for (int net : networks) {
            if (n++ == 6) break;
            SplittableRandom r = new SplittableRandom(Draws.mix(seed, net, 0x29));
            int c;
            do {
                c = r.nextInt(256);
            } while (used24.contains(net << 8 | c));
            business(null, rows, (net >>> 8) + "." + (net & 255) + "." + c + "." + 8 * r.nextInt(1, 31) + "/29");
        }
        for (int i = 0; i < 3; i++) {
            int site = (int) Math.floorMod(Draws.mix(seed, i, 0x6), 0x10000);
            String p48 = "2001:4f8:" + Integer.toHexString(site);
            business(null, rows, p48 + "::/48");
            business("Hosting", rows, p48 + ":" + Integer.toHexString(0x100 * (1 + i)) + "::/56");
        }
    }

    private String person(List<Isp.Assignment> rows, String prefix) {
        String id = id();
        long z = Draws.mix(seed, next, 0x9E);
        String surname = SURNAMES[(int) Math.floorMod(z, SURNAMES.length)];
        rows.add(new Isp.Assignment(prefix, id, (char) ('A' + Math.floorMod(z >>> 20, 26)) + ". " + surname,
                surname.toLowerCase(Locale.ROOT) + Math.floorMod(z >>> 32, 100) + "@mail.example.net"));
        return id;
    }

    /** A business customer; its trade is drawn unless given. Some names hold a comma, as firms' names do. */
    private String business(String trade, List<Isp.Assignment> rows, String prefix) {
        String id = id();
        long z = Draws.mix(seed, next, 0xB5);
        String a = SURNAMES[(int) Math.floorMod(z, SURNAMES.length)], b = SURNAMES[(int) Math.floorMod(z >>> 16, SURNAMES.length)];
        String t = trade != null ? trade : TRADES[(int) Math.floorMod(z >>> 32, TRADES.length)];
        String name = (z >>> 50 & 3) == 0 ? a + ", " + b + " & Co " + t : a + " " + t;
        rows.add(new Isp.Assignment(prefix, id, name, "abuse@" + id.toLowerCase(Locale.ROOT) + ".example.com"));
        return id;
    }

    private String id() {
        return String.format(Locale.ROOT, "C%06d", next++);
    }
}
