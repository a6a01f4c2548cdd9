package org.wormsign.format;

/**
 * Why a line that should have been a log record could not be read. The codes are part of the output
 * contract ({@code rejects.csv}, {@code summary.json}).
 */
public enum Reject {
    LINE_TOO_LONG("line-too-long", "longer than the line limit"),
    FIELD_TOO_LONG("field-too-long", "a field longer than its limit (a server name over " + Addresses.MAX_TARGET_BYTES + " bytes)"),
    BINARY("binary", "holds NUL or mostly non-text bytes"),
    TRUNCATED("truncated", "ends before the format's last field"),
    BAD_TIMESTAMP("bad-timestamp", "timestamp unreadable"),
    BAD_ADDRESS("bad-address", "client address empty or not an address or host name"),
    BAD_STATUS("bad-status", "status not a 3-digit number"),
    NO_MATCH("no-match", "does not follow the log format"),
    UNTERMINATED_QUOTE("unterminated-quote", "a quoted field has no closing quote (W3C)");

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

    /** Why a line that does not follow the format was not read: {@link #BINARY} if it is not text, else {@link #NO_MATCH}. */
    public static Reject foreign(byte[] b, int start, int end) {
        return looksBinary(b, start, end) ? BINARY : NO_MATCH;
    }

    /** A NUL, or more than a quarter control bytes (tab aside): not text that was cut or mangled, but not text at all. */
    public static boolean looksBinary(byte[] b, int start, int end) {
        int control = 0;
        for (int p = start; p < end; p++) {
            int c = b[p] & 0xff;
            if (c == 0) return true;
            if (c < 0x20 && c != '\t') control++;
        }
        return control * 4 > end - start;
    }
}
