package org.wormsign.simulate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a perfect analyzer reports: for every address that appears in a written log with a Code Red request,
 * how many Code Red I and Code Red II attempts were written (per address as logged: a host that changed
 * address through DHCP is two rows). Counted from the lines as they are written, so it is exact.
 */
final class Truth {
    record Row(String source, long codeRed, long codeRedII) {
        long attempts() { return codeRed + codeRedII; }
    }

    private final Map<Integer, long[]> counts = new HashMap<>();

    void add(int source, boolean codeRedII, long n) {
        counts.computeIfAbsent(source, k -> new long[2])[codeRedII ? 1 : 0] += n;
    }

    long codeRed() { return counts.values().stream().mapToLong(c -> c[0]).sum(); }

    long codeRedII() { return counts.values().stream().mapToLong(c -> c[1]).sum(); }

    int sources() { return counts.size(); }

    /** The rows as hosts.csv orders them: most attempts first, then by the address as text. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>(counts.size());
        for (Map.Entry<Integer, long[]> e : counts.entrySet()) {
            rows.add(new Row(LineBuffer.dotted(e.getKey()), e.getValue()[0], e.getValue()[1]));
        }
        rows.sort(Comparator.comparingLong(Row::attempts).reversed().thenComparing(Row::source));
        return rows;
    }
}
