package org.wormsign.isp;

/**
 * Which customer an attempt belongs to, at its UTC second: the dynamic holding in force then (leases and
 * sessions), else the smallest static block holding the address, else nobody. An attempt with no time is
 * given to a static block only when no lease names its address: an address that changes hands cannot be
 * placed without the second.
 */
public final class Attribution implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** No customer. */
    public static final int NOBODY = -1;

    /**
     * The tables the attribution is looked up in: all a Spark job's executors are sent (a broadcast, deserialized once
     * per executor JVM), so that they need no access to the customer files.
     */
    private final PrefixTable prefixes;
    private final LeaseIndex leases;
    /**
     * What was read, with the customers' names, the files and their problems: the driver's, which writes the outputs;
     * not sent (null where this was deserialized).
     */
    private final transient CustomerData data;

    public Attribution(CustomerData data) {
        this.data = data;
        this.prefixes = data.prefixes();
        this.leases = data.leases();
    }

    /** The customer data read; null in an executor's copy (see {@link #data}'s field). */
    public CustomerData data() { return data; }

    /** The customer of a lease in force at {@code epochSecond}, else {@link #NOBODY}. */
    public int byLease(long high, long low, long epochSecond) {
        return leases.customerAt(high, low, epochSecond);
    }

    /** The customer of the smallest static block holding the address, else {@link #NOBODY}. */
    public int byPrefix(long high, long low) {
        return prefixes.customerOf(high, low);
    }

    /** The customer, by the rules above; {@code hasTime} false: the attempt's line gave no time. */
    public int customerOf(long high, long low, long epochSecond, boolean hasTime) {
        if (hasTime) {
            int leased = byLease(high, low, epochSecond);
            if (leased != NOBODY) return leased;
            return byPrefix(high, low);
        }
        return leases.knows(high, low) ? NOBODY : byPrefix(high, low);
    }

    public String name(int customer) {
        return customer == NOBODY ? IspFindings.UNATTRIBUTED : data.customers().name(customer);
    }

    /** An IPv4 address as the index keys it. */
    public static long v4Low(int ipv4) { return Ip.v4Low(ipv4); }

    /** An address's text as the index keys it ({@code out} high, low); false for a host name. */
    public static boolean key(String address, long[] out) { return Ip.parse(address, out); }
}
