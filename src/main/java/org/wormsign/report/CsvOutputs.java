package org.wormsign.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.ExecutorService;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.wormsign.aggregate.Evidence;
import org.wormsign.aggregate.EvidenceText;
import org.wormsign.aggregate.OrderedEvidenceText;
import org.wormsign.aggregate.SourceSummary;
import org.wormsign.aggregate.RejectSample;

/** {@code hosts.csv}, {@code evidence.csv} and {@code rejects.csv}: their columns are the output contract. */
public final class CsvOutputs {
    private CsvOutputs() {}

    public static final String[] HOSTS_HEADER = {"source_ip", "code_red_attempts", "code_red_ii_attempts",
        "first_seen_utc", "last_seen_utc", "status_400", "status_404", "status_200", "status_other",
        "propagation_phase_attempts", "flood_phase_attempts", "dormant_phase_attempts", "off_schedule_attempts",
        "servers", "truncated_attempts", "server_names"};
    public static final String[] EVIDENCE_HEADER = {"source_ip", "utc", "kind", "status", "input", "line", "offset", "raw"};
    public static final String[] REJECTS_HEADER = {"input", "line", "offset", "reason", "raw"};

    private static CSVFormat format(String[] header) {
        return CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator('\n').get();
    }

    public static void writeHosts(ReportModel m, Writer out) throws IOException {
        writeHosts(m, out, null, 1);
    }

    /** hosts.csv; its rows are formatted on {@code pool} (null: on this thread), in the same order and bytes. */
    public static void writeHosts(ReportModel m, Writer out, ExecutorService pool, int parallelism) throws IOException {
        writeHosts(m, out, pool, parallelism, null);
    }

    /**
     * hosts.csv, with a last column {@code customers} when {@code customersOf} is given (ISP mode): the customers
     * a source's attempts were attributed to, space-separated, {@code (unattributed)} among them for the rest.
     */
    public static void writeHosts(ReportModel m, Writer out, ExecutorService pool, int parallelism,
                                  java.util.function.Function<String, String> customersOf) throws IOException {
        String[] header = HOSTS_HEADER;
        if (customersOf != null) {
            header = java.util.Arrays.copyOf(HOSTS_HEADER, HOSTS_HEADER.length + 1);
            header[HOSTS_HEADER.length] = "customers";
        }
        // A row is about 130 characters with one target.
        BlockedRows.write(out, header, m.hosts(), BlockedRows.BLOCK, 160, (p, first, rows) -> {
            for (ReportModel.HostRow h : rows) {
                p.safeCell(h.source())
                        .cell(h.codeRed())
                        .cell(h.codeRedII())
                        .cell(Times.iso(h.firstSeen()))
                        .cell(Times.iso(h.lastSeen()))
                        .cell(h.status400())
                        .cell(h.status404())
                        .cell(h.status200())
                        .cell(h.statusOther())
                        .cell(h.propagation())
                        .cell(h.flood())
                        .cell(h.dormant())
                        .cell(h.offSchedule())
                        .cell(h.serverCount())
                        .cell(h.truncated())
                        .safeCell(String.join(" ", h.servers()));
                if (customersOf != null) p.safeCell(customersOf.apply(h.source()));
                p.endRow();
            }
        }, pool, parallelism);
    }

    public static void writeEvidence(ReportModel m, Writer out) throws IOException {
        writeEvidence(m, out, null, 1);
    }

    /**
     * evidence.csv; like {@link #writeHosts(ReportModel, Writer, ExecutorService, int)}. Lines not kept in
     * memory (left in their files, or in the spill) are read first, in one forward pass per file
     * ({@link OrderedEvidenceText}). After the sources' lines
     * come the Code Red requests salvaged from rejected lines ({@link ReportModel#salvaged}), in input and
     * line order: kind {@code code-red-unparsed} or {@code code-red-ii-unparsed}, status {@code -}, and an
     * empty {@code source_ip} or {@code utc} where the line showed none.
     */
    public static void writeEvidence(ReportModel m, Writer out, ExecutorService pool, int parallelism) throws IOException {
        // Blocks of sources, not of lines: the lines are made from each source's summary as they are written.
        // On an ISP's scale a source has a line or two of evidence, and a Code Red line makes a row of about 600 characters.
        List<ReportModel.HostRow> hosts = m.hosts();
        List<SourceSummary> summaries = new java.util.AbstractList<>() {
            @Override public SourceSummary get(int i) { return hosts.get(i).summary(); }
            @Override public int size() { return hosts.size(); }
        };
        // A state's sources are read back with their text (StoredHosts): looking through them for lines to gather
        // would decode millions of them twice for nothing.
        try (OrderedEvidenceText notInMemory = hosts instanceof StoredHosts ? OrderedEvidenceText.none(hosts.size(), BlockedRows.EVIDENCE_BLOCK)
                : OrderedEvidenceText.gather(summaries, m.evidenceText(), pool, pool == null ? 1 : parallelism, BlockedRows.EVIDENCE_BLOCK)) {
            BlockedRows.write(out, EVIDENCE_HEADER, hosts, BlockedRows.EVIDENCE_BLOCK, 1024, (p, first, block) -> {
                int rank = notInMemory.firstRank(first);
                CsvRowBytes.LastCell source = new CsvRowBytes.LastCell(), input = new CsvRowBytes.LastCell();
                try (EvidenceText.Reader lines = m.evidenceText().reader()) {
                    for (ReportModel.HostRow h : block) {
                        for (Evidence e : h.evidence()) {
                            p.safeCell(e.source(), source);
                            otherCells(p, e);
                            p.safeCell(e.input(), input)
                                    .cell(e.line())
                                    .cell(e.offset());
                            if (e.raw() != null || !notInMemory.take(rank++, p::safeCell)) p.safeCell(lines.text(e));
                            p.endRow();
                        }
                    }
                }
            }, pool, parallelism);
        }
        CsvRowBytes salvaged = new CsvRowBytes(1024);
        for (Evidence e : m.salvaged()) {
            evidenceRow(salvaged, e, e.raw());
            if (salvaged.size() >= 1 << 16) {
                BlockedRows.writeTo(out, salvaged);
                salvaged.reset();
            }
        }
        BlockedRows.writeTo(out, salvaged);
    }

    /** One row of evidence.csv; a time that could not be read is an empty cell ({@link Times#iso}). */
    private static void evidenceRow(CsvRowBytes p, Evidence e, String raw) {
        p.safeCell(e.source());
        otherCells(p, e);
        p.safeCell(e.input())
                .cell(e.line())
                .cell(e.offset())
                .safeCell(raw)
                .endRow();
    }

    /** The cells of an evidence row between its source and its input. */
    private static void otherCells(CsvRowBytes p, Evidence e) {
        p.cell(Times.iso(e.epochSecond()))
                .cell(e.kind());
        if (e.status() < 0) p.cell("-");
        else p.cell(e.status());
    }

    public static void writeRejects(ReportModel m, Writer out) throws IOException {
        try (CSVPrinter p = new CSVPrinter(out, format(REJECTS_HEADER))) {
            for (RejectSample r : m.rejectSamples()) {
                p.printRecord(CsvCells.safe(r.input()), r.line(), r.offset(), r.reason().code(), CsvCells.safe(r.raw()));
            }
        }
    }
}
