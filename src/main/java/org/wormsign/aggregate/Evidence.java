package org.wormsign.aggregate;

import java.util.Comparator;

/**
 * One log line kept as proof: where it is ({@code input}, 1-based {@code line}, byte {@code offset} in the
 * decompressed input) and what it says. {@code raw} is the line as logged, made printable by {@link RawText}.
 */
public record Evidence(String source, long epochSecond, String kind, int status, int inputIndex, String input,
                       long line, long offset, String raw, boolean unusual) {

    /** Time first, then input order and line: the order a responder reads a case in. */
    public static final Comparator<Evidence> ORDER = Comparator.comparingLong(Evidence::epochSecond)
            .thenComparingInt(Evidence::inputIndex)
            .thenComparingLong(Evidence::line);
}
