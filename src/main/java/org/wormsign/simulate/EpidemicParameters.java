package org.wormsign.simulate;

/**
 * The epidemic's calibration, in one place. Facts come from DOMAIN.md (CERT advisories, the CAIDA study
 * "Code-Red: a case study on the spread and victims of an Internet worm"); the rest are stated assumptions,
 * chosen so that the model reproduces the CAIDA account (see {@link #calibrated()}).
 *
 * @param vulnerableHosts      hosts that can be infected, at full scale (CAIDA: more than 359,000 infected)
 * @param growthPerHour        Code Red I v2's infection rate K per hour while nearly everyone is susceptible:
 *                             new infections per minute = K/60 x probing x susceptible / population
 * @param codeRedIStart        Code Red I v1 appears (12 July 2001)
 * @param codeRedIV2Start      Code Red I v2, with random targets, appears (about 10:00 UTC on 19 July)
 * @param codeRedIV2Seeds      hosts v2 starts from at full scale
 * @param codeRedIIStart       Code Red II appears (4 August 2001)
 * @param codeRedIISeeds       hosts Code Red II starts from at full scale
 * @param codeRedIIThreads     Code Red II's probe rate over Code Red I's (300 threads against 100)
 * @param codeRedIIReach       Code Red II's infection rate over what its probe rate gives in a mean field: most of
 *                             its probes stay in its own /8 and /16, whose hosts it has mostly infected already
 * @param nimdaStart           Nimda appears (18 September 2001, about 13:00 UTC)
 * @param nimdaPeakFraction    share of the population sending Nimda probes once it has spread
 * @param nimdaProbesPerMinute targets a Nimda host tries a minute
 * @param wrongClockFraction   hosts whose clock is not UTC (the source of off-schedule probes)
 * @param meanUptimeDays       mean time from a Code Red I infection to the host's next reboot (which clears it)
 * @param patchFrom            when administrators start patching (the advisories and press of 19-20 July)
 * @param meanDaysToPatch      mean time from then until a host is patched (exponential)
 * @param patchAfterCodeRedII  chance that the owner patches when Code Red II reboots the host (an outage, and a
 *                             backdoor in the press)
 * @param dynamicAddressFraction hosts with a DHCP address (home and small-business lines)
 * @param meanLeaseDays        mean time a dynamic host keeps one address
 */
record EpidemicParameters(int vulnerableHosts, double growthPerHour,
                          long codeRedIStart, long codeRedIV2Start, int codeRedIV2Seeds,
                          long codeRedIIStart, int codeRedIISeeds, double codeRedIIThreads, double codeRedIIReach,
                          long nimdaStart, double nimdaPeakFraction, double nimdaProbesPerMinute,
                          double wrongClockFraction, double meanUptimeDays,
                          long patchFrom, double meanDaysToPatch, double patchAfterCodeRedII,
                          double dynamicAddressFraction, double meanLeaseDays) {

    static final double ADDRESS_SPACE = 4_294_967_296.0;

    /**
     * The defaults. K = 1.5 an hour gives a logistic whose steepest minute adds K/60 x N/4 = 2,250 hosts
     * (CAIDA: more than 2,000 a minute at the peak); from 10 seeds at 10:00 UTC it passes half the
     * population at about 17:00 and 300,000 hosts by about 19:00, all well before 00:00 UTC on 20 July
     * (CAIDA: more than 359,000 in under 14 hours). Code Red II's reach of 0.03 lets it grow from 10 hosts on
     * 4 August to about 150,000 within a week and fade as hosts are patched, beside Code Red I, which comes
     * back on the 1st of each month. Uptime, patching, clocks and DHCP are assumptions.
     */
    static EpidemicParameters calibrated() {
        return new EpidemicParameters(360_000, 1.5, Utc.of(2001, 7, 12), Utc.of(2001, 7, 19, 10, 0), 10,
                Utc.of(2001, 8, 4), 10, 3.0, 0.03,
                Utc.of(2001, 9, 18, 13, 0), 0.5, 200,
                0.05, 5, Utc.of(2001, 7, 20), 60, 0.02,
                0.3, 3);
    }

    /**
     * Probes a Code Red I host sends a minute: K = probes x (vulnerable hosts / 2^32) per minute, so about
     * 298 (5 a second) for the defaults.
     */
    double probesPerMinute() {
        return growthPerHour / 60 * ADDRESS_SPACE / vulnerableHosts;
    }
}
