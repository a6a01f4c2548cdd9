package org.wormsign.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finding a byte in a line eight bytes at a time (SWAR): in {@code x = word ^ pattern} a byte is zero
 * where the byte sought is, and the lowest flagged byte of {@code (x - 0x01…) & ~x & 0x80…} is exactly the
 * first zero byte (a borrow only runs upwards, so flags above it may be false, the lowest never is). A
 * byte at a time, splitting W3C columns was most of a W3C line's parse.
 *
 * <p>{@code LineReader.indexOfLf} and {@code LinePlan}'s literal search keep loops of their own on purpose:
 * routed through this class, the line-end search shared its profile with the short column searches and the
 * Apache scan took about 1.2 CPU s more on 3.25 GB (alternated five times against the separate loops).
 */
public final class ByteSearch {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteSearch() {}

    /** The first {@code c} in {@code [from, to)}, or {@code to} if there is none. */
    public static int next(byte[] b, int from, int to, byte c) {
        long pattern = (c & 0xFFL) * ONES;
        int p = from;
        for (; p + 8 <= to; p += 8) {
            long x = (long) LONGS.get(b, p) ^ pattern;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) return p + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        for (; p < to; p++) if (b[p] == c) return p;
        return to;
    }

    /** The first {@code c} or {@code d} in {@code [from, to)}, or {@code to}: each flag's lowest is exact, so theirs is. */
    public static int nextOfTwo(byte[] b, int from, int to, byte c, byte d) {
        long pc = (c & 0xFFL) * ONES, pd = (d & 0xFFL) * ONES;
        int p = from;
        for (; p + 8 <= to; p += 8) {
            long w = (long) LONGS.get(b, p);
            long x = w ^ pc, y = w ^ pd;
            long found = ((x - ONES) & ~x | (y - ONES) & ~y) & HIGHS;
            if (found != 0) return p + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        for (; p < to; p++) if (b[p] == c || b[p] == d) return p;
        return to;
    }
}
