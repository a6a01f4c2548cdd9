package org.wormsign.input;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Counts and hashes (SHA-256) the bytes of an input as stored, as they stream past, so a report can cite
 * exactly which file it read without a second pass.
 */
public final class CountingDigestInputStream extends WatchingInputStream {
    private final MessageDigest sha256;
    private final java.util.function.LongConsumer progress;
    private long count;

    public CountingDigestInputStream(InputStream in) {
        this(in, n -> { });
    }

    /** @param progress told the number of bytes of each read, as they pass */
    public CountingDigestInputStream(InputStream in, java.util.function.LongConsumer progress) {
        super(in);
        this.progress = progress;
        sha256 = FileDigest.newSha256();
    }

    @Override public int read() throws IOException {
        int b = in.read();
        if (b >= 0) { sha256.update((byte) b); count++; progress.accept(1); }
        return b;
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) { sha256.update(b, off, n); count += n; progress.accept(n); }
        return n;
    }

    public long count() { return count; }

    /** Reads what is left so the digest covers the whole input, then returns it as hex. */
    public String finishSha256() throws IOException {
        byte[] tmp = new byte[1 << 16];
        while (read(tmp, 0, tmp.length) >= 0) { /* drain */ }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
