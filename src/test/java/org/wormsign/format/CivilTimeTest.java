package org.wormsign.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** java.time is the oracle: CivilTime must agree with it everywhere it claims to work. */
class CivilTimeTest {

    @Test
    void epochDayAgreesWithJavaTimeForEveryDayFrom1583To2500() {
        for (LocalDate d = LocalDate.of(1583, 1, 1); d.getYear() <= 2500; d = d.plusDays(1)) {
            assertEquals(d.toEpochDay(), CivilTime.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()), d.toString());
        }
    }

    @Test
    void dayOfMonthAgreesWithJavaTimeOverAWideRangeOfDays() {
        // From the year 1708 to 4707, both sides of the epoch and of every 400-year era boundary in between.
        for (long day = -95_000; day <= 1_000_000; day++) {
            int expected = LocalDate.ofEpochDay(day).getDayOfMonth();
            int actual = CivilTime.dayOfMonth(day);
            if (expected != actual) assertEquals(expected, actual, "epoch day " + day + " = " + LocalDate.ofEpochDay(day));
        }
    }

    /** One conversion serves both: the day of the month of any day, the yyyymmdd of years 0 to 9999. */
    @Test
    void dayOfMonthAndYearMonthDayAgreeWithJavaTimeFarFromTheEpoch() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(17);
        long lo = LocalDate.MIN.toEpochDay(), hi = LocalDate.MAX.toEpochDay();
        for (int i = 0; i < 200_000; i++) {
            long day = r.nextLong(lo, hi + 1);
            assertEquals(LocalDate.ofEpochDay(day).getDayOfMonth(), CivilTime.dayOfMonth(day), "epoch day " + day);
        }
        long from = LocalDate.of(0, 1, 1).toEpochDay(), to = LocalDate.of(9999, 12, 31).toEpochDay();
        for (long day = from; day <= to; day += 1 + r.nextInt(40)) {
            LocalDate d = LocalDate.ofEpochDay(day);
            assertEquals(d.getYear() * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth(), CivilTime.yearMonthDay(day), d.toString());
        }
        // The days of the first and last long seconds: past java.time's years, still a day of a month.
        for (long second : new long[] {Long.MIN_VALUE + 1, Long.MAX_VALUE}) {
            int dom = CivilTime.dayOfMonth(Math.floorDiv(second, 86400L));
            assertTrue(dom >= 1 && dom <= 31, "day of month " + dom);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "1970-01-01, 0, 1",
            "2001-07-19, 11522, 19",
            "2001-07-20, 11523, 20",
            "2000-02-29, 11016, 29",
            "2000-03-01, 11017, 1",
            "1969-12-31, -1, 31",
            "2100-02-28, 47540, 28",
            "2100-03-01, 47541, 1"})
    void knownDays(String iso, long epochDay, int dayOfMonth) {
        LocalDate d = LocalDate.parse(iso);
        assertEquals(epochDay, CivilTime.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
        assertEquals(dayOfMonth, CivilTime.dayOfMonth(epochDay));
    }

    @Test
    void validDateAndDaysInMonthAgreeWithJavaTime() {
        for (int year = 1970; year <= 2400; year++) {
            for (int month = 1; month <= 12; month++) {
                YearMonth ym = YearMonth.of(year, month);
                assertEquals(ym.lengthOfMonth(), CivilTime.daysInMonth(year, month), ym.toString());
                for (int day = -1; day <= 32; day++) {
                    assertEquals(ym.isValidDay(day), CivilTime.validDate(year, month, day), ym + "-" + day);
                }
            }
            assertFalse(CivilTime.validDate(year, 0, 1));
            assertFalse(CivilTime.validDate(year, 13, 1));
        }
    }

    @ParameterizedTest(name = "{0}-02-29 valid: {1}")
    @CsvSource({"2000, true", "2004, true", "2024, true", "2400, true", "2001, false", "2100, false", "2200, false", "2300, false"})
    void february29OnLeapAndNonLeapYears(int year, boolean leap) {
        assertEquals(leap, CivilTime.validDate(year, 2, 29));
        assertEquals(leap ? 29 : 28, CivilTime.daysInMonth(year, 2));
        assertTrue(CivilTime.validDate(year, 2, 28));
        assertFalse(CivilTime.validDate(year, 2, 30));
    }
}
