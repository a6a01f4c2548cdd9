package org.wormsign.isp;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.wormsign.aggregate.Attempt;
import org.wormsign.aggregate.AttemptHook;
import org.wormsign.detect.Verdict;
import org.wormsign.detect.WormCalendar;
import org.wormsign.format.SourceAddress;

/**
 * Attributes every attempt an aggregator counts to a customer ({@link Attribution}) and tallies it: per
 * customer (customers.csv), per source (hosts.csv's {@code customers}), per /24 or /48 network with its
 * addresses per two-hour window (networks.csv), and customers per variant per UTC day (the report). A summary
 * like the aggregate it rides in: merged by union and sums, with {@link AttemptHook#NONE} as identity.
 *
 * <p>Counted as hosts.csv counts: an attempt salvaged from a line that could not be read is no source's
 * attempt, so it is no customer's either; it is counted apart ({@link #salvaged}).
 */
public final class IspHook implements AttemptHook, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** CAIDA's window: the most addresses a /24 shows in any two hours is its count of hosts at once. */
    static final long WINDOW_SECONDS = 2 * 3600;

    /** One customer's attempts (or the unattributed ones, id {@link Attribution#NOBODY}). */
    static final class Tally implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final Set<String> addresses = new HashSet<>();
        final Set<String> targets = new HashSet<>();
        long codeRed, codeRedII, offSchedule;
        long firstSeen = Long.MAX_VALUE, lastSeen = Long.MIN_VALUE;

        void merge(Tally o) {
            addresses.addAll(o.addresses);
            targets.addAll(o.targets);
            codeRed += o.codeRed;
            codeRedII += o.codeRedII;
            offSchedule += o.offSchedule;
            firstSeen = Math.min(firstSeen, o.firstSeen);
            lastSeen = Math.max(lastSeen, o.lastSeen);
        }
    }

    /** One /24 (IPv4) or /48 (IPv6): addresses ever and per window; customers by lease, ever and per window. */
    static final class Network implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final Set<String> addresses = new HashSet<>();
        final Map<Long, Set<String>> addressesByWindow = new HashMap<>();
        final Set<Integer> leasedCustomers = new HashSet<>();
        final Map<Long, Set<Integer>> leasedByWindow = new HashMap<>();
        /** Attempts of the block placed by a lease: where leases cover the block, hosts are counted by customer. */
        long byLease, attempts;

        void merge(Network o) {
            addresses.addAll(o.addresses);
            o.addressesByWindow.forEach((w, s) -> addressesByWindow.computeIfAbsent(w, k -> new HashSet<>()).addAll(s));
            leasedCustomers.addAll(o.leasedCustomers);
            o.leasedByWindow.forEach((w, s) -> leasedByWindow.computeIfAbsent(w, k -> new HashSet<>()).addAll(s));
            byLease += o.byLease;
            attempts += o.attempts;
        }
    }

    /** Not sent with the findings (a Spark task's to its driver): they are read with the driver's own ({@link IspFindings}). */
    private final transient Attribution attribution;
    final Map<Integer, Tally> customers = new HashMap<>();
    final Map<String, Set<Integer>> sourceCustomers = new HashMap<>();
    final Map<String, Network> networks = new HashMap<>();
    /** Per UTC day, the customers seen sending Code Red I ([0]) and Code Red II ([1]). */
    final TreeMap<Long, Set<Integer>[]> daily = new TreeMap<>();
    long salvaged;
    long attributedByLease, attributedByPrefix;

    public IspHook(Attribution attribution) {
        this.attribution = attribution;
    }

    public static AttemptHook.Factory factory(Attribution attribution) {
        return () -> new IspHook(attribution);
    }

    private final long[] key = new long[2];

    @Override public void attempt(Attempt a) {
        if (a.salvaged()) {
            salvaged++;
            return;
        }
        String source = a.source();
        boolean address;
        if (a.hasIpv4()) {
            key[0] = Ip.V4_HIGH;
            key[1] = Ip.v4Low(a.ipv4());
            address = true;
        } else {
            SourceAddress s = a.address();
            address = s != null && s.isIpv6();
            if (address) {
                key[0] = s.high();
                key[1] = s.low();
            }
        }
        int customer = Attribution.NOBODY;
        boolean leased = false;
        if (address) {
            if (a.hasTime()) {
                customer = attribution.byLease(key[0], key[1], a.epochSecond());
                leased = customer != Attribution.NOBODY;
                if (!leased) customer = attribution.byPrefix(key[0], key[1]);
            } else {
                customer = attribution.customerOf(key[0], key[1], 0, false);
            }
        }
        if (leased) attributedByLease++;
        else if (customer != Attribution.NOBODY) attributedByPrefix++;

        Tally t = customers.computeIfAbsent(customer, k -> new Tally());
        t.addresses.add(source);
        t.targets.add(a.target());
        boolean two = a.variant() == Verdict.Variant.CODE_RED_II;
        if (two) t.codeRedII++;
        else t.codeRed++;
        if (a.hasTime()) {
            long at = a.epochSecond();
            t.firstSeen = Math.min(t.firstSeen, at);
            t.lastSeen = Math.max(t.lastSeen, at);
            if (WormCalendar.offSchedule(a.variant(), at)) t.offSchedule++;
            if (customer != Attribution.NOBODY) {
                @SuppressWarnings("unchecked")
                Set<Integer>[] day = daily.computeIfAbsent(Math.floorDiv(at, 86400L), d -> new Set[] {new HashSet<>(), new HashSet<>()});
                day[two ? 1 : 0].add(customer);
            }
        }
        sourceCustomers.computeIfAbsent(source, k -> new TreeSet<>()).add(customer);
        if (address) network(source, customer, leased, a);
    }

    private void network(String source, int customer, boolean leased, Attempt a) {
        boolean v4 = Ip.isV4(key[0], key[1]);
        String name = v4 ? Ip.text(key[0], key[1] & ~0xFFL) + "/24" : Ip.text(key[0] & ~0xFFFFL, 0) + "/48";
        Network n = networks.computeIfAbsent(name, k -> new Network());
        n.attempts++;
        n.addresses.add(source);
        if (a.hasTime()) {
            long window = Math.floorDiv(a.epochSecond(), WINDOW_SECONDS);
            n.addressesByWindow.computeIfAbsent(window, k -> new HashSet<>()).add(source);
            if (leased) n.leasedByWindow.computeIfAbsent(window, k -> new HashSet<>()).add(customer);
        }
        if (leased) {
            n.byLease++;
            n.leasedCustomers.add(customer);
        }
    }

    @Override public AttemptHook merge(AttemptHook other) {
        if (other == AttemptHook.NONE) return this;
        IspHook o = (IspHook) other;
        o.customers.forEach((c, t) -> customers.merge(c, t, (x, y) -> { x.merge(y); return x; }));
        o.sourceCustomers.forEach((s, c) -> sourceCustomers.merge(s, c, (x, y) -> { x.addAll(y); return x; }));
        o.networks.forEach((k, n) -> networks.merge(k, n, (x, y) -> { x.merge(y); return x; }));
        o.daily.forEach((d, sets) -> daily.merge(d, sets, (x, y) -> { x[0].addAll(y[0]); x[1].addAll(y[1]); return x; }));
        salvaged += o.salvaged;
        attributedByLease += o.attributedByLease;
        attributedByPrefix += o.attributedByPrefix;
        return this;
    }

    Attribution attribution() { return attribution; }
}
