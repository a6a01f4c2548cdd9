package org.wormsign.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.wormsign.aggregate.Evidence;
import org.wormsign.isp.Attribution;
import org.wormsign.isp.IspFindings;

/**
 * The ISP mode's files: {@code customers.csv} and {@code networks.csv} (their columns are the output contract,
 * README "ISP abuse desk"), and which evidence lines belong to which customer, for customers.csv's
 * {@code evidence_lines} and the notices.
 */
public final class IspOutputs {
    private IspOutputs() {}

    public static final String CUSTOMERS = "customers.csv";
    public static final String NETWORKS = "networks.csv";
    public static final String NOTICES = "notices";

    public static final String[] CUSTOMERS_HEADER = {"customer", "addresses", "code_red_attempts", "code_red_ii_attempts",
        "first_seen_utc", "last_seen_utc", "off_schedule_attempts", "targets", "evidence_lines"};
    public static final String[] NETWORKS_HEADER = {"network", "addresses", "max_addresses_2h", "verdict", "customers",
        "max_customers_2h", "attempts"};

    /**
     * Each source's evidence lines (evidence.csv's), by the customer that held the source at the line's
     * second: as its attempt was attributed. A dynamic address's lines are split between its holders.
     */
    public static Map<Integer, List<Evidence>> evidenceByCustomer(ReportModel m, IspFindings isp) {
        Map<Integer, List<Evidence>> out = new HashMap<>();
        for (ReportModel.HostRow h : m.hosts()) {
            for (Evidence e : h.evidence()) {
                out.computeIfAbsent(isp.customerOf(e.source(), e.epochSecond()), k -> new ArrayList<>()).add(e);
            }
        }
        return out;
    }

    public static void writeCustomers(IspFindings isp, Map<Integer, List<Evidence>> evidence, Writer out) throws IOException {
        CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(CUSTOMERS_HEADER).setRecordSeparator('\n').get());
        for (IspFindings.CustomerRow c : isp.customers()) {
            p.printRecord(CsvCells.safe(c.customer()), c.addresses().size(), c.codeRed(), c.codeRedII(), Times.iso(c.firstSeen()),
                    Times.iso(c.lastSeen()), c.offSchedule(), c.targets(), evidence.getOrDefault(c.id(), List.of()).size());
        }
        p.flush();
    }

    /** networks.csv; {@code customers} and {@code max_customers_2h} are empty where no lease covers the block. */
    public static void writeNetworks(IspFindings isp, Writer out) throws IOException {
        CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(NETWORKS_HEADER).setRecordSeparator('\n').get());
        for (IspFindings.NetworkRow n : isp.networks()) {
            p.printRecord(n.network(), n.addresses(), n.maxAddresses2h(), n.verdict(), n.customers() < 0 ? "" : n.customers(),
                    n.maxCustomers2h() < 0 ? "" : n.maxCustomers2h(), n.attempts());
        }
        p.flush();
    }

    /** Addresses seen, and hosts as best known ({@link IspFindings.NetworkRow#hosts}): how far addresses over-count hosts. */
    public static long[] addressesAndHosts(IspFindings isp) {
        long addresses = 0, hosts = 0;
        for (IspFindings.NetworkRow n : isp.networks()) {
            addresses += n.addresses();
            hosts += n.hosts();
        }
        return new long[] {addresses, hosts};
    }

    static boolean attributed(IspFindings.CustomerRow c) {
        return c.id() != Attribution.NOBODY;
    }
}
