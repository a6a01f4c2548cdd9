package org.wormsign.isp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test helpers: customer data written to files and loaded, and its answers read by text. */
final class Load {
    private Load() {}

    static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    static CustomerData load(Path... files) throws CustomerData.LoadException {
        return load(Map.of(), files);
    }

    static CustomerData load(Map<CustomerFormat, String> fields, Path... files) throws CustomerData.LoadException {
        return CustomerData.load(java.util.Arrays.stream(files).map(Path::toString).toList(), fields, 600);
    }

    static long utc(String iso) {
        return Instant.parse(iso).getEpochSecond();
    }

    /** Who held {@code address} at {@code iso} by lease: a customer's name, or null. */
    static String leaseAt(CustomerData d, String address, String iso) {
        long[] k = new long[2];
        if (!Ip.parse(address, k)) throw new IllegalArgumentException(address);
        int c = d.leases().customerAt(k[0], k[1], utc(iso));
        return c < 0 ? null : d.customers().name(c);
    }

    static String prefixOf(CustomerData d, String address) {
        long[] k = new long[2];
        if (!Ip.parse(address, k)) throw new IllegalArgumentException(address);
        int c = d.prefixes().customerOf(k[0], k[1]);
        return c < 0 ? null : d.customers().name(c);
    }

    static List<String> reasons(CustomerData d) {
        return d.problems().samples().stream().map(ReadProblems.Reject::reason).toList();
    }
}
