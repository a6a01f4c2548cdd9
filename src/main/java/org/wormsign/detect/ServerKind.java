package org.wormsign.detect;

/** What kind of server wrote a log, as far as its format tells: the verdicts on its answers depend on it. */
public enum ServerKind {
    IIS("IIS"), NON_IIS("non-IIS"), UNKNOWN("unknown server");

    private final String label;

    ServerKind(String label) { this.label = label; }

    public String label() { return label; }

    /** IIS writes W3C extended and its native format; Apache and nginx write theirs. */
    public static ServerKind ofFormat(String formatName) {
        if (formatName == null) return UNKNOWN;
        if (formatName.startsWith("iis-")) return IIS;
        if (formatName.startsWith("apache-") || formatName.startsWith("nginx-")) return NON_IIS;
        return UNKNOWN;
    }

    /** A target logged in two kinds of format (rare) is of unknown kind. */
    public ServerKind and(ServerKind o) {
        return this == o ? this : UNKNOWN;
    }
}
