package org.wormsign.report;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.wormsign.isp.CustomerData;
import org.wormsign.isp.IspFindings;
import org.wormsign.isp.ReadProblems;

/** summary.json's {@code customer_data} (ISP mode), after every other field: what customer data was read, and how it placed the attempts. */
final class IspSummary {
    private IspSummary() {}

    static ObjectNode added(ObjectNode root, IspFindings isp) {
        CustomerData d = isp.data();
        ObjectNode n = root.putObject("customer_data");
        ArrayNode files = n.putArray("files");
        for (CustomerData.FileRead f : d.files()) {
            ObjectNode o = files.addObject();
            o.put("path", f.path());
            o.put("format", f.format());
            o.put("rejected", f.rejected());
        }
        ArrayNode ignored = n.putArray("ignored");
        d.ignored().forEach(ignored::add);
        n.put("customers", d.customers().count());
        n.put("prefixes", d.prefixes().blocks());
        n.put("lease_addresses", d.leases().addressCount());
        n.put("holdings", d.leases().holdingCount());
        n.put("without_client", d.withoutClient());
        n.put("declarations_passed_over", d.declarations());
        n.put("rejected", d.problems().rejected());
        ObjectNode reasons = n.putObject("rejects_by_reason");
        for (Map.Entry<String, Long> e : d.problems().rejectsByReason().entrySet()) reasons.put(e.getKey(), e.getValue());
        ArrayNode samples = n.putArray("reject_samples");
        for (ReadProblems.Reject r : d.problems().samples()) {
            ObjectNode o = samples.addObject();
            o.put("file", r.file());
            o.put("line", r.line());
            o.put("reason", r.reason());
            o.put("text", r.text());
        }
        n.put("overlapping_holdings", d.problems().overlaps());
        ArrayNode overlaps = n.putArray("overlap_samples");
        d.problems().overlapSamples().forEach(overlaps::add);
        n.put("attempts_by_lease", isp.attributedByLease());
        n.put("attempts_by_prefix", isp.attributedByPrefix());
        IspFindings.CustomerRow rest = isp.customers().get(isp.customers().size() - 1);
        n.put("attempts_unattributed", rest.attempts());
        n.put("attempts_in_rejects_not_attributed", isp.salvaged());
        long[] counts = IspOutputs.addressesAndHosts(isp);
        n.put("addresses_seen", counts[0]);
        n.put("hosts_estimated", counts[1]);
        return root;
    }
}
