package org.wormsign.isp;

/**
 * Which customer an attempt belongs to, at its UTC second: the dynamic holding in force then (leases and
 * sessions), else the smallest static block holding the address, else nobody. An attempt with no time is
 * given to a static block only when no lease names its address: an address that changes hands cannot be
 * placed without the second.
 */
public final class Attribution {
    /** No customer. */
    public static final int NOBODY = -1;

    private final CustomerData data;

    public Attribution(CustomerData data) {
        this.data = data;
    }

    public CustomerData data() { return data; }

    /** The customer of a lease in force at {@code epochSecond}, else {@link #NOBODY}. */
    public int byLease(long high, long low, long epochSecond) {
        return data.leases().customerAt(high, low, epochSecond);
    }

    /** The customer of the smallest static block holding the address, else {@link #NOBODY}. */
    public int byPrefix(long high, long low) {
        return data.prefixes().customerOf(high, low);
    }

    /** The customer, by the rules above; {@code hasTime} false: the attempt's line gave no time. */
    public int customerOf(long high, long low, long epochSecond, boolean hasTime) {
        if (hasTime) {
            int leased = byLease(high, low, epochSecond);
            if (leased != NOBODY) return leased;
            return byPrefix(high, low);
        }
        return data.leases().knows(high, low) ? NOBODY : byPrefix(high, low);
    }

    public String name(int customer) {
        return customer == NOBODY ? IspFindings.UNATTRIBUTED : data.customers().name(customer);
    }

    /** An IPv4 address as the index keys it. */
    public static long v4Low(int ipv4) { return Ip.v4Low(ipv4); }

    /** An address's text as the index keys it ({@code out} high, low); false for a host name. */
    public static boolean key(String address, long[] out) { return Ip.parse(address, out); }
}
