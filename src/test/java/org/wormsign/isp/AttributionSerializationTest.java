package org.wormsign.isp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attribution a Spark job's driver broadcasts to its executors: serialized and read back, its tables (static
 * prefixes of both families, nested; leases held one after another, their holdings outside the heap) answer every
 * lookup as the loaded ones do, and the customer data itself (names, files, problems) stays with the driver.
 */
class AttributionSerializationTest {
    @TempDir Path tmp;

    @Test
    void aCopyAnswersAsTheOriginal() throws Exception {
        Random r = new Random(2101);
        StringBuilder prefixes = new StringBuilder("prefix,customer\n");
        for (int pool = 0; pool < 20; pool++) {
            prefixes.append("10.").append(pool).append(".0.0/16,pool-").append(pool).append('\n');
            for (int b = 0; b < 50; b++) {
                int bits = 24 + r.nextInt(7);
                int host = r.nextInt(1 << 16) & ~((1 << (32 - bits)) - 1);
                prefixes.append("10.").append(pool).append('.').append(host >>> 8).append('.').append(host & 255).append('/').append(bits)
                        .append(",business-").append(pool).append('-').append(b).append('\n');
            }
            prefixes.append("2001:db8:").append(Integer.toHexString(pool)).append("::/48,v6-").append(pool).append('\n');
        }
        StringBuilder leases = new StringBuilder("address,start_utc,end_utc,customer\n");
        long day = Load.utc("2001-07-19T00:00:00Z");
        java.util.List<String> leased = new java.util.ArrayList<>();
        for (int a = 0; a < 600; a++) {
            String address = "10." + r.nextInt(20) + "." + r.nextInt(256) + "." + r.nextInt(256);
            leased.add(address);
            long t = day;
            for (int k = 0; k < 4; k++) {
                long end = t + 3600 + r.nextInt(20 * 3600);
                leases.append(address).append(',').append(java.time.Instant.ofEpochSecond(t)).append(',')
                        .append(java.time.Instant.ofEpochSecond(end)).append(",client-").append(r.nextInt(2000)).append('\n');
                t = end + r.nextInt(3600);
            }
        }
        Attribution loaded = new Attribution(Load.load(Load.write(tmp, "customers.csv", prefixes.toString()),
                Load.write(tmp, "leases.csv", leases.toString())));
        assertTrue(loaded.data().leases().holdingCount() > 1024, "more holdings than the first off-heap chunk holds");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(loaded);
        }
        Attribution copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Attribution) in.readObject();
        }
        assertNull(copy.data(), "the customer data stays with the driver");

        int byLease = 0, byPrefix = 0;
        long[] key = new long[2];
        for (int i = 0; i < 50_000; i++) {
            // Leased addresses half the time: random ones would seldom be.
            String address = r.nextBoolean() ? leased.get(r.nextInt(leased.size())) : r.nextInt(5) == 0 ? "2001:db8:" + Integer.toHexString(r.nextInt(24)) + "::" + Integer.toHexString(r.nextInt(65536))
                    : "10." + r.nextInt(22) + "." + r.nextInt(256) + "." + r.nextInt(256);
            assertTrue(Attribution.key(address, key), address);
            long t = day + r.nextInt(5 * 24 * 3600);
            boolean hasTime = r.nextInt(10) > 0;
            int expected = loaded.customerOf(key[0], key[1], t, hasTime);
            assertEquals(expected, copy.customerOf(key[0], key[1], t, hasTime), address + " at " + t);
            if (loaded.byLease(key[0], key[1], t) >= 0) byLease++;
            else if (expected >= 0) byPrefix++;
        }
        assertTrue(byLease > 100 && byPrefix > 1000, byLease + " by lease, " + byPrefix + " by prefix: the probes reach both tables");
    }
}
