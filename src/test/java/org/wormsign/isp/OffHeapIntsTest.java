package org.wormsign.isp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OffHeapIntsTest {
    /** Across the first chunk's doublings and into the second chunk, every value reads back, and sets land. */
    @Test void valuesSurviveGrowth() {
        OffHeapInts a = new OffHeapInts();
        int n = (1 << 20) + 3000;
        for (int i = 0; i < n; i++) a.add(i * 31 + 7);
        assertEquals(n, a.size());
        for (int i = 0; i < n; i += 997) assertEquals(i * 31 + 7, a.get(i));
        assertEquals((n - 1) * 31 + 7, a.get(n - 1));
        a.set(1 << 20, -5);
        assertEquals(-5, a.get(1 << 20));
        assertEquals(2L * (1 << 20) * 4, a.bytes());
        OffHeapInts small = new OffHeapInts();
        small.add(1);
        assertEquals(1024 * 4, small.bytes());
    }
}
