package org.wormsign.report;

import java.io.IOException;
import java.io.Writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code summary.json}: the run's provenance and totals, for machines. Field names are the contract. */
public final class SummaryJson {
    private SummaryJson() {}

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static ObjectNode tree(ReportModel m) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", m.version());
        ArrayNode args = root.putArray("arguments");
        m.arguments().forEach(args::add);
        root.put("started_utc", m.started().toString());
        root.put("finished_utc", m.finished().toString());

        ArrayNode inputs = root.putArray("inputs");
        ArrayNode ignored = root.putArray("ignored");
        for (ReportModel.InputRow i : m.inputs()) {
            if (i.ignoredBecause() != null) {
                ObjectNode n = ignored.addObject();
                n.put("path", i.path());
                n.put("reason", i.ignoredBecause());
                continue;
            }
            ObjectNode n = inputs.addObject();
            n.put("path", i.path());
            n.put("sha256", i.sha256());
            n.put("bytes", i.bytes());
            n.put("compression", i.codec());
            n.put("format", i.format());
            n.put("lines", i.lines());
            n.put("records", i.records());
            n.put("rejected", i.rejected());
            n.put("skipped", i.skipped());
            ArrayNode errors = n.putArray("errors");
            i.errors().forEach(errors::add);
        }
        ArrayNode errors = root.putArray("errors");
        m.errors().forEach(errors::add);
        ArrayNode warnings = root.putArray("warnings");
        m.warnings().forEach(warnings::add);

        ReportModel.TotalsRow t = m.totals();
        ObjectNode totals = root.putObject("totals");
        totals.put("inputs", t.inputs());
        totals.put("lines", t.lines());
        totals.put("records", t.records());
        totals.put("rejected", t.rejected());
        totals.put("skipped", t.skipped());
        totals.put("code_red", t.codeRed());
        totals.put("code_red_ii", t.codeRedII());
        totals.put("truncated", t.truncated());
        totals.put("code_red_sources", t.codeRedSources());
        totals.put("code_red_ii_sources", t.codeRedIISources());
        totals.put("nimda", t.nimda());
        totals.put("other_ida", t.otherIda());
        totals.put("side_effect_400", t.sideEffect400());
        totals.put("off_schedule", t.offSchedule());
        totals.put("first_seen_utc", Times.iso(t.firstSeen()));
        totals.put("last_seen_utc", Times.iso(t.lastSeen()));

        ObjectNode rejects = root.putObject("rejects_by_reason");
        m.rejectsByReason().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> rejects.put(e.getKey(), e.getValue()));

        ArrayNode days = root.putArray("attempts_per_utc_day");
        for (ReportModel.DayRow d : m.days()) {
            ObjectNode n = days.addObject();
            n.put("day", Times.day(d.epochDay()));
            n.put("code_red", d.codeRed());
            n.put("code_red_ii", d.codeRedII());
        }
        ArrayNode targets = root.putArray("targets");
        for (ReportModel.TargetRow tr : m.targets()) {
            ObjectNode n = targets.addObject();
            n.put("target", tr.target());
            n.put("code_red", tr.codeRed());
            n.put("code_red_ii", tr.codeRedII());
            n.put("status_400", tr.status400());
            n.put("status_404", tr.status404());
            n.put("status_200", tr.status200());
            n.put("status_other", tr.statusOther());
            n.put("first_seen_utc", Times.iso(tr.firstSeen()));
            n.put("last_seen_utc", Times.iso(tr.lastSeen()));
        }
        return root;
    }

    public static void write(ReportModel m, Writer out) throws IOException {
        MAPPER.writeValue(out, tree(m));
    }
}
