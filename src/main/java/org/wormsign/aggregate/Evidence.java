package org.wormsign.aggregate;

import java.util.Comparator;

/**
 * One log line kept as proof: where it is ({@code input}, 1-based {@code line}, byte {@code offset} in the
 * decompressed input) and what it says. {@code raw} is the line as logged, made printable by {@link RawText}; null when it was left
 * in its file (past the run's {@link TextBudget}), to be read back at {@code offset} when written, or from
 * the run's {@link TextSpill} at {@code spillAt} when that is not negative.
 * {@code inputIndex} orders inputs: the input's place on the command line in the high 32 bits, the member's
 * place in its archive in the low 32 (0 for an input that is not an archive).
 */
public record Evidence(String source, long epochSecond, String kind, int status, long inputIndex, String input,
                       long line, long offset, String raw, boolean unusual, long spillAt) {

    /** Evidence whose text, if not kept, is in its input. */
    public Evidence(String source, long epochSecond, String kind, int status, long inputIndex, String input,
                    long line, long offset, String raw, boolean unusual) {
        this(source, epochSecond, kind, status, inputIndex, input, line, offset, raw, unusual, -1);
    }

    /** Time first, then input order and line: the order a responder reads a case in. */
    public static final Comparator<Evidence> ORDER = Comparator.comparingLong(Evidence::epochSecond)
            .thenComparingLong(Evidence::inputIndex)
            .thenComparingLong(Evidence::line);
}
