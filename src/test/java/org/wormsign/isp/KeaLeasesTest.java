package org.wormsign.isp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kea's memfile as Kea writes it (the header of Kea 2.x's kea-leases4.csv; rows appended per lease update). */
class KeaLeasesTest {
    @TempDir Path dir;

    // 2001-07-19T00:00:00Z = 995500800
    static final String FILE = """
            address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id
            192.0.2.20,00:0C:29:3E:5A:01,01:00:0c:29:3e:5a:01,3600,995504400,1,0,0,host-a,0,,0
            192.0.2.20,00:0c:29:3e:5a:01,01:00:0c:29:3e:5a:01,3600,995506200,1,0,0,host-a,0,,0
            192.0.2.20,00:0c:29:3e:5a:01,01:00:0c:29:3e:5a:01,0,995505000,1,0,0,host-a,0,,0
            192.0.2.20,00:0c:29:3e:5a:02,,3600,995509800,1,0,0,host-b,0,"{ ""ISC"": { ""relay-agent-info"": { ""sub-options"": ""0x0104AABBCCDD"" } } }",0
            192.0.2.21,,,3600,995504400,1,0,0,,1,,0
            """;

    @Test void everyRowIsAPeriodAndAZeroLifetimeEndsIt() throws Exception {
        CustomerData d = Load.load(Load.write(dir, "kea-leases4.csv", FILE));
        assertEquals("kea", d.files().get(0).format());
        // [expire - valid_lifetime, expire): the first two rows are a lease and its renewal, 00:00 to 01:30 ...
        assertEquals("00:0c:29:3e:5a:01", Load.leaseAt(d, "192.0.2.20", "2001-07-19T00:00:00Z"));
        assertEquals("00:0c:29:3e:5a:01", Load.leaseAt(d, "192.0.2.20", "2001-07-19T01:09:59Z"));
        // ... but released at 01:10:00 (valid_lifetime 0): nobody until the next client's lease from 01:30.
        assertNull(Load.leaseAt(d, "192.0.2.20", "2001-07-19T01:10:00Z"));
        assertNull(Load.leaseAt(d, "192.0.2.20", "2001-07-19T01:29:59Z"));
        assertEquals("00:0c:29:3e:5a:02", Load.leaseAt(d, "192.0.2.20", "2001-07-19T01:30:00Z"));
        assertNull(Load.leaseAt(d, "192.0.2.20", "2001-07-19T02:30:00Z"));
        // The declined row (state 1) names no client.
        assertNull(Load.leaseAt(d, "192.0.2.21", "2001-07-19T00:30:00Z"));
        assertEquals(1, d.withoutClient());
        assertEquals(0, d.problems().rejected());
    }

    @Test void theClientIdCanNameTheCustomer() throws Exception {
        CustomerData d = Load.load(Map.of(CustomerFormat.KEA, "client_id"), Load.write(dir, "kea-leases4.csv", FILE));
        assertEquals("01:00:0c:29:3e:5a:01", Load.leaseAt(d, "192.0.2.20", "2001-07-19T00:10:00Z"));
        // Host b's row gives no client_id: not a holding under that choice.
        assertNull(Load.leaseAt(d, "192.0.2.20", "2001-07-19T02:00:00Z"));
    }

    @Test void malformedRowsAreCountedRejects() throws Exception {
        CustomerData d = Load.load(Load.write(dir, "kea-leases4.csv", """
                address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id
                192.0.2.300,00:0c:29:3e:5a:01,,3600,995504400,1,0,0,,0,,0
                192.0.2.22,00:0c:29:3e:5a:01,,soon,995504400,1,0,0,,0,,0
                192.0.2.22,00:0c:29:3e:5a:01,,3600
                192.0.2.22,00:0c:29:3e:5a:01,,3600,1800,1,0,0,,0,,0
                192.0.2.23,00:0c:29:3e:5a:03,,3600,995504400,1,0,0,,0,,0
                """));
        assertEquals(List.of("bad-address", "bad-time", "wrong-column-count", "ends-before-start"), Load.reasons(d));
        assertEquals(List.of(2L, 3L, 4L, 5L), d.problems().samples().stream().map(ReadProblems.Reject::line).toList());
        assertEquals("00:0c:29:3e:5a:03", Load.leaseAt(d, "192.0.2.23", "2001-07-19T00:00:00Z"));
    }
}
