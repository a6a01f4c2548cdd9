package org.wormsign.isp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RADIUS accounting detail files: the Start/Stop pair is the example of GNU Radius's and FreeRADIUS's detail
 * layout (a date line, tab-indented attributes, a blank line); the others are the cases the sessions must
 * survive: no Stop, no Start, a NAS restart, a session spanning two days' files.
 */
class RadiusDetailTest {
    @TempDir Path dir;

    static final String EXAMPLE = """
            Fri Dec 15 18:00:24 2000
            \tAcct-Session-Id = "2193976896017"
            \tUser-Name = "e2"
            \tAcct-Status-Type = Start
            \tAcct-Authentic = RADIUS
            \tService-Type = Framed-User
            \tFramed-Protocol = PPP
            \tFramed-IP-Address = 11.10.10.125
            \tCalling-Station-Id = "+15678023561"
            \tNAS-IP-Address = 11.10.10.11
            \tNAS-Port-Id = 8
            \tAcct-Delay-Time = 0
            \tTimestamp = 976896024
            \tRequest-Authenticator = Unverified

            Fri Dec 15 18:32:09 2000
            \tAcct-Session-Id = "2193976896017"
            \tUser-Name = "e2"
            \tAcct-Status-Type = Stop
            \tAcct-Authentic = RADIUS
            \tAcct-Output-Octets = 5382
            \tAcct-Input-Octets = 7761
            \tService-Type = Framed-User
            \tFramed-Protocol = PPP
            \tFramed-IP-Address = 11.10.10.125
            \tAcct-Session-Time = 1905
            \tNAS-IP-Address = 11.10.10.11
            \tNAS-Port-Id = 8
            \tAcct-Delay-Time = 0
            \tTimestamp = 976897929
            \tRequest-Authenticator = Unverified

            """;

    @Test void aStartAndAStopAreOneHolding() throws Exception {
        CustomerData d = Load.load(Load.write(dir, "detail-20001215", EXAMPLE));
        assertEquals("radius", d.files().get(0).format());
        // The date lines are the server's local time (UTC+2 here); Timestamp is UTC: 16:00:24 to 16:32:09,
        // the Stop's Acct-Session-Time of 1905 s agreeing.
        assertEquals("e2", Load.leaseAt(d, "11.10.10.125", "2000-12-15T16:00:24Z"));
        assertEquals("e2", Load.leaseAt(d, "11.10.10.125", "2000-12-15T16:32:08Z"));
        assertNull(Load.leaseAt(d, "11.10.10.125", "2000-12-15T16:32:09Z"));
        assertNull(Load.leaseAt(d, "11.10.10.125", "2000-12-15T16:00:23Z"));
        CustomerData byPhone = Load.load(Map.of(CustomerFormat.RADIUS, "Calling-Station-Id"), Load.write(dir, "d2", EXAMPLE));
        assertEquals("+15678023561", Load.leaseAt(byPhone, "11.10.10.125", "2000-12-15T16:10:00Z"));
    }

    private static String record(String date, String type, String session, String user, String ip, String nas, String more) {
        return date + "\n\tAcct-Status-Type = " + type + "\n"
                + (session == null ? "" : "\tAcct-Session-Id = \"" + session + "\"\n")
                + (user == null ? "" : "\tUser-Name = \"" + user + "\"\n")
                + (ip == null ? "" : "\tFramed-IP-Address = " + ip + "\n")
                + "\tNAS-IP-Address = " + nas + "\n" + more + "\n";
    }

    @Test void sessionsWithoutAStopOrAStartAreClosedAndRebuilt() throws Exception {
        // 2001-07-19T00:00:00Z = 995500800.
        Path day1 = Load.write(dir, "radacct/nas1/detail-20010719", ""
                + record("Thu Jul 19 02:00:00 2001", "Start", "s1", "alice", "198.51.100.1", "10.0.0.1", "\tEvent-Timestamp = \"Jul 19 2001 00:00:00 UTC\"\n")
                + record("Thu Jul 19 02:00:00 2001", "Start", "s2", "bob", "198.51.100.2", "10.0.0.1", "\tEvent-Timestamp = 995500800\n")
                // carol's session started in a file we do not have: rebuilt from its interim update.
                + record("Thu Jul 19 03:00:00 2001", "Interim-Update", "s3", "carol", "198.51.100.3", "10.0.0.2",
                        "\tTimestamp = 995504460\n\tAcct-Delay-Time = 60\n\tAcct-Session-Time = 1800\n\tAcct-Interim-Interval = 900\n")
                // The first NAS restarts at 01:00: alice's and bob's sessions are over.
                + record("Thu Jul 19 03:00:00 2001", "Accounting-On", null, null, null, "10.0.0.1", "\tTimestamp = 995504400\n"));
        // dave's Start is in one day's file, his Stop in the next.
        Path day2 = Load.write(dir, "radacct/nas1/detail-20010720", ""
                + record("Fri Jul 20 02:00:00 2001", "Stop", "s4", "dave", "198.51.100.4", "10.0.0.3", "\tTimestamp = 995594400\n"));
        Load.write(dir, "radacct/nas1/detail-20010718", ""
                + record("Wed Jul 18 23:00:00 2001", "Start", "s4", "dave", "198.51.100.4", "10.0.0.3", "\tTimestamp = 995497200\n"));
        CustomerData d = Load.load(day1.getParent());
        assertEquals("alice", Load.leaseAt(d, "198.51.100.1", "2001-07-19T00:59:59Z"));
        assertNull(Load.leaseAt(d, "198.51.100.1", "2001-07-19T01:00:00Z"));
        assertEquals("bob", Load.leaseAt(d, "198.51.100.2", "2001-07-19T00:30:00Z"));
        assertNull(Load.leaseAt(d, "198.51.100.2", "2001-07-19T01:00:00Z"));
        // carol: the update was at 01:00 (logged 01:01, 60 s late), 1800 s into the session: from 00:30 to
        // 01:00 + her interim interval of 900 s.
        assertNull(Load.leaseAt(d, "198.51.100.3", "2001-07-19T00:29:59Z"));
        assertEquals("carol", Load.leaseAt(d, "198.51.100.3", "2001-07-19T00:30:00Z"));
        assertEquals("carol", Load.leaseAt(d, "198.51.100.3", "2001-07-19T01:14:59Z"));
        assertNull(Load.leaseAt(d, "198.51.100.3", "2001-07-19T01:15:00Z"));
        assertEquals("dave", Load.leaseAt(d, "198.51.100.4", "2001-07-19T12:00:00Z"));
        assertNull(Load.leaseAt(d, "198.51.100.4", "2001-07-20T02:00:00Z"));
        assertEquals(0, d.problems().rejected());
        assertEquals(3, d.files().size());
    }

    @Test void recordsThatCannotBeReadAreCountedRejects() throws Exception {
        CustomerData d = Load.load(Load.write(dir, "detail", ""
                + record("Thu Jul 19 02:00:00 2001", "Start", "s1", "alice", "198.51.100.1", "10.0.0.1", "")
                + record("Thu Jul 19 02:00:00 2001", "Start", "s2", "bob", "198.51.100.300", "10.0.0.1", "\tTimestamp = 995500800\n")
                + record("Thu Jul 19 02:00:00 2001", "Start", null, "bob", "198.51.100.2", "10.0.0.1", "\tTimestamp = 995500800\n")
                + record("Thu Jul 19 02:00:00 2001", "Wobble", "s3", "bob", "198.51.100.2", "10.0.0.1", "\tTimestamp = 995500800\n")
                + record("Thu Jul 19 02:00:00 2001", "Start", "s4", "erin", "198.51.100.5", "10.0.0.1",
                        "\tEvent-Timestamp = \"Jul 19 2001 02:00:00 CEST\"\n\tTimestamp = 995500800\n")));
        assertEquals(List.of("no-time", "bad-address", "no-acct-session-id", "unknown-acct-status-type"), Load.reasons(d));
        assertEquals(List.of(1L, 8L, 16L, 23L), d.problems().samples().stream().map(ReadProblems.Reject::line).toList());
        // An Event-Timestamp in a zone named only by its abbreviation is not guessed at: Timestamp is used.
        assertEquals("erin", Load.leaseAt(d, "198.51.100.5", "2001-07-19T00:00:00Z"));
    }
}
