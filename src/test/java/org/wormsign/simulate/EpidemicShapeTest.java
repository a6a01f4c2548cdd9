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
    /** The whole population from 12 July to 2 August (CAIDA's figures and the first re-emergence). */
    private static EpidemicCurve curve;
    /** A tenth of it over the whole season (the calendars until October, the probes at the servers). */
    private static EpidemicCurve season;
    private static ProbeLog[] logs;

    @BeforeAll
    static void runTheEpidemic() {
        curve = world(1.0, LocalDate.of(2001, 8, 2)).epidemic.curve();
        Simulation.World w = world(0.1, LocalDate.of(2001, 10, 5));
        season = w.epidemic.curve();
        logs = w.epidemic.logs();
    }

    private static Simulation.World world(double scale, LocalDate to) {
        SimulateOptions o = new SimulateOptions(1, Path.of("unused"), scale, LocalDate.of(2001, 7, 12), to,
                SimulateOptions.serverKinds(), false, 0, 0, true, 1);
        return Simulation.World.build(EpidemicParameters.calibrated(), o);
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
    void codeRedIProbesOnlyOnDays1To19ByACorrectClockAndReturnsOnThe1st() {
        for (EpidemicCurve c : new EpidemicCurve[] {curve, season}) {
            boolean wrongClocksProbeLate = false;
            for (int m = 0; m < c.minutes; m++) {
                if (Utc.dayOfMonth(c.second(m)) >= 20) {
                    assertEquals(0, c.probingCodeRedI[m], "correct clocks probing at " + java.time.Instant.ofEpochSecond(c.second(m)));
                    wrongClocksProbeLate |= c.probingCodeRedIWrongClock[m] > 0;
                }
            }
            assertTrue(wrongClocksProbeLate, "some hosts with wrong clocks probe on days 20-31");
        }
        assertTrue(curve.probingCodeRedI[curve.minute(Utc.of(2001, 8, 1, 6, 0))] > 100_000, "re-emergence on 1 August");
        assertTrue(season.probingCodeRedI[season.minute(Utc.of(2001, 9, 1, 12, 0))] > 1_000, "and on 1 September");
        assertTrue(season.probingCodeRedI[season.minute(Utc.of(2001, 10, 2))] > 1_000, "and on 1 October");
    }

    @Test
    void codeRedIIProbesFrom4AugustUntil1OctoberByACorrectClock() {
        long start = Utc.of(2001, 8, 4), stop = Utc.of(2001, 10, 1);
        for (int m = 0; m < season.minutes; m++) {
            long t = season.second(m);
            if (t < start || t >= stop) assertEquals(0, season.probingCodeRedII[m], "at " + java.time.Instant.ofEpochSecond(t));
        }
        assertTrue(season.probingCodeRedII[season.minute(Utc.of(2001, 8, 10))] > 5_000, "Code Red II in August");
        assertTrue(season.probingCodeRedII[season.minute(Utc.of(2001, 9, 20))] > 100, "and until the end of September");
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
