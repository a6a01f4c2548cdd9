package org.wormsign.input;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that reads in blocks only: its single-byte {@link #read()} is a block read of one byte (waiting past
 * reads that return 0, which a block read may when it crosses a member or a limit).
 */
public abstract class BulkInputStream extends InputStream {
    @Override public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do n = read(one, 0, 1); while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override public abstract int read(byte[] b, int off, int len) throws IOException;
}
