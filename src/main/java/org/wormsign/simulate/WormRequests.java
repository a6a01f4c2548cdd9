package org.wormsign.simulate;

/**
 * The worms' requests, written from DOMAIN.md ("The requests") and the real logs it cites, independently of
 * the analyzer's signatures: the simulator is the oracle the analyzer is tested against.
 */
final class WormRequests {
    private WormRequests() {}

    /** The 138 characters after the padding, identical in both variants. */
    static final String TAIL = "%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801"
            + "%u9090%u9090%u8190%u00c3%u0003%u8b00%u531b%u53ff%u0078%u0000%u00=a";

    /** The worm's body (its code) follows the headers: about 3.5 KB that IIS counts as bytes received. */
    private static final int CODE_RED_BODY = 3_379;

    /** Code Red I (v1 and v2 send the same bytes): 224 N, the tail, two spaces, HTTP/1.0. */
    static final Request CODE_RED = Request.worm("/default.ida", "N".repeat(224) + TAIL, "  ", CODE_RED_BODY);
    /** Code Red II: the same with 224 X. */
    static final Request CODE_RED_II = Request.worm("/default.ida", "X".repeat(224) + TAIL, "  ", CODE_RED_BODY);

    /** Nimda's 16 probes, in the order it sends them (a real 2004 Apache log in corpus/real/). */
    static final Request[] NIMDA;
    static {
        String cmd = "/winnt/system32/cmd.exe";
        String[] paths = {
            "/scripts/root.exe",
            "/MSADC/root.exe",
            "/c" + cmd,
            "/d" + cmd,
            "/scripts/..%255c.." + cmd,
            "/_vti_bin/..%255c../..%255c../..%255c.." + cmd,
            "/_mem_bin/..%255c../..%255c../..%255c.." + cmd,
            "/msadc/..%255c../..%255c../..%255c/..%c1%1c../..%c1%1c../..%c1%1c.." + cmd,
            "/scripts/..%c1%1c.." + cmd,
            "/scripts/..%c0%2f.." + cmd,
            "/scripts/..%c0%af.." + cmd,
            "/scripts/..%c1%9c.." + cmd,
            "/scripts/..%%35%63.." + cmd,
            "/scripts/..%%35c.." + cmd,
            "/scripts/..%25%35%63.." + cmd,
            "/scripts/..%252f.." + cmd,
        };
        NIMDA = new Request[paths.length];
        for (int i = 0; i < paths.length; i++) NIMDA[i] = Request.worm(paths[i], "/c+dir", " ", 0);
    }
}
