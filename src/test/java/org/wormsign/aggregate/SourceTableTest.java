package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The source table against HashMap, including keys whose hashes collide and growth past many sizes. */
class SourceTableTest {
    /** Sources from a small space, so they repeat; "Aa" and "BB" have the same String hash, and so do their concatenations. */
    private static String source(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> "10." + r.nextInt(40) + "." + r.nextInt(256) + "." + r.nextInt(256);
            case 1 -> (r.nextBoolean() ? "Aa" : "BB") + (r.nextBoolean() ? "Aa" : "BB") + (r.nextBoolean() ? "Aa" : "BB");
            default -> "2001:db8::" + Integer.toHexString(r.nextInt(5000));
        };
    }

    @Test
    void behavesAsAHashMap() {
        SplittableRandom r = new SplittableRandom(3);
        SourceTable table = new SourceTable();
        Map<String, SourceSummary> model = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            String s = source(r);
            if (r.nextInt(4) == 0) {
                SourceSummary fresh = new SourceSummary(s);
                assertSame(model.put(s, fresh), table.put(s, fresh));
            } else {
                assertSame(model.computeIfAbsent(s, SourceSummary::new), table.computeIfAbsent(s, x -> model.get(x)));
            }
            if (i % 1000 == 0) {
                String probe = source(r);
                assertSame(model.get(probe), table.get(probe));
                assertEquals(model.containsKey(probe), table.containsKey(probe));
            }
        }
        assertEquals(model.size(), table.size());
        assertEquals(model.keySet(), table.keySet());
        assertEquals(model, table);
        Set<SourceSummary> values = new HashSet<>(table.values());
        assertEquals(model.size(), values.size());
        assertTrue(values.containsAll(model.values()));
        Map<String, SourceSummary> visited = new HashMap<>();
        table.forEach(visited::put);
        assertEquals(model, visited);
        assertFalse(table.containsKey(null));
    }

    @Test
    void refusesASummaryUnderAnotherSource() {
        SourceTable table = new SourceTable();
        assertThrows(IllegalArgumentException.class, () -> table.put("10.0.0.1", new SourceSummary("10.0.0.2")));
    }
}
