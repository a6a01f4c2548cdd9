package org.wormsign.report;

import java.io.IOException;
import java.io.Writer;

import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code summary.json}: the run's provenance and totals, for machines. Field names are the contract. */
public final class SummaryJson {
    private SummaryJson() {}

    /**
     * The tree is written by walking it with Jackson's streaming generator, not by an {@code ObjectMapper}:
     * the mapper's first use (its serializer lookup and class introspection) took 0.15–0.25 s of every run,
     * a tenth of the time budget of a gigabyte, for the same bytes (DefaultPrettyPrinter either way).
     */
    private static final JsonFactory JSON = new JsonFactory();

    public static ObjectNode tree(ReportModel m) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
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
            n.put("realigned", i.realigned());
            n.put("zone", i.zone());
            n.put("client_field", i.clientField());
            ArrayNode errors = n.putArray("errors");
            i.errors().forEach(errors::add);
            if (i.absorbed() != null) n.put("absorbed", i.absorbed());
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
        totals.put("probable_side_effects", t.probableSideEffects());
        totals.put("unreadable_400", t.unreadable400());
        totals.put("default_ida_without_query", t.defaultIdaWithoutQuery());
        totals.put("realigned", t.realigned());
        totals.put("code_red_in_rejects", t.codeRedInRejects());
        totals.put("code_red_ii_in_rejects", t.codeRedIIInRejects());
        totals.put("records_without_time", t.recordsWithoutTime());
        totals.put("attempts_without_time", t.attemptsWithoutTime());
        totals.put("covered_from_utc", Times.iso(t.coveredFrom()));
        totals.put("covered_to_utc", Times.iso(t.coveredTo()));
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
        ArrayNode hours = root.putArray("attempts_per_utc_hour");
        m.hourly().forEach((hour, c) -> {
            ObjectNode n = hours.addObject();
            n.put("utc_hour", Times.iso(hour * 3600L));
            n.put("code_red", c[0]);
            n.put("code_red_ii", c[1]);
        });
        ArrayNode wave = root.putArray("new_sources_per_utc_hour");
        long[] cumulative = {0};
        m.newSourcesHourly().forEach((hour, c) -> {
            cumulative[0] += c[0] + c[1];
            ObjectNode n = wave.addObject();
            n.put("utc_hour", Times.iso(hour * 3600L));
            n.put("new_sources", c[0] + c[1]);
            n.put("new_code_red_ii_sources", c[1]);
            n.put("cumulative_sources", cumulative[0]);
        });

        ArrayNode targets = root.putArray("targets");
        for (ReportModel.TargetRow tr : m.targets()) {
            ObjectNode n = targets.addObject();
            n.put("target", tr.target());
            n.put("server", tr.kind());
            n.put("verdict", tr.verdict());
            n.put("code_red", tr.codeRed());
            n.put("code_red_ii", tr.codeRedII());
            n.put("status_400", tr.status400());
            n.put("status_404", tr.status404());
            n.put("status_200", tr.status200());
            n.put("status_other", tr.statusOther());
            n.put("first_seen_utc", Times.iso(tr.firstSeen()));
            n.put("last_seen_utc", Times.iso(tr.lastSeen()));
            n.put("records", tr.records());
            n.put("covered_from_utc", Times.iso(tr.firstRecord()));
            n.put("covered_to_utc", Times.iso(tr.lastRecord()));
            ArrayNode answers = n.putArray("answers");
            for (ReportModel.AnswerRow a : tr.answers()) {
                ObjectNode an = answers.addObject();
                an.put("status", a.status());
                an.put("attempts", a.attempts());
                an.put("first_seen_utc", Times.iso(a.firstSeen()));
                an.put("last_seen_utc", Times.iso(a.lastSeen()));
                an.put("meaning", a.meaning());
            }
            ArrayNode silences = n.putArray("silences");
            for (ReportModel.SilenceRow sr : tr.silences()) {
                ObjectNode sn = silences.addObject();
                sn.put("from_utc", Times.iso(sr.from()));
                sn.put("to_utc", Times.iso(sr.to()));
                sn.put("hours", Math.round((sr.to() - sr.from()) / 360.0) / 10.0);
                sn.put("after_code_red_attempt_utc", sr.followsAttempt() ? Times.iso(sr.afterAttempt()) : null);
            }
            if (tr.sameSlash8() >= 0) {
                ObjectNode loc = n.putObject("code_red_ii_locality");
                loc.put("sources", tr.codeRedIISources());
                loc.put("same_slash8", tr.sameSlash8());
                loc.put("same_slash16", tr.sameSlash16());
            }
        }
        ArrayNode side = root.putArray("probable_side_effects");
        for (ReportModel.SideEffectRow r : m.sideEffects().subList(0, Math.min(1000, m.sideEffects().size()))) {
            ObjectNode n = side.addObject();
            n.put("source_ip", r.source());
            n.put("target", r.target());
            n.put("utc", Times.iso(r.epochSecond()));
            n.put("nearest_code_red_utc", Times.iso(r.nearestAttempt()));
            n.put("input", r.input());
            n.put("line", r.line());
            n.put("offset", r.offset());
            n.put("raw", r.raw());
        }
        // Last, after the fields the contract has had from the start: what read the logs, cli or spark.
        root.put("engine", m.engine());
        return root;
    }

    public static void write(ReportModel m, Writer out) throws IOException {
        write(tree(m), out);
    }

    /** A tree as {@code ObjectMapper} with {@code INDENT_OUTPUT} writes it; {@code out} is flushed, not closed. */
    static void write(JsonNode tree, Writer out) throws IOException {
        JsonGenerator g = JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        write(tree, g);
        g.close();
    }

    private static void write(JsonNode n, JsonGenerator g) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    g.writeFieldName(e.getKey());
                    write(e.getValue(), g);
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode item : n) write(item, g);
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.textValue());
            case NUMBER -> {
                switch (n.numberType()) {
                    case INT -> g.writeNumber(n.intValue());
                    case LONG -> g.writeNumber(n.longValue());
                    case DOUBLE -> g.writeNumber(n.doubleValue());
                    default -> throw new IllegalStateException("summary.json holds no " + n.numberType() + " numbers");
                }
            }
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case NULL -> g.writeNull();
            default -> throw new IllegalStateException("summary.json holds no " + n.getNodeType() + " nodes");
        }
    }
}
