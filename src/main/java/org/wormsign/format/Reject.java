package org.wormsign.format;

/**
 * Why a line that should have been a log record could not be read. The codes are part of the output
 * contract ({@code rejects.csv}, {@code summary.json}).
 */
public enum Reject {
    LINE_TOO_LONG("line-too-long", "longer than the line limit"),
    BINARY("binary", "holds NUL or mostly non-text bytes"),
    TRUNCATED("truncated", "ends before the format's last field"),
    BAD_TIMESTAMP("bad-timestamp", "timestamp unreadable"),
    BAD_ADDRESS("bad-address", "client address empty or not an address or host name"),
    BAD_STATUS("bad-status", "status not a 3-digit number"),
    NO_MATCH("no-match", "does not follow the log format");

    private final String code;
    private final String meaning;

    Reject(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public String code() { return code; }
    public String meaning() { return meaning; }

    private static final Reject[] VALUES = values();

    public static Reject ofOrdinal(int ordinal) { return VALUES[ordinal]; }
}
