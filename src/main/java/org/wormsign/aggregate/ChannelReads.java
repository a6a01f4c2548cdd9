package org.wormsign.aggregate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Large reads into heap buffers, a piece at a time. A {@code FileChannel} reads into a heap buffer through a
 * direct buffer as large as the read, which the JDK then keeps for the thread: megabyte reads of evidence text
 * left a few megabytes of direct memory behind on each output thread, outside the heap (bench/RESULTS.md, run 20).
 */
final class ChannelReads {
    private ChannelReads() {}

    /** The most one read asks for. */
    static final int PIECE = 64 * 1024;

    /** Reads into {@code into} from {@code position} until it is full or the file ends; returns whether it ended first. */
    static boolean fill(FileChannel ch, ByteBuffer into, long position) throws IOException {
        int limit = into.limit();
        try {
            while (into.position() < limit) {
                into.limit(Math.min(limit, into.position() + PIECE));
                if (ch.read(into, position + into.position()) < 0) return true;
            }
            return false;
        } finally {
            into.limit(limit);
        }
    }
}
