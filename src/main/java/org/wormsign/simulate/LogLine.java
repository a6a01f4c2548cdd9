package org.wormsign.simulate;

/** One line to write: when, who, what, and the answer. One instance is reused for every line of a file. */
final class LogLine {
    long second;
    int client;
    Request request;
    int status;
    /** Body bytes sent, or -1 for none (Apache logs {@code -}, nginx {@code 0}). */
    long bytes;
    /** null: no Referer ({@code -}). */
    byte[] referer;
    /** null: no User-Agent ({@code -}). */
    Agent agent;
    /** Milliseconds (IIS native's time-taken). */
    int timeTaken;

    /** A User-Agent as sent, and as IIS W3C logs it (spaces become {@code +}). */
    record Agent(byte[] raw, byte[] w3c) {
        static Agent of(String s) {
            return new Agent(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    s.replace(' ', '+').getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }
}
