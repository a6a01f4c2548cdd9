package org.wormsign.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.wormsign.isp.IspFindings;

/**
 * Writes every output of a run into one folder. All five files are first written under temporary names
 * ({@code .NAME.partial}); only when every one is complete are they renamed over the earlier run's, one
 * after the other. A run that is killed or fails while writing leaves the earlier run's five files as they
 * were (each whole, and dated by its summary.json), never a mixture with a half-written one; its leftover
 * {@code .partial} files are removed by the next run. Other files in the folder are left alone.
 */
public final class ReportWriter {
    private ReportWriter() {}

    public static final String REPORT = "report.html";
    public static final String HOSTS = "hosts.csv";
    public static final String EVIDENCE = "evidence.csv";
    public static final String REJECTS = "rejects.csv";
    public static final String SUMMARY = "summary.json";

    @FunctionalInterface
    private interface Body {
        void write(Writer w) throws IOException;
    }

    /** The files a run writes, in the order they are renamed into place: the page last, its links then resolve. */
    public static final List<String> FILES = List.of(HOSTS, EVIDENCE, REJECTS, SUMMARY, REPORT);

    /** The files of a run in ISP mode, in the same order: the ISP's two beside the others, the page still last. */
    public static final List<String> ISP_FILES = List.of(HOSTS, EVIDENCE, REJECTS, IspOutputs.CUSTOMERS, IspOutputs.NETWORKS, SUMMARY, REPORT);

    public static List<Path> writeAll(ReportModel m, Path dir) throws IOException {
        return writeAll(m, dir, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Writes the five files using up to {@code threads} threads: the page is rendered while the CSVs are
     * written, and the rows of the two large CSVs are formatted in blocks side by side. The bytes do not
     * depend on {@code threads}.
     */
    public static List<Path> writeAll(ReportModel m, Path dir, int threads) throws IOException {
        return writeAll(m, dir, threads, null, null);
    }

    /**
     * As {@link #writeAll(ReportModel, Path, int)}; with {@code isp} (ISP mode) also {@code customers.csv} and
     * {@code networks.csv}, hosts.csv's last column {@code customers} and summary.json's {@code customer_data},
     * renamed into place with the rest, and the folder {@code notices/} (written as {@code .notices.partial/},
     * then put in the place of the earlier run's).
     */
    public static List<Path> writeAll(ReportModel m, Path dir, int threads, IspFindings isp, Notices.Settings notices) throws IOException {
        Files.createDirectories(dir);
        List<String> files = isp == null ? FILES : ISP_FILES;
        int workers = Math.max(1, threads);
        ExecutorService pool = workers == 1 ? null : Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "wormsign-output");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<String> page = pool == null ? null
                    : pool.submit(() -> HtmlReport.render(m, pageLinks(isp), isp == null ? null : IspSection.of(isp)));
            write(dir, HOSTS, w -> CsvOutputs.writeHosts(m, w, pool, workers, isp == null ? null : isp::customersOf));
            write(dir, EVIDENCE, w -> CsvOutputs.writeEvidence(m, w, pool, workers));
            write(dir, REJECTS, w -> CsvOutputs.writeRejects(m, w));
            if (isp != null) {
                var byCustomer = IspOutputs.evidenceByCustomer(m, isp);
                write(dir, IspOutputs.CUSTOMERS, w -> IspOutputs.writeCustomers(isp, byCustomer, w));
                write(dir, IspOutputs.NETWORKS, w -> IspOutputs.writeNetworks(isp, w));
                deleteTree(partial(dir, IspOutputs.NOTICES));
                Notices.write(m, isp, byCustomer, notices, partial(dir, IspOutputs.NOTICES));
                write(dir, SUMMARY, w -> SummaryJson.write(IspSummary.added(SummaryJson.tree(m), isp), w));
            } else {
                write(dir, SUMMARY, w -> SummaryJson.write(m, w));
            }
            String html = page == null ? HtmlReport.render(m, pageLinks(isp), isp == null ? null : IspSection.of(isp)) : BlockedRows.await(page);
            write(dir, REPORT, w -> w.write(html));
        } catch (IOException | RuntimeException e) {
            for (String name : files) Files.deleteIfExists(partial(dir, name));
            if (isp != null) deleteTree(partial(dir, IspOutputs.NOTICES));
            throw e;
        } finally {
            if (pool != null) pool.shutdownNow();
        }
        for (String name : files) {
            try {
                Files.move(partial(dir, name), dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial(dir, name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (isp != null) {
            deleteTree(dir.resolve(IspOutputs.NOTICES));
            Files.move(partial(dir, IspOutputs.NOTICES), dir.resolve(IspOutputs.NOTICES));
        }
        List<Path> written = new java.util.ArrayList<>(List.of(dir.resolve(REPORT), dir.resolve(HOSTS), dir.resolve(EVIDENCE),
                dir.resolve(REJECTS), dir.resolve(SUMMARY)));
        if (isp != null) {
            written.add(dir.resolve(IspOutputs.CUSTOMERS));
            written.add(dir.resolve(IspOutputs.NETWORKS));
            written.add(dir.resolve(IspOutputs.NOTICES));
        }
        return written;
    }

    /** The files the page links to. */
    private static List<String> pageLinks(IspFindings isp) {
        return isp == null ? List.of(HOSTS, EVIDENCE, REJECTS, SUMMARY)
                : List.of(HOSTS, EVIDENCE, REJECTS, SUMMARY, IspOutputs.CUSTOMERS, IspOutputs.NETWORKS);
    }

    /** A folder this writer made and everything in it, if there; links in it are removed, not followed. */
    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        if (!Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(folder);
            return;
        }
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** Where a file is written before it is complete. */
    public static Path partial(Path dir, String name) {
        return dir.resolve("." + name + ".partial");
    }

    private static void write(Path dir, String name, Body body) throws IOException {
        // A leftover of a killed run (or a link someone put there) is removed, not written through.
        Path tmp = partial(dir, name);
        Files.deleteIfExists(tmp);
        try (Writer w = new Utf8Writer(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
            body.write(w);
        }
    }
}
