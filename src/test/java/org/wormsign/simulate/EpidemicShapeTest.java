package org.wormsign.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The epidemic at full scale against the CAIDA account (DOMAIN.md, "Scale"): v2 begins about 10:00 UTC on
 * 19 July, more than 359,000 hosts are infected in under 14 hours, more than 2,000 new hosts a minute at the
 * peak; and the worms' calendars by the hosts' own clocks (DOMAIN.md, "Time").
 */
class EpidemicShapeTest {
    private static EpidemicCurve curve;
    private static ProbeLog[] logs;

    @BeforeAll
    static void runTheEpidemic() {
        SimulateOptions o = new SimulateOptions(1, Path.of("unused"), 1.0, LocalDate.of(2001, 7, 12), LocalDate.of(2001, 10, 5),
                SimulateOptions.serverKinds(), false, 0, 0, true, 1);
        Simulation.World w = Simulation.World.build(EpidemicParameters.calibrated(), o);
        curve = w.epidemic.curve();
        logs = w.epidemic.logs();
    }

    @Test
    void fewHostsAtTenAndMoreThan300000ByMidnight() {
        int atTen = curve.infectedAt(Utc.of(2001, 7, 19, 10, 0));
        int atMidnight = curve.infectedAt(Utc.of(2001, 7, 20));
        assertTrue(atTen < 1_000, "v1's few hosts at 10:00 UTC on 19 July: " + atTen);
        assertTrue(atMidnight > 300_000, "infected at 00:00 UTC on 20 July: " + atMidnight);
        assertTrue(curve.infectedAt(Utc.of(2001, 7, 19, 14, 0)) < 50_000, "v2 is still taking off at 14:00");
    }

    @Test
    void peakAbove2000NewHostsAMinuteOn19July() {
        int peak = 0;
        for (int m = curve.minute(Utc.of(2001, 7, 19)); m < curve.minute(Utc.of(2001, 7, 20)); m++) {
            peak = Math.max(peak, curve.newInfections[m]);
        }
        assertTrue(peak > 2_000, "peak new infections a minute: " + peak);
        assertTrue(peak < 4_000, "not far above CAIDA's figure: " + peak);
    }

    @Test
    void codeRedIProbesOnlyOnDays1To19ByACorrectClockAndReturnsOn1August() {
        boolean wrongClocksProbeLate = false;
        for (int m = 0; m < curve.minutes; m++) {
            if (Utc.dayOfMonth(curve.second(m)) >= 20) {
                assertEquals(0, curve.probingCodeRedI[m], "correct clocks probing at " + java.time.Instant.ofEpochSecond(curve.second(m)));
                wrongClocksProbeLate |= curve.probingCodeRedIWrongClock[m] > 0;
            }
        }
        assertTrue(wrongClocksProbeLate, "some hosts with wrong clocks probe on days 20-31");
        assertTrue(curve.probingCodeRedI[curve.minute(Utc.of(2001, 8, 1, 6, 0))] > 100_000, "re-emergence on 1 August");
        assertTrue(curve.probingCodeRedI[curve.minute(Utc.of(2001, 9, 1, 12, 0))] > 10_000, "and on 1 September");
    }

    @Test
    void codeRedIIProbesFrom4AugustUntil1OctoberByACorrectClock() {
        long start = Utc.of(2001, 8, 4), stop = Utc.of(2001, 10, 1);
        for (int m = 0; m < curve.minutes; m++) {
            long t = curve.second(m);
            if (t < start || t >= stop) assertEquals(0, curve.probingCodeRedII[m], "at " + java.time.Instant.ofEpochSecond(t));
        }
        assertTrue(curve.probingCodeRedII[curve.minute(Utc.of(2001, 8, 10))] > 50_000, "Code Red II in August");
        assertTrue(curve.probingCodeRedII[curve.minute(Utc.of(2001, 9, 20))] > 1_000, "and until the end of September");
    }

    @Test
    void offScheduleProbesAtTheServersComeOnlyFromWrongClocks() {
        long codeRedIILate = 0, codeRedILate = 0;
        for (ProbeLog log : logs) {
            for (int i = 0; i < log.size(); i++) {
                long p = log.packed(i);
                long t = ProbeLog.second(p);
                boolean offSchedule = ProbeLog.kind(p) == ProbeLog.CODE_RED ? Utc.dayOfMonth(t) >= 20
                        : ProbeLog.kind(p) == ProbeLog.CODE_RED_II && (t < Utc.of(2001, 8, 4) || t >= Utc.of(2001, 10, 1));
                if (!offSchedule) continue;
                assertTrue(ProbeLog.wrongClock(p), "an off-schedule probe from a correct clock at " + java.time.Instant.ofEpochSecond(t));
                if (ProbeLog.kind(p) == ProbeLog.CODE_RED) codeRedILate++; else codeRedIILate++;
            }
        }
        assertTrue(codeRedILate > 0, "the servers see Code Red I off schedule, as real logs do");
    }
}
