package org.wormsign.isp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import org.wormsign.aggregate.AttemptHook;

/**
 * What the attribution of a run found, read-only, for the outputs: customers.csv's rows, hosts.csv's
 * {@code customers}, networks.csv's rows with CAIDA's dynamic/static test, and customers per variant per day.
 */
public final class IspFindings {
    /** The customers.csv row of the attempts no customer data placed. */
    public static final String UNATTRIBUTED = "(unattributed)";

    /**
     * A /24 is dynamic when it showed more than this many times the addresses it showed in its busiest two
     * hours. CAIDA's Code Red study compared the two counts per /24 (DOMAIN.md, "Scale"); the ratio is our
     * choice: an always-on static host scans in every window, so a static block's counts are near equal.
     */
    public static final double DYNAMIC_RATIO = 1.5;

    public record CustomerRow(int id, String customer, String name, String contact, List<String> addresses, long codeRed,
                              long codeRedII, long firstSeen, long lastSeen, long offSchedule, long targets) {
        public long attempts() { return codeRed + codeRedII; }
        public boolean unattributed() { return id == Attribution.NOBODY; }
    }

    /**
     * One network: {@code customers} and {@code maxCustomers2h} are -1 where no lease placed an attempt of
     * it (hosts can then be counted only by address).
     */
    public record NetworkRow(String network, long addresses, long maxAddresses2h, String verdict, long customers,
                             long maxCustomers2h, long attempts) {
        public boolean dynamic() { return "dynamic".equals(verdict); }
        /** Hosts as best known: customers where leases cover it, else the busiest window of a dynamic block, else its addresses. */
        public long hosts() { return customers >= 0 ? customers : dynamic() ? maxAddresses2h : addresses; }
    }

    private final IspHook hook;
    private final Attribution attribution;

    private IspFindings(IspHook hook, Attribution attribution) {
        this.hook = hook;
        this.attribution = attribution;
    }

    /** The findings of a run's merged hook; none seen (no attempt at all) is an empty tally. */
    public static IspFindings of(AttemptHook merged, Attribution attribution) {
        return new IspFindings(merged instanceof IspHook h ? h : new IspHook(attribution), attribution);
    }

    public Attribution attribution() { return attribution; }

    public CustomerData data() { return attribution.data(); }

    private List<CustomerRow> customerRows;

    /** Most attempts first, then by customer; the unattributed row last (always there). Made once. */
    public synchronized List<CustomerRow> customers() {
        if (customerRows == null) customerRows = List.copyOf(customerRowsOf());
        return customerRows;
    }

    private List<CustomerRow> customerRowsOf() {
        List<CustomerRow> rows = new ArrayList<>();
        CustomerRow rest = null;
        Customers names = attribution.data().customers();
        for (Map.Entry<Integer, IspHook.Tally> e : hook.customers.entrySet()) {
            int id = e.getKey();
            IspHook.Tally t = e.getValue();
            List<String> addresses = new ArrayList<>(t.addresses);
            addresses.sort(null);
            boolean nobody = id == Attribution.NOBODY;
            CustomerRow row = new CustomerRow(id, nobody ? UNATTRIBUTED : names.name(id), nobody ? "" : names.displayName(id),
                    nobody ? "" : names.contact(id), addresses, t.codeRed, t.codeRedII, t.firstSeen, t.lastSeen, t.offSchedule, t.targets.size());
            if (nobody) rest = row;
            else rows.add(row);
        }
        rows.sort(Comparator.comparingLong(CustomerRow::attempts).reversed().thenComparing(CustomerRow::customer));
        rows.add(rest != null ? rest : new CustomerRow(Attribution.NOBODY, UNATTRIBUTED, "", "", List.of(), 0, 0,
                Long.MAX_VALUE, Long.MIN_VALUE, 0, 0));
        return rows;
    }

    /** The customers a source's attempts went to, by name, space-separated; "" if the source is not known. */
    public String customersOf(String source) {
        Set<Integer> ids = hook.sourceCustomers.get(source);
        if (ids == null) return "";
        List<String> names = new ArrayList<>();
        for (int id : ids) names.add(attribution.name(id));
        names.sort(null);
        return String.join(" ", names);
    }

    /** Every /24 and /48 seen, most addresses first, then by network text. */
    public List<NetworkRow> networks() {
        List<NetworkRow> rows = new ArrayList<>();
        for (Map.Entry<String, IspHook.Network> e : hook.networks.entrySet()) {
            IspHook.Network n = e.getValue();
            long most = n.addressesByWindow.values().stream().mapToLong(Set::size).max().orElse(n.addresses.size());
            String verdict = n.addresses.size() > DYNAMIC_RATIO * most ? "dynamic" : "static";
            long customers = n.byLease > 0 ? n.leasedCustomers.size() : -1;
            long mostCustomers = n.byLease > 0 ? n.leasedByWindow.values().stream().mapToLong(Set::size).max().orElse(0) : -1;
            rows.add(new NetworkRow(e.getKey(), n.addresses.size(), most, verdict, customers, mostCustomers, n.attempts));
        }
        rows.sort(Comparator.comparingLong(NetworkRow::addresses).reversed().thenComparing(NetworkRow::network));
        return rows;
    }

    /** Per UTC day (epoch day), how many customers sent Code Red I ([0]) and Code Red II ([1]). */
    public NavigableMap<Long, long[]> customersPerDay() {
        TreeMap<Long, long[]> out = new TreeMap<>();
        hook.daily.forEach((d, sets) -> out.put(d, new long[] {sets[0].size(), sets[1].size()}));
        return out;
    }

    /** Attempts placed by a lease, by a static block. */
    public long attributedByLease() { return hook.attributedByLease; }

    public long attributedByPrefix() { return hook.attributedByPrefix; }

    /** Attempts salvaged from lines that could not be read: no source's, so no customer's. */
    public long salvaged() { return hook.salvaged; }

    /** The customer an evidence line belongs to: its source at its second, as the attempt was attributed. */
    public int customerOf(String source, long epochSecond) {
        long[] key = new long[2];
        if (source == null || !Ip.parse(source, key)) return Attribution.NOBODY;
        boolean hasTime = epochSecond != Long.MIN_VALUE && epochSecond != Long.MAX_VALUE;
        return attribution.customerOf(key[0], key[1], epochSecond, hasTime);
    }
}
