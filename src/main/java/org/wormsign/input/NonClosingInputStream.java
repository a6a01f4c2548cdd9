package org.wormsign.input;

import java.io.FilterInputStream;
import java.io.InputStream;

/** Standard input belongs to the process; analyzing it must not close it. */
public final class NonClosingInputStream extends FilterInputStream {
    public NonClosingInputStream(InputStream in) { super(in); }

    @Override public void close() { /* the process owns System.in */ }
}
