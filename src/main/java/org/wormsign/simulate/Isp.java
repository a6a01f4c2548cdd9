package org.wormsign.simulate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ISP's side of a run ({@code --isp}): which of the monitored hosts (those whose Code Red attempts are in
 * the logs written) are its customers, what it knows of them (static prefixes, dynamic holdings), and which
 * customer sent how many of the logged attempts. The probes are recorded by host during the model
 * ({@link ProbeLog.Sources}); {@link #resolve} then gives each its address and counts it for its host's
 * customer, so the truth comes from who sent each attempt, not from the addresses.
 *
 * <p>The ISP holds three in four of the /16s the monitored hosts live in (drawn with the seed); the others
 * are other providers', whose attempts no customer data covers. The model draws a dynamic host's next address
 * without asking who holds it, which no DHCP server does: where a lease would give a monitored host an address
 * another monitored host holds then (or a static host's), the ISP's server gives it a free one instead
 * ({@link #separate}), so every holding written is the only one of its address at its time. A few addresses
 * are handed over mid-day from one attacking customer to another ({@link Handover}), on the second of the new
 * holder's attempt, so an analyzer must split that address's attempts exactly and place an attempt on a
 * holding's first second.
 */
final class Isp {
    static final String UNATTRIBUTED = "(unattributed)";
    /** Handovers to make, if the run has pairs of customers to make them from. */
    private static final int HANDOVERS = 3;
    /** Cap on the hosts of one /16 that handovers are sought among: the search is over pairs. */
    private static final int HANDOVER_CANDIDATES = 40;
    /** A handover is at least this far from midnight: a change of hands in the middle of a UTC day. */
    private static final long MIDDAY_MARGIN = 2 * Utc.HOUR;

    /** One address held by one host's customer over [start, end), UTC seconds. */
    record Holding(int address, long start, long end, int host) {}

    /** A row of customers.csv: a static prefix ({@code a.b.c.d/n}, {@code first-last} or IPv6) and its customer. */
    record Assignment(String prefix, String customer, String name, String contact) {}

    /**
     * {@code address} passes at {@code second} from host {@code before}, which held it from {@code heldFrom}
     * (and moves to {@code next}), to host {@code after}, which holds it until {@code heldUntil}.
     */
    record Handover(int address, long second, int before, int after, int next, long heldFrom, long heldUntil) {}

    private final Population pop;
    private final Monitor[] monitors;
    final long seed, from, to;
    /** The ISP's /16s, as {@code a << 8 | b}. */
    private final Set<Integer> ispNetworks = new TreeSet<>();
    /** Customer of each monitored host in the ISP: a dynamic host's MAC, a static host's customer id. */
    private final Map<Integer, String> customer = new HashMap<>();
    private final Set<Integer> dynamicHosts = new TreeSet<>();
    private final Set<Integer> staticHostAddresses = new HashSet<>();
    final List<Assignment> assignments = new ArrayList<>();
    final List<Handover> handovers = new ArrayList<>();
    /**
     * Per host whose address the ISP's plan changes (a lease given another address, a handover): from a start
     * second, {end, address}. At a second, the latest-starting one that covers it applies.
     */
    private final Map<Integer, TreeMap<Long, long[]>> override = new HashMap<>();
    /** Per customer: {Code Red I, Code Red II} attempts logged; filled by {@link #resolve}. */
    private final Map<String, long[]> truth = new HashMap<>();
    /** Per handover: {attempts from the address by the one before, by the one after}; filled by {@link #resolve}. */
    private final long[][] handoverAttempts = new long[HANDOVERS][2];
    private List<Holding> holdings = List.of();

    private Isp(Population pop, Monitor[] monitors, long seed, long from, long to) {
        this.pop = pop;
        this.monitors = monitors;
        this.seed = seed;
        this.from = from;
        this.to = to;
    }

    /**
     * Draws the ISP's plan from the probes recorded by host ({@code logs} hold host numbers as sources) over
     * the days written, [from, to).
     */
    static Isp plan(Population pop, Monitor[] monitors, ProbeLog[] logs, long from, long to, long seed) {
        Isp isp = new Isp(pop, monitors, seed, from, to);
        Map<Integer, LongList> attempts = isp.loggedAttempts(logs);
        Map<Integer, List<Integer>> by16 = new TreeMap<>();
        for (int h : new TreeSet<>(attempts.keySet())) {
            int net = isp.net16(h);
            if ((Draws.mix(seed, net, 16) & 3) != 0) by16.computeIfAbsent(net, k -> new ArrayList<>()).add(h);
        }
        Map<Integer, List<Holding>> byHost = new HashMap<>();
        for (List<Integer> hosts : by16.values()) for (int h : hosts) if (pop.dynamic(h)) byHost.put(h, isp.holdingsOf(h));
        isp.ispNetworks.addAll(by16.keySet());
        isp.separate(by16, byHost);
        isp.chooseHandovers(by16, attempts, byHost);
        for (int h : isp.override.keySet()) byHost.put(h, isp.holdingsOf(h));
        if (isp.clashes(by16, byHost)) throw new IllegalStateException("the ISP's plan gave one address to two hosts at once");
        isp.assignCustomers(by16);
        List<Holding> all = new ArrayList<>();
        for (int h : isp.dynamicHosts) all.addAll(byHost.get(h));
        all.sort(Comparator.comparingInt((Holding x) -> x.address()).thenComparingLong(Holding::start));
        isp.holdings = List.copyOf(all);
        return isp;
    }

    /** Per host, the seconds of its Code Red attempts that the logs written will hold, in order. */
    private Map<Integer, LongList> loggedAttempts(ProbeLog[] logs) {
        Map<Integer, LongList> out = new HashMap<>();
        for (int j = 0; j < logs.length; j++) {
            ProbeLog log = logs[j];
            for (int i = 0; i < log.size(); i++) {
                long packed = log.packed(i);
                if (logged(j, packed)) out.computeIfAbsent(ProbeLog.source(packed), k -> new LongList()).add(ProbeLog.second(packed));
            }
        }
        for (LongList l : out.values()) l.sort();
        return out;
    }

    /** Whether a probe at server j is a Code Red attempt that its log written holds. */
    private boolean logged(int j, long packed) {
        int kind = ProbeLog.kind(packed);
        long s = ProbeLog.second(packed);
        return kind <= ProbeLog.CODE_RED_II && s >= from && s < to && monitors[j].kind().wormStatus(kind) != 0;
    }

    private int net16(int h) {
        return pop.networks.prefix16(pop.network[h]);
    }

    /**
     * A dynamic host's holdings that meet [from, to): its leases, each from its start to the next one's
     * (lease 0 from the model's first second), cut where the ISP's plan moves it, and joined where two in a
     * row are the same address.
     */
    private List<Holding> holdingsOf(int h) {
        long k0 = pop.leaseAt(h, from), k1 = pop.leaseAt(h, to - 1);
        TreeSet<Long> cuts = new TreeSet<>();
        for (long k = k0; k <= k1 + 1; k++) cuts.add(k == 0 ? Utc.MODEL_START : pop.leaseStart(h, k));
        for (Map.Entry<Long, long[]> o : override.getOrDefault(h, new TreeMap<>()).entrySet()) {
            cuts.add(o.getKey());
            cuts.add(o.getValue()[0]);
        }
        List<Holding> out = new ArrayList<>();
        Long start = cuts.first();
        for (Long end = cuts.higher(start); end != null; start = end, end = cuts.higher(end)) {
            int a = addressAt(h, start);
            Holding last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.address() == a) out.set(out.size() - 1, new Holding(a, last.start(), end, h));
            else out.add(new Holding(a, start, end, h));
        }
        return out;
    }

    /** Whether two hosts hold one address at once: two dynamic holdings that overlap, or one of a static host's address. */
    private boolean clashes(Map<Integer, List<Integer>> by16, Map<Integer, List<Holding>> byHost) {
        Map<Integer, List<Holding>> byAddress = new HashMap<>();
        for (List<Integer> hosts : by16.values()) {
            for (int h : hosts) {
                if (pop.dynamic(h)) for (Holding x : byHost.get(h)) byAddress.computeIfAbsent(x.address(), k -> new ArrayList<>()).add(x);
                else byAddress.computeIfAbsent(pop.address[h], k -> new ArrayList<>()).add(new Holding(pop.address[h], Long.MIN_VALUE, Long.MAX_VALUE, h));
            }
        }
        for (List<Holding> list : byAddress.values()) {
            list.sort(Comparator.comparingLong(Holding::start));
            for (int i = 1; i < list.size(); i++) if (list.get(i).start() < list.get(i - 1).end()) return true;
        }
        return false;
    }

    /**
     * Gives a free address, as the ISP's DHCP server would, to every holding (in order of start) whose address
     * a static host has or another host holds meanwhile. The model drew it without asking; the probes of that
     * holding then come from the new address.
     */
    private void separate(Map<Integer, List<Integer>> by16, Map<Integer, List<Holding>> byHost) {
        Set<Integer> statics = new HashSet<>();
        for (List<Integer> hosts : by16.values()) for (int h : hosts) if (!pop.dynamic(h)) statics.add(pop.address[h]);
        List<Holding> all = new ArrayList<>();
        for (List<Holding> list : byHost.values()) all.addAll(list);
        all.sort(Comparator.comparingLong(Holding::start).thenComparingInt(Holding::host));
        Map<Integer, List<Holding>> taken = new HashMap<>();
        Set<Integer> moved = new TreeSet<>();
        for (Holding x : all) {
            int a = x.address();
            if (statics.contains(a) || !free(taken, a, x.start(), x.end(), -1, 0)) {
                SplittableRandom r = new SplittableRandom(Draws.mix(seed, x.host(), x.start()));
                do {
                    a = pop.networks.randomAddress(pop.network[x.host()], r);
                } while (statics.contains(a) || !free(taken, a, x.start(), x.end(), -1, 0));
                override.computeIfAbsent(x.host(), k -> new TreeMap<>()).put(x.start(), new long[] {x.end(), a});
                moved.add(x.host());
            }
            taken.computeIfAbsent(a, k -> new ArrayList<>()).add(new Holding(a, x.start(), x.end(), x.host()));
        }
        for (int h : moved) byHost.put(h, holdingsOf(h));
    }

    /**
     * Picks pairs of dynamic customers of one /16 where B attacks at a second t in the middle of a UTC day and A
     * attacked earlier from its address X, holding X from then to t: from t, B holds X (until its own holding
     * ends) and A a fresh address (until its holding ends). X must be free of every other host meanwhile.
     * Pairs whose A attacked the same day come first; then any, as a small run has few pairs.
     */
    private void chooseHandovers(Map<Integer, List<Integer>> by16, Map<Integer, LongList> attempts, Map<Integer, List<Holding>> byHost) {
        Map<Integer, List<Holding>> byAddress = new HashMap<>();
        for (List<Holding> list : byHost.values()) for (Holding x : list) byAddress.computeIfAbsent(x.address(), k -> new ArrayList<>()).add(x);
        Set<Integer> statics = new HashSet<>();
        for (List<Integer> hosts : by16.values()) for (int h : hosts) if (!pop.dynamic(h)) statics.add(pop.address[h]);
        Set<Integer> used16 = new HashSet<>();
        for (boolean sameDay : new boolean[] {true, false}) {
            for (Map.Entry<Integer, List<Integer>> e : by16.entrySet()) {
                if (handovers.size() == HANDOVERS) return;
                if (used16.contains(e.getKey())) continue;
                List<Integer> dyn = e.getValue().stream().filter(pop::dynamic).limit(HANDOVER_CANDIDATES).toList();
                pairs:
                for (int a : dyn) {
                    for (int b : dyn) {
                        if (a == b) continue;
                        Handover hv = handover(a, b, attempts.get(a), attempts.get(b), byHost, byAddress, statics, sameDay);
                        if (hv != null) {
                            handovers.add(hv);
                            used16.add(e.getKey());
                            break pairs;
                        }
                    }
                }
            }
        }
    }

    private Handover handover(int a, int b, LongList byA, LongList byB, Map<Integer, List<Holding>> byHost,
                              Map<Integer, List<Holding>> byAddress, Set<Integer> statics, boolean sameDay) {
        for (int i = 0; i < byB.size(); i++) {
            long t = byB.get(i), day = t - Math.floorMod(t, Utc.DAY);
            if (t - day < MIDDAY_MARGIN || day + Utc.DAY - t < MIDDAY_MARGIN) continue;
            int before = lowerBound(byA, t) - 1;
            if (before < 0 || sameDay && byA.get(before) < day) continue;
            Holding ha = holding(byHost.get(a), byA.get(before)), hb = holding(byHost.get(b), t);
            if (ha == null || hb == null || t >= ha.end() || hb.start() == t || ha.address() == hb.address()) continue;
            int x = ha.address();
            if (!free(byAddress, x, t, hb.end(), a, ha.start())) continue;
            int fresh = freshAddress(a, t, ha.end(), byAddress, statics);
            if (fresh == 0) continue;
            override.computeIfAbsent(a, k -> new TreeMap<>()).put(t, new long[] {ha.end(), fresh});
            override.computeIfAbsent(b, k -> new TreeMap<>()).put(t, new long[] {hb.end(), x});
            return new Handover(x, t, a, b, fresh, ha.start(), hb.end());
        }
        return null;
    }

    /** The holding in force at a second, or null. */
    private static Holding holding(List<Holding> list, long second) {
        for (Holding x : list) if (x.start() <= second && second < x.end()) return x;
        return null;
    }

    /** Whether no holding of x but A's own, which starts at {@code ownStart} and is cut at t, meets [t, end). */
    private static boolean free(Map<Integer, List<Holding>> byAddress, int x, long t, long end, int a, long ownStart) {
        for (Holding h : byAddress.getOrDefault(x, List.of())) {
            if (h.host() == a && h.start() == ownStart) continue;
            if (h.start() < end && h.end() > t) return false;
        }
        return true;
    }

    /** An address of A's /16 that nobody monitored holds over [t, end), or 0 if none turned up. */
    private int freshAddress(int a, long t, long end, Map<Integer, List<Holding>> byAddress, Set<Integer> staticAddresses) {
        SplittableRandom r = new SplittableRandom(Draws.mix(seed, a, t));
        for (int tries = 0; tries < 100; tries++) {
            int z = pop.networks.randomAddress(pop.network[a], r);
            if (staticAddresses.contains(z) || handovers.stream().anyMatch(hv -> hv.address() == z || hv.next() == z)) continue;
            if (free(byAddress, z, t, end, -1, 0)) return z;
        }
        return 0;
    }

    private static int lowerBound(LongList l, long v) {
        int lo = 0, hi = l.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (l.get(mid) < v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** The address host h has at a second, with the handovers. */
    int addressAt(int h, long second) {
        TreeMap<Long, long[]> o = override.get(h);
        if (o != null) {
            for (Map.Entry<Long, long[]> e = o.floorEntry(second); e != null; e = o.lowerEntry(e.getKey())) {
                if (second < e.getValue()[0]) return (int) e.getValue()[1];
            }
        }
        return pop.addressAt(h, second);
    }

    /** Dynamic hosts get their MAC as customer; static hosts a customer of a prefix that holds them. */
    private void assignCustomers(Map<Integer, List<Integer>> by16) {
        Set<String> macs = new HashSet<>();
        Map<Integer, List<Integer>> static24 = new TreeMap<>();
        for (List<Integer> hosts : by16.values()) {
            for (int h : hosts) {
                if (pop.dynamic(h)) {
                    dynamicHosts.add(h);
                    customer.put(h, Customers.mac(seed, h, macs));
                } else {
                    staticHostAddresses.add(pop.address[h]);
                    static24.computeIfAbsent(pop.address[h] >>> 8, k -> new ArrayList<>()).add(h);
                }
            }
        }
        Customers names = new Customers(seed);
        for (Map.Entry<Integer, List<Integer>> e : static24.entrySet()) {
            List<Integer> hosts = e.getValue();
            hosts.sort(Comparator.comparingInt(h -> pop.address[h] & 0xFF));
            names.layOut(e.getKey(), hosts, pop.address, customer, assignments);
        }
        names.others(ispNetworks, static24.keySet(), assignments);
    }

    /**
     * Gives every probe its address (with the handovers) in place of its host, counts each logged Code Red
     * attempt for its host's customer, and sorts the logs again.
     */
    void resolve(ProbeLog[] logs) {
        for (int j = 0; j < logs.length; j++) {
            ProbeLog log = logs[j];
            for (int i = 0; i < log.size(); i++) {
                long packed = log.packed(i);
                int h = ProbeLog.source(packed);
                long s = ProbeLog.second(packed);
                int a = addressAt(h, s);
                log.setSource(i, a);
                if (!logged(j, packed)) continue;
                truth.computeIfAbsent(customerOf(h), k -> new long[2])[ProbeLog.kind(packed)]++;
                for (int v = 0; v < handovers.size(); v++) {
                    Handover hv = handovers.get(v);
                    if (a != hv.address() || s < hv.heldFrom() || s >= hv.heldUntil()) continue;
                    if (h == hv.before() && s < hv.second()) handoverAttempts[v][0]++;
                    if (h == hv.after() && s >= hv.second()) handoverAttempts[v][1]++;
                }
            }
            log.sort();
        }
    }

    /** Whether a monitored static host of the ISP has this address. */
    boolean staticAddress(int a) {
        return staticHostAddresses.contains(a);
    }

    String customerOf(int h) {
        return customer.getOrDefault(h, UNATTRIBUTED);
    }

    /** Every dynamic holding of the ISP's customers that meets [from, to), by address then start. */
    List<Holding> holdings() { return holdings; }

    /** The ISP's /16s, as {@code a << 8 | b}. */
    Set<Integer> networks() { return Collections.unmodifiableSet(ispNetworks); }

    /** Per customer (and {@link #UNATTRIBUTED}): {Code Red I, Code Red II} attempts in the logs written. */
    Map<String, long[]> truth() { return Collections.unmodifiableMap(truth); }

    /** For handover i: {attempts from its address by the one before, while it held it; by the one after, while it holds it}. */
    long[] handoverAttempts(int i) { return handoverAttempts[i].clone(); }
}
