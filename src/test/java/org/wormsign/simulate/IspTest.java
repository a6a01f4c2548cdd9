package org.wormsign.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate --isp}: each lease file read as its format says (by small readers written here, from the
 * formats' documentation, sharing nothing with the simulator) gives the same holdings; holdings are half-open
 * and one at a time per address; the files attribute every logged attempt exactly as truth-customers.csv says.
 */
class IspTest {
    @TempDir static Path tmp;
    static Path out;
    static Simulation.Summary summary;

    /** One address held by one client over [start, end). */
    record Held(String address, long start, long end, String client) {}

    @BeforeAll
    static void simulate() throws IOException {
        out = tmp.resolve("isp");
        summary = Simulation.run(options(out, 2));
    }

    private static SimulateOptions options(Path dir, int threads) {
        return new SimulateOptions(1, dir, 0.05, LocalDate.of(2001, 8, 1), LocalDate.of(2001, 8, 14), SimulateOptions.serverKinds(),
                false, 1, 0, true, threads, List.of(), true);
    }

    @Test
    void everyFormatOnItsOwnAndMixedGivesTheSameHoldings() throws IOException {
        Set<Held> plain = plain(out.resolve("leases/plain/leases.csv"));
        assertTrue(plain.size() > 100, "holdings written: " + plain.size());
        assertEquals(summary.isp().holdings(), plain.size());
        same(plain, dhcpd(List.of(out.resolve("leases/dhcpd/dhcpd.leases~"), out.resolve("leases/dhcpd/dhcpd.leases"))), "dhcpd");
        // Neither dhcpd file alone: the rewrite split the periods between them.
        Set<Held> archived = dhcpd(List.of(out.resolve("leases/dhcpd/dhcpd.leases~"))), current = dhcpd(List.of(out.resolve("leases/dhcpd/dhcpd.leases")));
        assertTrue(archived.size() < plain.size() && current.size() < plain.size() && !archived.isEmpty() && !current.isEmpty(),
                "archived " + archived.size() + ", current " + current.size() + " of " + plain.size());
        same(plain, kea(out.resolve("leases/kea/kea-leases4.csv")), "Kea");
        same(plain, radius(files(out.resolve("leases/radius"))), "RADIUS");
        assertTrue(RADIUS_CLOSED_BY_RESTART > 0, "some sessions end with their NAS's Accounting-On, not a Stop");
        assertTrue(Files.readString(out.resolve("leases/radius/detail-20010805")).contains("\tAcct-Status-Type = Stop\n"));

        Path mixed = out.resolve("leases/mixed");
        Set<Held> all = new TreeSet<>(ORDER);
        List<Set<Held>> parts = List.of(plain(mixed.resolve("leases.csv")),
                dhcpd(List.of(mixed.resolve("dhcpd.leases~"), mixed.resolve("dhcpd.leases"))),
                kea(mixed.resolve("kea-leases4.csv")),
                radius(files(mixed).stream().filter(p -> p.getFileName().toString().startsWith("detail-")).toList()));
        int total = 0;
        for (Set<Held> part : parts) {
            assertFalse(part.isEmpty(), "every format has a share of the networks");
            all.addAll(part);
            total += part.size();
        }
        same(plain, all, "the four formats of mixed/ together");
        assertEquals(plain.size(), total, "each holding in one format only");
    }

    @Test
    void holdingsAreHalfOpenAndOneAtATimePerAddress() throws IOException {
        Map<String, List<Held>> byAddress = new TreeMap<>();
        for (Held h : plain(out.resolve("leases/plain/leases.csv"))) byAddress.computeIfAbsent(h.address(), k -> new ArrayList<>()).add(h);
        int touching = 0;
        for (List<Held> list : byAddress.values()) {
            list.sort(Comparator.comparingLong(Held::start));
            for (int i = 0; i < list.size(); i++) {
                assertTrue(list.get(i).start() < list.get(i).end(), "not empty: " + list.get(i));
                if (i == 0) continue;
                assertTrue(list.get(i - 1).end() <= list.get(i).start(), "no overlap: " + list.get(i - 1) + " " + list.get(i));
                if (list.get(i - 1).end() == list.get(i).start()) touching++;
            }
        }
        assertTrue(touching > 0, "some address passes from one client to the next on one second");
    }

    @Test
    void anAddressChangesHandsMidDayBetweenTwoAttackingCustomers() throws IOException {
        List<CSVRecord> handovers = csv(out.resolve("truth-handovers.csv"));
        assertFalse(handovers.isEmpty(), "handovers made");
        Set<Held> plain = plain(out.resolve("leases/plain/leases.csv"));
        for (CSVRecord r : handovers) {
            long t = Instant.parse(r.get("handover_utc")).getEpochSecond();
            long secondOfDay = Math.floorMod(t, 86_400);
            assertTrue(secondOfDay >= 7_200 && secondOfDay <= 86_400 - 7_200, "mid-day: " + r.get("handover_utc"));
            String a = r.get("address");
            assertTrue(plain.stream().anyMatch(h -> h.address().equals(a) && h.end() == t && h.client().equals(r.get("customer_before"))), "ends at t: " + r);
            assertTrue(plain.stream().anyMatch(h -> h.address().equals(a) && h.start() == t && h.client().equals(r.get("customer_after"))), "starts at t: " + r);
            assertTrue(Long.parseLong(r.get("attempts_before")) > 0 && Long.parseLong(r.get("attempts_after")) > 0, "both attack from it: " + r);
        }
    }

    @Test
    void truthByCustomerSumsToTheLoggedAttempts() throws IOException {
        long[] byCustomer = new long[2], bySource = new long[2];
        List<CSVRecord> customers = csv(out.resolve("truth-customers.csv"));
        for (CSVRecord r : customers) {
            byCustomer[0] += Long.parseLong(r.get("code_red_attempts"));
            byCustomer[1] += Long.parseLong(r.get("code_red_ii_attempts"));
        }
        for (CSVRecord r : csv(out.resolve("truth.csv"))) {
            bySource[0] += Long.parseLong(r.get("code_red_attempts"));
            bySource[1] += Long.parseLong(r.get("code_red_ii_attempts"));
        }
        assertArrayEquals(bySource, byCustomer);
        assertEquals("(unattributed)", customers.get(customers.size() - 1).get("customer"), "the unattributed last");
        assertTrue(customers.size() > 50, "customers: " + customers.size());
        assertTrue(Long.parseLong(customers.get(customers.size() - 1).get("code_red_attempts"))
                + Long.parseLong(customers.get(customers.size() - 1).get("code_red_ii_attempts")) > 0, "other providers' hosts attack too");
    }

    /**
     * The whole chain with the files alone: every Code Red attempt the logs hold (the model's probes, as
     * written), attributed by the plain leases (the holding in force at its second) else the longest static
     * prefix of customers.csv (a range by its size), gives truth-customers.csv exactly.
     */
    @Test
    void theFilesAttributeEveryLoggedAttemptAsTheTruthSays() throws IOException {
        Path dir = tmp.resolve("chain");
        SimulateOptions o = options(dir, 1);
        Simulation.World w = Simulation.World.build(EpidemicParameters.calibrated(), o);
        long from = Utc.of(2001, 8, 1), to = Utc.of(2001, 8, 15);
        Isp isp = Isp.plan(w.population, w.monitors, w.epidemic.logs(), from, to, Draws.mix(o.seed(), 0x15B, 0));
        isp.resolve(w.epidemic.logs());
        Files.createDirectories(dir);
        IspFiles.write(dir, isp);

        Map<String, List<Held>> leases = new HashMap<>();
        for (Held h : plain(dir.resolve("leases/plain/leases.csv"))) leases.computeIfAbsent(h.address(), k -> new ArrayList<>()).add(h);
        List<String[]> prefixes = new ArrayList<>();
        for (CSVRecord r : csv(dir.resolve("customers.csv"))) prefixes.add(new String[] {r.get("prefix"), r.get("customer")});
        Map<String, long[]> found = new TreeMap<>();
        int onBoundary = 0;
        for (int j = 0; j < w.monitors.length; j++) {
            ProbeLog log = w.epidemic.logs()[j];
            for (int i = 0; i < log.size(); i++) {
                long p = log.packed(i);
                int kind = ProbeLog.kind(p);
                long s = ProbeLog.second(p);
                if (kind > ProbeLog.CODE_RED_II || s < from || s >= to || w.monitors[j].kind().wormStatus(kind) == 0) continue;
                String a = LineBuffer.dotted(ProbeLog.source(p));
                String customer = null;
                for (Held h : leases.getOrDefault(a, List.of())) {
                    if (h.start() <= s && s < h.end()) customer = h.client();
                    if (h.start() == s) onBoundary++;
                }
                if (customer == null) customer = longestPrefix(prefixes, a);
                found.computeIfAbsent(customer, k -> new long[2])[kind]++;
            }
        }
        Map<String, long[]> truth = new TreeMap<>();
        for (CSVRecord r : csv(dir.resolve("truth-customers.csv"))) {
            long[] n = {Long.parseLong(r.get("code_red_attempts")), Long.parseLong(r.get("code_red_ii_attempts"))};
            if (n[0] + n[1] > 0) truth.put(r.get("customer"), n);
        }
        assertEquals(truth.keySet(), found.keySet());
        for (String c : truth.keySet()) assertArrayEquals(truth.get(c), found.get(c), c);
        assertTrue(onBoundary > 0, "an attempt on the first second of a holding");
        assertEquals(Files.readString(out.resolve("truth-customers.csv")), Files.readString(dir.resolve("truth-customers.csv")), "the run's own truth");
    }

    @Test
    void customersHoldNestedPrefixesRangesAndIpv6() throws IOException {
        List<CSVRecord> rows = csv(out.resolve("customers.csv"));
        assertEquals(List.of("prefix", "customer", "name", "contact"), rows.get(0).getParser().getHeaderNames());
        boolean range = false, ipv6 = false, nested = false;
        List<String> seen = new ArrayList<>();
        for (CSVRecord r : rows) {
            String p = r.get("prefix");
            BigInteger[] span = span(p);
            assertTrue(span[0].compareTo(span[1]) <= 0, p);
            range |= p.contains("-");
            ipv6 |= p.contains(":");
            // A /28 inside a /24 written before it: only the longest prefix names its customer.
            if (p.endsWith("/28")) nested |= seen.contains(p.substring(0, p.lastIndexOf('.')) + ".0/24");
            seen.add(p);
        }
        assertTrue(range && ipv6 && nested, "range " + range + ", IPv6 " + ipv6 + ", nested " + nested);
    }

    @Test
    void sameSeedSameFilesAndWithoutIspTheFilesGo() throws IOException {
        Path again = tmp.resolve("again");
        Simulation.run(options(again, 1));
        List<Path> files = files(out);
        assertEquals(files.stream().map(out::relativize).toList(), files(again).stream().map(again::relativize).toList());
        for (Path f : files) assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(again.resolve(out.relativize(f))), f.toString());

        Simulation.run(new SimulateOptions(1, again, 0.05, LocalDate.of(2001, 8, 1), LocalDate.of(2001, 8, 14), SimulateOptions.serverKinds(),
                false, 1, 0, true, 1, List.of(), false));
        assertFalse(Files.exists(again.resolve("leases")) || Files.exists(again.resolve("customers.csv")) || Files.exists(again.resolve("truth-customers.csv")),
                "no ISP file of the first run is left to be taken for the second's");
        // Handovers move a few hosts' addresses; the attempts are the same.
        assertEquals(summary.codeRed(), Simulation.run(new SimulateOptions(1, tmp.resolve("plain"), 0.05, LocalDate.of(2001, 8, 1),
                LocalDate.of(2001, 8, 14), SimulateOptions.serverKinds(), false, 1, 0, true, 1)).codeRed());
    }

    /** The same holdings; if not, says how many differ and shows a few, not thousands. */
    private static void same(Set<Held> expected, Set<Held> actual, String what) {
        Set<Held> missing = new TreeSet<>(ORDER), extra = new TreeSet<>(ORDER);
        missing.addAll(expected);
        missing.removeAll(actual);
        extra.addAll(actual);
        extra.removeAll(expected);
        assertTrue(missing.isEmpty() && extra.isEmpty(), what + ": " + missing.size() + " holdings missing, e.g. "
                + missing.stream().limit(3).toList() + "; " + extra.size() + " not in the plain file, e.g. " + extra.stream().limit(3).toList());
    }

    // ---- the readers: each format as its documentation describes it ----

    /** Sessions the last {@link #radius} call closed at an Accounting-On. */
    private static int RADIUS_CLOSED_BY_RESTART;

    private static final Comparator<Held> ORDER = Comparator.comparing(Held::address).thenComparingLong(Held::start).thenComparing(Held::client);

    /** Joins one client's overlapping or touching periods on one address (renewals) into holdings. */
    private static Set<Held> join(List<Held> periods) {
        periods.sort(Comparator.comparing(Held::address).thenComparing(Held::client).thenComparingLong(Held::start));
        Set<Held> out = new TreeSet<>(ORDER);
        Held cur = null;
        for (Held p : periods) {
            if (p.start() >= p.end()) continue;
            if (cur != null && cur.address().equals(p.address()) && cur.client().equals(p.client()) && p.start() <= cur.end()) {
                cur = new Held(cur.address(), cur.start(), Math.max(cur.end(), p.end()), cur.client());
            } else {
                if (cur != null) out.add(cur);
                cur = p;
            }
        }
        if (cur != null) out.add(cur);
        return out;
    }

    static Set<Held> plain(Path file) throws IOException {
        List<Held> out = new ArrayList<>();
        for (CSVRecord r : csv(file)) {
            out.add(new Held(r.get("address"), Instant.parse(r.get("start_utc")).getEpochSecond(), Instant.parse(r.get("end_utc")).getEpochSecond(), r.get("customer")));
        }
        Set<Held> joined = join(out);
        assertEquals(out.size(), joined.size(), "the plain file has one row per holding");
        return joined;
    }

    private static final DateTimeFormatter DHCPD = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT);

    /** dhcpd.leases(5): lease blocks; starts/ends as "W YYYY/MM/DD HH:MM:SS" in UTC; a block with no client is no holding. */
    static Set<Held> dhcpd(List<Path> files) throws IOException {
        List<Held> out = new ArrayList<>();
        for (Path f : files) {
            String address = null, mac = null;
            long starts = 0, ends = 0;
            for (String line : Files.readAllLines(f)) {
                String t = line.trim();
                if (t.startsWith("#") || t.isEmpty() || t.startsWith("authoring-byte-order")) continue;
                if (t.startsWith("lease ") && t.endsWith("{")) {
                    address = t.substring(6, t.length() - 1).trim();
                    mac = null;
                } else if (t.equals("}")) {
                    assertNotNull(address, "a block closes after it opened in " + f);
                    if (mac != null) out.add(new Held(address, starts, ends, mac));
                    address = null;
                } else {
                    assertTrue(t.endsWith(";"), "a statement ends with ';': " + t);
                    String v = t.substring(0, t.length() - 1);
                    if (v.startsWith("starts ")) starts = dhcpdTime(v.substring(7));
                    else if (v.startsWith("ends ")) ends = dhcpdTime(v.substring(5));
                    else if (v.startsWith("hardware ethernet ")) mac = v.substring(18);
                }
            }
            assertEquals(null, address, "every block closed in " + f);
        }
        return join(out);
    }

    private static long dhcpdTime(String v) {
        String[] w = v.split(" ", 2);
        LocalDateTime t = LocalDateTime.parse(w[1], DHCPD);
        assertEquals(t.getDayOfWeek().getValue() % 7, Integer.parseInt(w[0]), "weekday of " + v);
        return t.toEpochSecond(ZoneOffset.UTC);
    }

    /** Kea memfile: a row covers [expire - valid_lifetime, expire); valid_lifetime 0 ends the lease at expire. */
    static Set<Held> kea(Path file) throws IOException {
        List<CSVRecord> rows = csv(file);
        assertEquals(List.of("address", "hwaddr", "client_id", "valid_lifetime", "expire", "subnet_id", "fqdn_fwd", "fqdn_rev", "hostname",
                "state", "user_context", "pool_id"), rows.get(0).getParser().getHeaderNames());
        List<Held> out = new ArrayList<>();
        Map<String, Long> released = new HashMap<>();
        for (CSVRecord r : rows) {
            long valid = Long.parseLong(r.get("valid_lifetime")), expire = Long.parseLong(r.get("expire"));
            String key = r.get("address") + " " + r.get("hwaddr");
            if (valid == 0) released.put(key, expire);
            else out.add(new Held(r.get("address"), expire - valid, expire, r.get("hwaddr")));
        }
        Set<Held> joined = join(out);
        for (Held h : joined) assertTrue(released.containsKey(h.address() + " " + h.client()), "released: " + h);
        return joined;
    }

    /**
     * FreeRADIUS detail: records of tab-indented attributes after a date line, a blank line between; a
     * session (NAS, Acct-Session-Id) from its Start (or its Stop's time minus Acct-Session-Time) to its Stop
     * (or its NAS's Accounting-On); a record's time is Event-Timestamp, else Timestamp minus Acct-Delay-Time.
     */
    static Set<Held> radius(List<Path> files) throws IOException {
        List<Map<String, String>> records = new ArrayList<>();
        for (Path f : files) {
            Map<String, String> rec = null;
            for (String line : Files.readAllLines(f)) {
                if (line.isEmpty()) {
                    if (rec != null) records.add(rec);
                    rec = null;
                } else if (line.startsWith("\t")) {
                    String[] kv = line.substring(1).split(" = ", 2);
                    String v = kv[1];
                    rec.put(kv[0], v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
                } else {
                    assertEquals(null, rec, "a date line starts a record: " + line);
                    rec = new HashMap<>();
                }
            }
            if (rec != null) records.add(rec);
        }
        DateTimeFormatter event = DateTimeFormatter.ofPattern("MMM ppd yyyy HH:mm:ss 'UTC'", Locale.ROOT);
        Map<String, long[]> sessions = new HashMap<>();
        Map<String, String[]> who = new HashMap<>();
        Map<String, List<Long>> restarts = new HashMap<>();
        for (Map<String, String> r : records) {
            long t = r.containsKey("Event-Timestamp") ? LocalDateTime.parse(r.get("Event-Timestamp"), event).toEpochSecond(ZoneOffset.UTC)
                    : Long.parseLong(r.get("Timestamp")) - Long.parseLong(r.get("Acct-Delay-Time"));
            String nas = r.get("NAS-IP-Address"), type = r.get("Acct-Status-Type");
            if (type.equals("Accounting-On")) {
                restarts.computeIfAbsent(nas, k -> new ArrayList<>()).add(t);
                continue;
            }
            String id = nas + " " + r.get("Acct-Session-Id");
            long[] s = sessions.computeIfAbsent(id, k -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
            who.put(id, new String[] {r.get("Framed-IP-Address"), r.get("User-Name"), nas});
            if (type.equals("Start")) s[0] = t;
            else if (s[0] == Long.MIN_VALUE) s[0] = t - Long.parseLong(r.get("Acct-Session-Time"));
            if (type.equals("Stop")) s[1] = t;
        }
        List<Held> out = new ArrayList<>();
        int closedByRestart = 0;
        for (Map.Entry<String, long[]> e : sessions.entrySet()) {
            long[] s = e.getValue();
            String[] w = who.get(e.getKey());
            if (s[1] == Long.MAX_VALUE) {
                long start = s[0];
                s[1] = restarts.getOrDefault(w[2], List.of()).stream().filter(t -> t > start).min(Long::compare).orElseThrow();
                closedByRestart++;
            }
            out.add(new Held(w[0], s[0], s[1], w[1]));
        }
        RADIUS_CLOSED_BY_RESTART = closedByRestart;
        return join(out);
    }

    /** First and last address of a prefix: CIDR (IPv4 or IPv6) or first-last. */
    private static BigInteger[] span(String prefix) throws IOException {
        if (prefix.contains("-")) {
            String[] ab = prefix.split("-");
            return new BigInteger[] {number(ab[0]), number(ab[1])};
        }
        String[] pn = prefix.split("/");
        int bits = pn[0].contains(":") ? 128 : 32, len = Integer.parseInt(pn[1]);
        BigInteger first = number(pn[0]), size = BigInteger.ONE.shiftLeft(bits - len);
        assertEquals(BigInteger.ZERO, first.mod(size), "aligned: " + prefix);
        return new BigInteger[] {first, first.add(size).subtract(BigInteger.ONE)};
    }

    private static BigInteger number(String literal) throws IOException {
        // A literal is parsed, never looked up.
        assertTrue(literal.matches("[0-9a-fA-F.:]+"), literal);
        return new BigInteger(1, InetAddress.getByName(literal).getAddress());
    }

    /** The customer of the smallest prefix holding the address, or the unattributed. */
    private static String longestPrefix(List<String[]> prefixes, String address) throws IOException {
        BigInteger a = number(address), best = null;
        String customer = "(unattributed)";
        for (String[] p : prefixes) {
            if (p[0].contains(":")) continue;
            BigInteger[] s = span(p[0]);
            if (a.compareTo(s[0]) < 0 || a.compareTo(s[1]) > 0) continue;
            BigInteger size = s[1].subtract(s[0]);
            if (best == null || size.compareTo(best) < 0) {
                best = size;
                customer = p[1];
            }
        }
        return customer;
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
