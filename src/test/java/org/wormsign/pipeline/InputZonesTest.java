package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.apache.ApacheLogFormat;

/** --tz's values: a default zone, GLOB=ZONE rules in order, and what is wrong with a bad one. */
class InputZonesTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York"), TOKYO = ZoneId.of("Asia/Tokyo"),
            BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void rulesByNameThenTheDefault() {
        InputZones z = InputZones.parse(List.of("web1=America/New_York", "Europe/Berlin", "*!W3SVC2/*=Asia/Tokyo"));
        assertEquals(NEW_YORK, z.zoneFor("logs/web1/ex010719.log"));
        assertEquals(TOKYO, z.zoneFor("logs/old.zip!W3SVC2/ex010720.log"));
        assertEquals(BERLIN, z.zoneFor("logs/web2/ex010719.log"), "no pattern: the default");
        assertEquals(BERLIN, z.defaultZone());
        assertNull(InputZones.parse(List.of("web1=America/New_York")).zoneFor("logs/web2/ex010719.log"), "no default: none");
        assertTrue(InputZones.parse(List.of()).isEmpty());
        assertEquals(ZoneId.of("-04:00"), InputZones.parse(List.of("-04:00")).zoneFor("anything"));
    }

    @Test
    void theFirstMatchingPatternDecides() {
        String name = "logs/web1/in010719.log";
        assertEquals(TOKYO, InputZones.parse(List.of("web1/in*=Asia/Tokyo", "web1=America/New_York")).zoneFor(name));
        assertEquals(NEW_YORK, InputZones.parse(List.of("web1=America/New_York", "web1/in*=Asia/Tokyo")).zoneFor(name));
    }

    @Test
    void theLastEqualsSignSplitsGlobFromZone() {
        // A zone never holds '=', a file name may.
        InputZones z = InputZones.parse(List.of("run=2/*.log=Asia/Tokyo"));
        assertEquals(TOKYO, z.zoneFor("cases/run=2/in010720.log"));
        assertNull(z.zoneFor("cases/run=3/in010720.log"));
    }

    @Test
    void aWrongValueIsOneLineThatNamesIt() {
        assertMessage(List.of("web1=Mars/Olympus"), "--tz 'web1=Mars/Olympus': unknown time zone 'Mars/Olympus'");
        assertMessage(List.of("Mars/Olympus"), "--tz: unknown time zone 'Mars/Olympus'");
        assertMessage(List.of("web1="), "--tz 'web1=': no time zone after '='");
        assertMessage(List.of("web[1=UTC"), "--tz 'web[1=UTC': bad pattern 'web[1': '[' without ']'");
        assertMessage(List.of("=UTC"), "bad pattern '': empty pattern");
        assertMessage(List.of("America/New_York", "web1=UTC", "Europe/Berlin"),
                "--tz: two zones for every input ('America/New_York' and 'Europe/Berlin')");
    }

    private static void assertMessage(List<String> specs, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputZones.parse(specs));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aPatternThatDecidesNoInputIsWarnedAbout() {
        InputZones z = InputZones.parse(List.of("web1=America/New_York", "web1/in*=Asia/Tokyo", "web3=Europe/Berlin", "web2=Asia/Tokyo"));
        List<String> warnings = z.unusedRules(List.of("logs/web1/in010719.log", "logs/web2/in010719.log"));
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("--tz 'web1/in*=Asia/Tokyo' decided no input's zone: an earlier"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("--tz 'web3=Europe/Berlin' matched no input"), warnings.get(1));
    }

    @Test
    void theZoneAppliedIsNoneForFormatsThatCarryTheirOffsetOrLogUtc() {
        assertEquals(NEW_YORK, InputZones.applied(KnownFormats.byName("iis-native"), NEW_YORK));
        assertEquals("UTC", InputZones.applied(KnownFormats.byName("iis-native"), null).getId(), "none given: read as UTC, and said so");
        assertNull(InputZones.applied(KnownFormats.byName("iis-w3c"), NEW_YORK), "W3C logs UTC");
        assertNull(InputZones.applied(KnownFormats.byName("apache-combined"), NEW_YORK), "%t carries its offset");
        assertNull(InputZones.applied(ApacheLogFormat.compile("%h %{sec}t \"%r\" %>s"), NEW_YORK), "epoch seconds are UTC");
        assertEquals(NEW_YORK, InputZones.applied(ApacheLogFormat.compile("%h [%{%Y-%m-%d %H:%M:%S}t] \"%r\" %>s"), NEW_YORK));
        assertNull(InputZones.applied(null, NEW_YORK), "an unrecognised input");
    }
}
