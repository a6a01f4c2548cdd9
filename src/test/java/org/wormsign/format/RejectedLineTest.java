package org.wormsign.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What is read of a line no parser could read: its first address-shaped token, its first time of a known shape. */
class RejectedLineTest {
    private static final ZoneRules NEW_YORK = ZoneId.of("America/New_York").getRules();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String address(String line) {
        byte[] b = bytes(line);
        return RejectedLine.firstAddress(b, 0, b.length);
    }

    private static long time(String line, ZoneRules zone) {
        byte[] b = bytes(line);
        return RejectedLine.epochSecond(b, 0, b.length, zone);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "211.218.252.9 - - [02/Aug/2001:06:01:38 -0400] \"GET /default.ida?NNNN | 211.218.252.9",
        "2001-07-19 15:38:38 137.250.36.15 - 10.10.10.10 80 GET /default.ida NNNN | 137.250.36.15",
        "172.16.1.1, -, 07/19/01, 19:59:59, W3SVC1, WEB1, 10.0.0.5, 0 | 172.16.1.1",
        "www.example.com:80 24.68.1.1 - - [05/Aug/2001:12:01:00 +0100] \"GET | 24.68.1.1",
        "2001:db8::7 - - [05/Aug/2001:12:01:00 +0100] \"GET /default.ida?XXX | 2001:db8::7",
        "[2001:db8:0:0:0:0:0:1] - - \"GET | 2001:db8::1",
        "2001:DB8::7%eth0 - - \"GET | 2001:db8::7%eth0",
        "::ffff:192.0.2.33 - - \"GET | 192.0.2.33",
        "066.1.2.3 255.255.255.255 - - \"GET | 255.255.255.255",
        "host.example.com - - [05/Aug/2001:12:01:00 +0100] \"GET 300.1.2.3 1.2.3 fe80::1 | fe80::1",
        "15:38:38 24.1.2.3 | 24.1.2.3",
        "1:2:3:4:5:6:7 9.9.9.9 | 9.9.9.9",
        "1:2:3:4:5:6:7:8:9 1::2::3 12345::1 :1:2 1:2: 9.9.9.9 | 9.9.9.9",
        "\"GET /default.ida?NNNN | ''",
        "- - [05/Aug/2001:12:01:00 +0100] \"GET /1.2.3.4/default.ida?NNNN | ''",
    })
    void theFirstAddressShapedToken(String line, String expected) {
        assertEquals(expected, address(line));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "211.218.252.9 - - [02/Aug/2001:06:01:38 -0400] \"GET /default.ida?NNNN | 2001-08-02T06:01:38-04:00",
        "61.78.10.1 - - [11/Sep/2001:10:05:00 +0000] \"GET /default.ida?XXXX | 2001-09-11T10:05:00Z",
        "2001-07-19T15:38:38+02:00 www 24.1.2.3 \"GET /default.ida?NNN | 2001-07-19T15:38:38+02:00",
        "2001-07-19T15:38:38.250Z 24.1.2.3 | 2001-07-19T15:38:38Z",
        "2001-07-19 15:38:38 137.250.36.15 - 10.10.10.10 80 GET /default.ida NNNN | 2001-07-19T15:38:38Z",
        "24.1.2.3 [31/Feb/2001:06:01:38 -0400] 2001-08-04 23:59:60 | 2001-08-04T23:59:59Z",
    })
    void timesWithAnOffsetOrInUtc(String line, String expected) {
        assertEquals(OffsetDateTime.parse(expected).toEpochSecond(), time(line, NEW_YORK), line);
    }

    /** IIS native logs local time with no offset: read in the input's zone (here New York's summer time, -4 h). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "172.16.1.1, -, 07/19/01, 19:59:59, W3SVC1, WEB1, 10.0.0.5, 0, 0, 0, 404, 2, GET, /default.ida, NNNN | 2001-07-19T19:59:59",
        "172.16.1.1, -, 7/4/2001, 9:05:01, W3SVC1 | 2001-07-04T09:05:01",
        "172.16.1.1, -, 1/4/02, 9:05:01, W3SVC1 | 2002-01-04T09:05:01",
    })
    void iisNativeTimesAreLocal(String line, String local) {
        LocalDateTime t = LocalDateTime.parse(local);
        assertEquals(t.atZone(ZoneId.of("America/New_York")).toEpochSecond(), time(line, NEW_YORK), line);
        assertEquals(t.toEpochSecond(ZoneOffset.UTC), time(line, ZoneOffset.UTC.getRules()), line);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"GET /default.ida?NNNN",
        "141.137.89.25 - - [27/Jul/2001:14:3",
        "24.1.2.3 [31/Feb/2001:06:01:38 -0400] 2001-13-01 10:00:00 13/45/01, 10:00:00",
        "172.16.1.1, -, 07/19/01 19:59:59, 123/19/01, 19:59:59, 07/19/001, 19:59:59",
        "2001-07-19T15:38:38 no offset, 1969-12-31 23:59:59",
    })
    void noTimeWhenNoneOfAKnownShapeIsValid(String line) {
        assertEquals(RejectedLine.NO_TIME, time(line, NEW_YORK), line);
    }
}
