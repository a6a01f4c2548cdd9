package org.wormsign.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes the members of a concatenated stream one at a time: gzip members ({@code cat a.gz b.gz},
 * logrotate) and bzip2 streams (pbzip2 writes one per block). The libraries' own "decompress concatenated"
 * mode reads the next member's header inside the same read call that returns the end of the previous one,
 * so a damaged or cut next member throws away the good data of that call (measured: up to one whole read
 * buffer of lines lost). Here a member's data is returned before the next member is looked at.
 */
final class ConcatenatedMembers extends BulkInputStream {
    /** Opens a decoder for one member; it must leave {@code in} just after that member's last byte. */
    @FunctionalInterface
    interface Decoder {
        InputStream open(InputStream in) throws IOException;
    }

    private final BufferedInputStream in;
    private final byte[] magic;
    private final Decoder decoder;
    private final String what;
    private InputStream member;
    private long members;
    private boolean ended;

    /**
     * @param in positioned at the first member's magic bytes; mark/reset lets each decoder hand back what it
     *           read past its member's end (commons-compress's gzip and bzip2 decoders both do)
     * @param what the member's name in messages ("gzip member")
     */
    ConcatenatedMembers(BufferedInputStream in, byte[] magic, Decoder decoder, String what) {
        this.in = in;
        this.magic = magic.clone();
        this.decoder = decoder;
        this.what = what;
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (!ended) {
            if (member == null && !openNext()) {
                ended = true;
                break;
            }
            int n = member.read(b, off, len);
            if (n >= 0) return n;
            member = null; // its decoder checked its trailer (CRC, length) before saying it ended
        }
        return -1;
    }

    private boolean openNext() throws IOException {
        in.mark(magic.length);
        byte[] head = in.readNBytes(magic.length);
        in.reset();
        if (head.length == 0 && members > 0) return false;
        for (int i = 0; i < magic.length; i++) {
            if (i >= head.length || head[i] != magic[i]) {
                throw new DamagedInputException(what + " " + members + " is followed by data that does not start another "
                        + what + " (cut short, or garbage after the end)");
            }
        }
        member = decoder.open(in);
        members++;
        return true;
    }

    @Override public void close() throws IOException {
        in.close();
    }
}
