package org.wormsign.detect;

/** What one request was, as far as the Code Red family goes. Closed: every record gets exactly one. */
public enum Verdict {
    /** Code Red I (v1 or v2: their requests are byte-identical): {@code /default.ida?} + 224 N + tail. */
    CODE_RED("code-red", Variant.CODE_RED, false),
    /** Code Red I cut before its tail: at least {@link Classifier#MIN_RUN} N, then nothing or something else. */
    CODE_RED_TRUNCATED("code-red-truncated", Variant.CODE_RED, true),
    /** Code Red II (and its later renamings): the same request with 224 X. */
    CODE_RED_II("code-red-ii", Variant.CODE_RED_II, false),
    CODE_RED_II_TRUNCATED("code-red-ii-truncated", Variant.CODE_RED_II, true),
    /** A {@code .ida}/{@code .idq} request that is not Code Red: an Index Server probe or a scanner. */
    OTHER_IDA("other-ida", null, false),
    /** Nimda and the probes that use Code Red II's backdoor: root.exe, cmd.exe, directory traversal, Admin.dll. */
    NIMDA("nimda", null, false),
    CLEAN("clean", null, false);

    /** Which worm sent an attempt. */
    public enum Variant { CODE_RED, CODE_RED_II }

    private final String code;
    private final Variant variant;
    private final boolean truncated;

    Verdict(String code, Variant variant, boolean truncated) {
        this.code = code;
        this.variant = variant;
        this.truncated = truncated;
    }

    /** The name used in the outputs ({@code evidence.csv} {@code kind}). */
    public String code() { return code; }
    /** The worm, for a Code Red attempt; null otherwise. */
    public Variant variant() { return variant; }
    public boolean isAttempt() { return variant != null; }
    public boolean truncated() { return truncated; }
}
