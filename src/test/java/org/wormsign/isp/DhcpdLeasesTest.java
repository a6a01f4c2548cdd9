package org.wormsign.isp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dhcpd.leases as ISC dhcpd writes it (the layout of dhcpd.leases(5): the header comment, authoring-byte-order,
 * server-duid, lease blocks with weekday-dated UTC times, nested "on" blocks, failover and DHCPv6 declarations),
 * read as a history.
 */
class DhcpdLeasesTest {
    @TempDir Path dir;

    static final String FILE = """
            # The format of this file is documented in the dhcpd.leases(5) manual page.
            # This lease file was written by isc-dhcp-4.4.3-P1

            # authoring-byte-order entry is generated, DO NOT DELETE
            authoring-byte-order little-endian;

            server-duid "\\000\\001\\000\\001)\\314\\201\\023\\010\\000'\\344\\177\\340";

            lease 192.0.2.15 {
              starts 3 2001/07/18 09:00:00;
              ends 3 2001/07/18 21:00:00;
              tstp 3 2001/07/18 21:00:00;
              cltt 3 2001/07/18 09:00:00;
              binding state active;
              next binding state free;
              rewind binding state free;
              hardware ethernet 00:a0:c9:14:c8:29;
              uid "\\001\\000\\240\\311\\024\\310)";
              set vendor-class-identifier = "MSFT 5.0";
              client-hostname "wks14";
              on expiry {
                set ddns-fwd-name = "wks14.example.net";
              }
            }
            lease 192.0.2.15 {
              starts 3 2001/07/18 15:00:00;
              ends 3 2001/07/19 03:00:00;
              cltt 3 2001/07/18 15:00:00;
              binding state active;
              hardware ethernet 0:a0:c9:14:c8:29;
              client-hostname "wks14";
            }
            lease 192.0.2.15 {
              starts 3 2001/07/18 18:30:00;
              ends 3 2001/07/18 18:30:00;
              tstp 3 2001/07/18 18:30:00;
              binding state free;
              hardware ethernet 00:a0:c9:14:c8:29;
            }
            lease 192.0.2.15 {
              starts epoch 995481000; # Wed Jul 18 18:30:00 2001
              ends epoch 995524200; # Thu Jul 19 06:30:00 2001
              binding state active;
              hardware ethernet 00:50:04:aa:bb:cc;
              option agent.circuit-id "dslam-3/port-7";
              option agent.remote-id 0:1:2:3;
            }
            lease 192.0.2.16 {
              starts 3 2001/07/18 09:00:00;
              ends 3 2001/07/18 21:00:00;
              binding state abandoned;
            }
            failover peer "dhcp-failover" state {
              my state normal at 3 2001/07/18 08:00:00;
              partner state normal at 3 2001/07/18 08:00:00;
            }
            ia-na "\\001\\000\\000\\000\\000\\001\\000\\001" {
              cltt 3 2001/07/18 09:00:00;
              iaaddr 2001:db8::15 {
                binding state active;
                preferred-life 375;
                max-life 600;
                ends 3 2001/07/18 09:10:00;
              }
            }
            """;

    @Test void everyBlockIsAPeriodRenewalsJoinAndAFreeBlockEndsTheHolding() throws Exception {
        CustomerData d = Load.load(Load.write(dir, "dhcpd.leases", FILE));
        // The first two blocks are one client's renewals (its MAC written two ways): one holding from 09:00 ...
        assertEquals("00:a0:c9:14:c8:29", Load.leaseAt(d, "192.0.2.15", "2001-07-18T09:00:00Z"));
        assertEquals("00:a0:c9:14:c8:29", Load.leaseAt(d, "192.0.2.15", "2001-07-18T18:29:59Z"));
        // ... until the free block said it ended, at 18:30:00, when the next client's lease starts: half-open.
        assertEquals("00:50:04:aa:bb:cc", Load.leaseAt(d, "192.0.2.15", "2001-07-18T18:30:00Z"));
        assertEquals("00:50:04:aa:bb:cc", Load.leaseAt(d, "192.0.2.15", "2001-07-19T06:29:59Z"));
        assertNull(Load.leaseAt(d, "192.0.2.15", "2001-07-19T06:30:00Z"));
        assertNull(Load.leaseAt(d, "192.0.2.15", "2001-07-18T08:59:59Z"));
        // The abandoned block names no client; the DHCPv6 block is a counted reject, the failover state passed over.
        assertNull(Load.leaseAt(d, "192.0.2.16", "2001-07-18T10:00:00Z"));
        assertEquals(1, d.withoutClient());
        assertEquals(1, d.declarations());
        assertEquals(1, d.problems().rejected());
        assertEquals("dhcpv6-lease-not-read", d.problems().samples().get(0).reason());
        assertEquals(57, d.problems().samples().get(0).line());
        assertEquals(0, d.problems().overlaps());
        assertEquals("dhcpd", d.files().get(0).format());
    }

    @Test void theFieldNamingTheCustomerIsAnOption() throws Exception {
        Path f = Load.write(dir, "dhcpd.leases", FILE);
        CustomerData byCircuit = Load.load(Map.of(CustomerFormat.DHCPD, "agent.circuit-id"), f);
        assertEquals("dslam-3/port-7", Load.leaseAt(byCircuit, "192.0.2.15", "2001-07-18T20:00:00Z"));
        // The first client's blocks name no circuit: not holdings under that choice.
        assertNull(Load.leaseAt(byCircuit, "192.0.2.15", "2001-07-18T10:00:00Z"));
        CustomerData byHost = Load.load(Map.of(CustomerFormat.DHCPD, "client-hostname"), f);
        assertEquals("wks14", Load.leaseAt(byHost, "192.0.2.15", "2001-07-18T10:00:00Z"));
    }

    @Test void archivedCopiesAreReadTogetherAsOneHistory() throws Exception {
        Path old = Load.write(dir, "leases/dhcpd.leases~", """
                lease 198.51.100.7 {
                  starts 1 2001/07/16 00:00:00;
                  ends 1 2001/07/16 12:00:00;
                  binding state active;
                  hardware ethernet 00:00:00:00:00:01;
                }
                """);
        Path now = Load.write(dir, "leases/dhcpd.leases", """
                lease 198.51.100.7 {
                  starts 2 2001/07/17 00:00:00;
                  ends 2 2001/07/17 12:00:00;
                  binding state active;
                  hardware ethernet 00:00:00:00:00:02;
                }
                """);
        // A folder: both files are found, each detected (no header comment: by its first statement).
        CustomerData d = Load.load(now.getParent());
        assertEquals("00:00:00:00:00:01", Load.leaseAt(d, "198.51.100.7", "2001-07-16T06:00:00Z"));
        assertEquals("00:00:00:00:00:02", Load.leaseAt(d, "198.51.100.7", "2001-07-17T06:00:00Z"));
        assertEquals(2, d.files().size());
        assertTrue(old.toFile().exists());
    }

    @Test void malformedBlocksAreCountedRejectsWithTheirFileAndLine() throws Exception {
        Path f = Load.write(dir, "dhcpd.leases", """
                lease 192.0.2.300 {
                  starts 3 2001/07/18 09:00:00;
                  ends 3 2001/07/18 21:00:00;
                  hardware ethernet 00:00:00:00:00:01;
                }
                lease 192.0.2.1 {
                  starts 3 2001/07/18 09:00:00;
                  hardware ethernet 00:00:00:00:00:01;
                }
                lease 192.0.2.2 {
                  starts 3 2001/13/18 09:00:00;
                  ends 3 2001/07/18 21:00:00;
                  hardware ethernet 00:00:00:00:00:01;
                }
                lease 192.0.2.3 {
                  starts 3 2001/07/18 21:00:00;
                  ends 3 2001/07/18 09:00:00;
                  hardware ethernet 00:00:00:00:00:01;
                }
                garbage here
                lease 192.0.2.4 {
                  starts 3 2001/07/18 09:00:00;
                  ends 3 2001/07/18 21:00:00;
                  hardware ethernet 00:00:00:00:00:04;
                }
                lease 192.0.2.5 {
                  starts 3 2001/07/18 09:00:00;
                """);
        CustomerData d = Load.load(f);
        assertEquals(java.util.List.of("bad-address", "no-starts-or-ends", "bad-time", "ends-before-start", "not-a-statement", "unterminated-block"),
                Load.reasons(d));
        assertEquals(java.util.List.of(1L, 6L, 10L, 15L, 20L, 26L), d.problems().samples().stream().map(ReadProblems.Reject::line).toList());
        assertTrue(d.problems().samples().stream().allMatch(r -> r.file().equals(f.toString())));
        // The good block between them is read.
        assertEquals("00:00:00:00:00:04", Load.leaseAt(d, "192.0.2.4", "2001-07-18T10:00:00Z"));
    }

    @Test void anEmptyLeaseFileIsReadAsNothing() throws Exception {
        CustomerData d = Load.load(Load.write(dir, "dhcpd.leases", "# no leases yet\n\n"));
        assertEquals("empty", d.files().get(0).format());
        assertEquals(0, d.leases().holdingCount());
        assertEquals(0, d.problems().rejected());
    }
}
