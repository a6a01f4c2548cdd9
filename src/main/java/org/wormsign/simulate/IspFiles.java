package org.wormsign.simulate;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code --isp} writes beside the logs: {@code customers.csv} (static assignments),
 * {@code truth-customers.csv} (the attempts of each customer), {@code truth-handovers.csv} (the addresses
 * that changed hands mid-day, and each side's attempts that day), and the dynamic holdings in
 * {@code leases/}: each of {@code dhcpd/}, {@code kea/}, {@code radius/} and {@code plain/} holds all of
 * them in one format; {@code mixed/} holds them once, each /16 in one of the four formats, as an ISP with
 * several lease systems has them.
 */
final class IspFiles {
    private IspFiles() {}

    static final String CUSTOMERS = "customers.csv", TRUTH = "truth-customers.csv", HANDOVERS = "truth-handovers.csv", LEASES = "leases";
    static final String PLAIN = "leases.csv";
    static final List<String> FOLDERS = List.of("dhcpd", "kea", "radius", "plain", "mixed");
    /** What this class writes into a lease folder (and deletes from it before writing again). */
    private static final Pattern OURS = Pattern.compile("dhcpd\\.leases~?|kea-leases4\\.csv|detail-\\d{8}|leases\\.csv");

    static Simulation.IspWritten write(Path dir, Isp isp) throws IOException {
        TruthFiles.write(dir.resolve(CUSTOMERS), new String[] {"prefix", "customer", "name", "contact"}, p -> {
            for (Isp.Assignment a : isp.assignments) p.printRecord(a.prefix(), a.customer(), a.name(), a.contact());
        });
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(isp.truth().entrySet());
        rows.removeIf(e -> e.getKey().equals(Isp.UNATTRIBUTED));
        rows.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -(e.getValue()[0] + e.getValue()[1])).thenComparing(Map.Entry::getKey));
        long[] none = isp.truth().getOrDefault(Isp.UNATTRIBUTED, new long[2]);
        long attributed = rows.stream().mapToLong(e -> e.getValue()[0] + e.getValue()[1]).sum();
        TruthFiles.write(dir.resolve(TRUTH), new String[] {"customer", "code_red_attempts", "code_red_ii_attempts"}, p -> {
            for (Map.Entry<String, long[]> e : rows) p.printRecord(e.getKey(), e.getValue()[0], e.getValue()[1]);
            p.printRecord(Isp.UNATTRIBUTED, none[0], none[1]);
        });
        TruthFiles.write(dir.resolve(HANDOVERS), new String[] {"address", "handover_utc", "customer_before", "customer_after",
            "attempts_before", "attempts_after"}, p -> {
                for (int i = 0; i < isp.handovers.size(); i++) {
                    Isp.Handover h = isp.handovers.get(i);
                    long[] n = isp.handoverAttempts(i);
                    p.printRecord(LineBuffer.dotted(h.address()), Instant.ofEpochSecond(h.second()), isp.customerOf(h.before()),
                            isp.customerOf(h.after()), n[0], n[1]);
                }
            });

        List<Isp.Holding> all = isp.holdings();
        Map<Integer, Integer> subnets = new HashMap<>();
        List<Integer> networks = new ArrayList<>(isp.networks());
        for (int i = 0; i < networks.size(); i++) subnets.put(networks.get(i), i + 1);
        Path leases = dir.resolve(LEASES);
        // dhcpd rewrote its file in the middle of the days written: the older periods are in dhcpd.leases~.
        long cut = isp.from + (isp.to - isp.from) / 2 / Utc.DAY * Utc.DAY;
        writeAll(folder(leases, "dhcpd"), isp, all, 0, subnets, cut);
        writeAll(folder(leases, "kea"), isp, all, 1, subnets, cut);
        writeAll(folder(leases, "radius"), isp, all, 2, subnets, cut);
        writeAll(folder(leases, "plain"), isp, all, 3, subnets, cut);
        Path mixed = folder(leases, "mixed");
        for (int f = 0; f < 4; f++) {
            int format = f;
            List<Isp.Holding> part = all.stream().filter(x -> subnets.get(x.address() >>> 16) % 4 == format).toList();
            writeAll(mixed, isp, part, format, subnets, cut);
        }
        return new Simulation.IspWritten(rows.size(), isp.assignments.size(), all.size(), isp.handovers.size(), attributed, none[0] + none[1]);
    }

    private static void writeAll(Path folder, Isp isp, List<Isp.Holding> holdings, int format, Map<Integer, Integer> subnets, long cut) throws IOException {
        switch (format) {
            case 0 -> DhcpdLeases.write(folder, isp, holdings, isp.networks(), cut);
            case 1 -> KeaLeases.write(folder, isp, holdings, subnets);
            case 2 -> RadiusDetail.write(folder, isp, holdings);
            default -> TruthFiles.write(folder.resolve(PLAIN), new String[] {"address", "start_utc", "end_utc", "customer"}, p -> {
                for (Isp.Holding x : holdings) {
                    p.printRecord(LineBuffer.dotted(x.address()), Instant.ofEpochSecond(x.start()), Instant.ofEpochSecond(x.end()), isp.customerOf(x.host()));
                }
            });
        }
    }

    /** A lease folder, emptied of what an earlier run wrote into it. */
    private static Path folder(Path leases, String name) throws IOException {
        Path f = leases.resolve(name);
        Files.createDirectories(f);
        clear(f);
        return f;
    }

    /**
     * A run without {@code --isp}: the ISP's files of an earlier run are removed, so that they are not taken
     * for this run's (and the lease folders, if nothing else is in them).
     */
    static void remove(Path dir) throws IOException {
        for (String f : List.of(CUSTOMERS, TRUTH, HANDOVERS)) Files.deleteIfExists(dir.resolve(f));
        Path leases = dir.resolve(LEASES);
        if (!Files.isDirectory(leases)) return;
        for (String name : FOLDERS) {
            Path f = leases.resolve(name);
            if (!Files.isDirectory(f)) continue;
            clear(f);
            deleteIfEmpty(f);
        }
        deleteIfEmpty(leases);
    }

    private static void clear(Path folder) throws IOException {
        List<Path> old = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) if (Files.isRegularFile(p) && OURS.matcher(p.getFileName().toString()).matches()) old.add(p);
        }
        for (Path p : old) Files.delete(p);
    }

    private static void deleteIfEmpty(Path folder) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            if (ds.iterator().hasNext()) return;
        }
        Files.delete(folder);
    }
}
