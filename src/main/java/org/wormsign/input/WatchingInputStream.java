package org.wormsign.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter that must see every byte (to hash, count or check it): {@code skip} reads the bytes through
 * {@link #read(byte[], int, int)} instead of jumping over them, and marks are not supported.
 */
abstract class WatchingInputStream extends FilterInputStream {
    protected WatchingInputStream(InputStream in) {
        super(in);
    }

    @Override public long skip(long n) throws IOException {
        byte[] tmp = new byte[8192];
        long done = 0;
        while (done < n) {
            int r = read(tmp, 0, (int) Math.min(tmp.length, n - done));
            if (r < 0) break;
            done += r;
        }
        return done;
    }

    @Override public boolean markSupported() { return false; }
}
