package org.wormsign.testing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Returns at most one byte per read, so every line and header is split across reads (jackson's throttled input). */
public final class OneByteInputStream extends FilterInputStream {
    public OneByteInputStream(InputStream in) {
        super(in);
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : in.read(b, off, 1);
    }

    @Override public int available() {
        return 0;
    }
}
