package org.wormsign.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wormsign.cli.Main;
import org.wormsign.format.apache.ApacheLogFormat;
import org.wormsign.testing.Corpus;
import picocli.CommandLine;

/**
 * Apache {@code %{format}t} times in every strftime conversion that names or decorates a day (issue 16 item
 * 8): {@code %C %G %g %V %j %u %w %U %W} and the C locale's {@code %c %x %X}. The times are written here by
 * java.time's own week and ISO-week fields, so the parser is checked against an independent calendar.
 */
class StrftimeTest {

    private static final java.time.temporal.TemporalField SUNDAY_WEEKS = WeekFields.of(DayOfWeek.SUNDAY, 7).weekOfYear();
    private static final java.time.temporal.TemporalField MONDAY_WEEKS = WeekFields.of(DayOfWeek.MONDAY, 7).weekOfYear();

    /** strftime(3) as glibc's C locale writes it, from java.time; the conversions a log time uses. */
    static String strftime(String format, LocalDateTime t) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') { out.append(c); continue; }
            char conv = format.charAt(++i);
            LocalDate d = t.toLocalDate();
            int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
            out.append(switch (conv) {
                case 'Y' -> pad(t.getYear(), 4, '0');
                case 'y' -> two(t.getYear() % 100);
                case 'C' -> two(t.getYear() / 100);
                case 'G' -> pad(d.get(IsoFields.WEEK_BASED_YEAR), 4, '0');
                case 'g' -> two(d.get(IsoFields.WEEK_BASED_YEAR) % 100);
                case 'V' -> two(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                // Week 1 is the first whole week starting on Sunday (%U) or Monday (%W); the days before it are week 0.
                case 'U' -> two(d.get(SUNDAY_WEEKS));
                case 'W' -> two(d.get(MONDAY_WEEKS));
                case 'j' -> pad(t.getDayOfYear(), 3, '0');
                case 'u' -> String.valueOf(t.getDayOfWeek().getValue());
                case 'w' -> String.valueOf(t.getDayOfWeek().getValue() % 7);
                case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'b' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'm' -> two(t.getMonthValue());
                case 'd' -> two(t.getDayOfMonth());
                case 'e' -> pad(t.getDayOfMonth(), 2, ' ');
                case 'H' -> two(t.getHour());
                case 'k' -> pad(t.getHour(), 2, ' ');
                case 'I' -> two(hour12);
                case 'l' -> pad(hour12, 2, ' ');
                case 'p' -> t.getHour() < 12 ? "AM" : "PM";
                case 'P' -> t.getHour() < 12 ? "am" : "pm";
                case 'M' -> two(t.getMinute());
                case 'S' -> two(t.getSecond());
                case 'T' -> strftime("%H:%M:%S", t);
                case 'c' -> strftime("%a %b %e %H:%M:%S %Y", t);
                case 'x' -> strftime("%m/%d/%y", t);
                case 'X' -> strftime("%H:%M:%S", t);
                default -> throw new IllegalArgumentException("%" + conv);
            });
        }
        return out.toString();
    }

    private static String two(int v) {
        return pad(v, 2, '0');
    }

    private static String pad(int v, int width, char with) {
        String digits = Integer.toString(v);
        return digits.length() >= width ? digits : String.valueOf(with).repeat(width - digits.length()) + digits;
    }

    private static int parse(LinePlan plan, String line, LogRecord rec) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        return plan.newParser().parse(b, 0, b.length, rec);
    }

    /**
     * Every day of 1996–2030 (each of the 14 kinds of year: 7 first weekdays, leap or not) and of the first and
     * last years %y and %g reach (1970, 2068), each at another second of the day, written in a format whose
     * date comes from these conversions, is read back to the second.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"%Y %j %H:%M:%S", "%G-W%V-%u %H:%M:%S", "%g %V %w %T", "%G %V %a %T", "%Y %U %w %T", "%Y %W %u %T",
        "%Y %U %A %T", "%Y %W %a %T", "%C%y-%m-%d %T", "%c", "%x %X", "%y %j %l:%M:%S %p", "%Y-%m-%e %k:%M:%S", "%Y%j%I%M%S%P",
        "%Y-%m-%d %a %A %j %U %W %V %G %g %u %w %C %y %X"})
    void everyDayIsReadBack(String format) {
        LinePlan plan = ApacheLogFormat.compile("%h [%{" + format + "}t]", ZoneOffset.UTC);
        LogRecord rec = new LogRecord();
        List<String> wrong = new ArrayList<>();
        long n = 0;
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate[] span : new LocalDate[][] {{LocalDate.of(1970, 1, 1), LocalDate.of(1970, 12, 31)},
                {LocalDate.of(1996, 1, 1), LocalDate.of(2030, 12, 31)}, {LocalDate.of(2068, 1, 1), LocalDate.of(2068, 12, 28)}}) {
            // 2068-12-29 and later are in ISO year 2069, which %g's 69 would call 1969.
            for (LocalDate d = span[0]; !d.isAfter(span[1]); d = d.plusDays(1)) days.add(d);
        }
        for (LocalDate d : days) {
            n++;
            LocalDateTime t = d.atStartOfDay().plusSeconds(n * 7919 % 86400);
            String line = "192.0.2.1 [" + strftime(format, t) + "]";
            int r = parse(plan, line, rec);
            if (r != LinePlan.RECORD || rec.epochSecond() != t.toEpochSecond(ZoneOffset.UTC)) {
                wrong.add(line + " -> " + (r == LinePlan.RECORD ? Instant.ofEpochSecond(rec.epochSecond()).toString() : Reject.ofOrdinal(r).code()));
            }
        }
        assertEquals(365 + 12784 + 363, n);
        assertEquals(List.of(), wrong.subList(0, Math.min(5, wrong.size())), wrong.size() + " days wrong");
    }

    static final String DECORATED = "%Y-%m-%d %a %j %U %W %V %G %g %u %w %C %y %H:%M:%S";

    /**
     * A decoration that contradicts the date it decorates (a weekday, a week, a day of the year, the other
     * spelling of the year) makes the time bad: a format that does not fit its log (day and month swapped)
     * is caught rather than read into another day.
     */
    @Test
    void aDecorationThatContradictsTheDateIsABadTimestamp() {
        LinePlan plan = ApacheLogFormat.compile("%h [%{" + DECORATED + "}t]");
        LogRecord rec = new LogRecord();
        LocalDateTime t = LocalDateTime.of(2001, 7, 19, 10, 0, 1);   // a Thursday, day 200, ISO week 29
        String[] right = strftime(DECORATED, t).split(" ");
        assertEquals(LinePlan.RECORD, parse(plan, "192.0.2.1 [" + String.join(" ", right) + "]", rec));
        assertEquals(t.toEpochSecond(ZoneOffset.UTC), rec.epochSecond());
        // Every token but the date and the time of day, made wrong in turn (the day after's value, which is well-formed).
        String[] dayAfter = strftime(DECORATED, t.plusDays(1)).split(" ");
        for (int i = 1; i < right.length - 1; i++) {
            String[] tokens = right.clone();
            tokens[i] = dayAfter[i].equals(right[i]) ? strftime(DECORATED.split(" ")[i], t.plusDays(7)) : dayAfter[i];
            if (tokens[i].equals(right[i])) continue;   // %C, %y, %G, %g: the same all year
            int r = parse(plan, "192.0.2.1 [" + String.join(" ", tokens) + "]", rec);
            assertEquals(Reject.BAD_TIMESTAMP, r == LinePlan.RECORD ? null : Reject.ofOrdinal(r), DECORATED.split(" ")[i] + " " + tokens[i]);
        }
        // A swapped day and month: 07/08 read as %d/%m names 7 August, a Tuesday, not the Sunday it says.
        LinePlan swapped = ApacheLogFormat.compile("%h [%{%d/%m/%Y %a %H:%M}t]");
        assertEquals(LinePlan.RECORD, parse(swapped, "192.0.2.1 [07/08/2001 Tue 10:00]", rec));
        assertEquals(Reject.BAD_TIMESTAMP, Reject.ofOrdinal(parse(swapped, "192.0.2.1 [07/08/2001 Sun 10:00]", rec)));
    }

    /** Weekday names in another language decorate without being checked; they cannot name a day. */
    @Test
    void aWeekdayNameInAnotherLanguageDecoratesOnly() {
        LogRecord rec = new LogRecord();
        assertEquals(LinePlan.RECORD, parse(ApacheLogFormat.compile("%h [%{%a %d.%m.%Y %H:%M}t]"), "192.0.2.1 [Do 19.07.2001 10:00]", rec));
        assertEquals(OffsetDateTime.parse("2001-07-19T10:00Z").toEpochSecond(), rec.epochSecond());
        assertEquals(Reject.BAD_TIMESTAMP, Reject.ofOrdinal(parse(ApacheLogFormat.compile("%h [%{%G %V %a %H:%M}t]"), "192.0.2.1 [2001 29 Do 10:00]", rec)));
    }

    /** Days a week cannot hold: week 53 of a 52-week ISO year, a Saturday in week 0 of a year that began on Sunday. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"'%G %V %u %H:%M', '2001 53 1 10:00'", "'%Y %U %w %H:%M', '2006 00 6 10:00'", "'%Y %j %H:%M', '2001 366 10:00'",
        "'%Y %W %u %H:%M', '2001 54 1 10:00'"})
    void aDayTheCalendarDoesNotHaveIsABadTimestamp(String format, String time) {
        LogRecord rec = new LogRecord();
        int r = parse(ApacheLogFormat.compile("%h [%{" + format + "}t]"), "192.0.2.1 [" + time + "]", rec);
        assertEquals(Reject.BAD_TIMESTAMP, Reject.ofOrdinal(r));
    }

    /** Conversions that cannot name a day or a time of day are refused when the format is compiled, naming what is missing. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "%Y %U %H:%M | %U (a week) needs a weekday",
        "%Y %W %H:%M | %W (a week) needs a weekday",
        "%G %V %H:%M | %V (a week) needs a weekday",
        "%V %u %H:%M | %V (the ISO week) needs its ISO year",
        "%C-%m-%d %H:%M | %C (the century) needs %y",
        "%G-%m-%d %H:%M | %G and %g (the ISO week-based year) name a day only with %V",
        "%m-%d %H:%M | it has no year",
        "%Y-%m %H:%M | a month needs a day of the month",
        "%Y %d %H:%M | %d needs a month",
        "%Y %a %H:%M | it has no day",
        "%Y-%m-%d | has no hour",
        "%Y-%m-%d %I:%M | without %p",
        "%Y-%m-%d %H | has no minute"})
    void aTimeThatCannotBePlacedIsRefused(String format, String message) {
        FormatException e = assertThrows(FormatException.class, () -> ApacheLogFormat.compile("%h [%{" + format + "}t] \"%r\" %>s"));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains("(in LogFormat: %h [%{" + format + "}t]"), e.getMessage());
    }

    /** Beside %t, a strftime time only decorates, so even one that names no day is fine. */
    @Test
    void besideApachesOwnTimeAnyConversionsDecorate() {
        LogRecord rec = new LogRecord();
        LinePlan plan = ApacheLogFormat.compile("%h %t \"%{%U %a}t\"");
        assertEquals(LinePlan.RECORD, parse(plan, "192.0.2.1 [19/Jul/2001:10:00:00 +0200] \"28 Thu\"", rec));
        assertEquals(OffsetDateTime.parse("2001-07-19T08:00Z").toEpochSecond(), rec.epochSecond());
        assertEquals(Reject.BAD_TIMESTAMP, Reject.ofOrdinal(parse(plan, "192.0.2.1 [19/Jul/2001:10:00:00 +0200] \"2x Thu\"", rec)));
    }

    @Test
    void theCommandSaysWhatIsMissingInOneLine() {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute("analyze", "--no-progress", "-o", "target/never-written", "--log-format", "%h [%{%Y week %U, %H:%M}t] \"%r\" %>s",
                "sample-logs");
        assertEquals(2, status, err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("wormsign: the time gives no date: %U (a week) needs a weekday"), err.toString());
    }

    // ---------------------------------------------------------------- logparser's multi-conversion lines

    static final Pattern QUOTED_TIME = Pattern.compile("\"%\\{([^}]*)\\}t\"");

    private static Path peer(String name) {
        Path dir = Corpus.peerFile("logparser-inline");
        return dir.resolve(name);
    }

    /**
     * logparser's two lines that log the time twice, as {@code %t} and as 25 strftime conversions
     * ({@code %G %j %u %k %l} among them): the whole line is a record at the %t time.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"apache-strftime-multi, 2016-12-21T23:09:54Z", "apache-strftime-multi-lead, 2017-01-01T12:01:21Z"})
    void logparsersMultiConversionLines(String name, String utc) throws IOException {
        String format = Files.readString(peer(name + ".format")).strip();
        String line = Files.readString(peer(name + ".log")).strip();
        LogRecord rec = new LogRecord();
        assertEquals(LinePlan.RECORD, parse(ApacheLogFormat.compile(format), line, rec), line);
        assertEquals(Instant.parse(utc).getEpochSecond(), rec.epochSecond());
        String apacheTime = line.substring(line.indexOf('[') + 1, line.indexOf(']'));
        assertEquals(OffsetDateTime.parse(apacheTime, DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)).toEpochSecond(),
                rec.epochSecond());
    }

    /** The strftime time of a peer line on its own (no %t beside it, no %s): its conversions must name the day themselves. */
    private static int strftimeAlone(String name, String fromText, String toText, LogRecord rec) throws IOException {
        String format = Files.readString(peer(name + ".format")).strip();
        String line = Files.readString(peer(name + ".log")).strip();
        Matcher f = QUOTED_TIME.matcher(format);
        assertTrue(f.find(), format);
        String conversions = f.group(1).replace(" %s", "");
        String text = line.split("\"")[3];
        String changed = text.replaceAll(" [0-9]{10} ", " ").replace(fromText, toText);
        assertTrue(changed.contains(toText) && !changed.matches(".* [0-9]{10} .*"), changed);
        return parse(ApacheLogFormat.compile("%h \"%{" + conversions + "}t\""), "127.0.0.1 \"" + changed + "\"", rec);
    }

    @Test
    void logparsersMultiConversionTimeAlone() throws IOException {
        LogRecord rec = new LogRecord();
        assertEquals(LinePlan.RECORD, strftimeAlone("apache-strftime-multi", "", "", rec));
        assertEquals(Instant.parse("2016-12-21T23:09:54Z").getEpochSecond(), rec.epochSecond());
    }

    /**
     * The other line was written by hand for a test: its %G says 2017 on Sunday 1 January 2017, which ISO 8601
     * (glibc's %G) puts in week 52 of 2016. Alone, that contradiction makes the time bad; with the 2016 that
     * Apache on glibc writes there, it reads.
     */
    @Test
    void logparsersLeadingSpacesLineAlone() throws IOException {
        LogRecord rec = new LogRecord();
        assertEquals(Reject.BAD_TIMESTAMP, Reject.ofOrdinal(strftimeAlone("apache-strftime-multi-lead", "", "", rec)));
        assertEquals(2016, LocalDate.of(2017, 1, 1).get(IsoFields.WEEK_BASED_YEAR));
        assertEquals(LinePlan.RECORD, strftimeAlone("apache-strftime-multi-lead", "January 01 2017 Jan", "January 01 2016 Jan", rec));
        assertEquals(Instant.parse("2017-01-01T12:01:21Z").getEpochSecond(), rec.epochSecond());
    }

    // ---------------------------------------------------------------- the per-line path

    /** Reading a strftime time makes no object: names are compared as bytes, pieces kept as ints. */
    @Test
    void readingAStrftimeTimeAllocatesNothing() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
        Assumptions.assumeTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled(), "no per-thread allocation counter");
        LinePlan plan = ApacheLogFormat.compile("%h [%{%A, %B %e %Y %j %U %W %V %G %u %w %l:%M:%S %p}t] \"%r\" %>s", java.time.ZoneId.of("America/New_York"));
        LinePlan.Parser parser = plan.newParser();
        LogRecord rec = new LogRecord();
        byte[][] lines = new byte[64][];
        // Within one hour, as a log's lines are: the zone's offset is looked up once an hour (a java.time object).
        LocalDateTime t = LocalDateTime.of(2001, 7, 1, 22, 0, 0);
        for (int i = 0; i < lines.length; i++, t = t.plusSeconds(7)) {
            lines[i] = ("192.0.2.1 [" + strftime("%A, %B %e %Y %j %U %W %V %G %u %w %l:%M:%S %p", t) + "] \"GET / HTTP/1.0\" 200")
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
        long sum = 0;
        for (int round = 0; round < 1000; round++) {
            for (byte[] l : lines) sum += parser.parse(l, 0, l.length, rec) + rec.epochSecond();
        }
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int round = 0; round < 1000; round++) {
            for (byte[] l : lines) sum += parser.parse(l, 0, l.length, rec) + rec.epochSecond();
        }
        long allocated = bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(sum != 0);
        assertTrue(allocated < 16 * 1024, allocated + " bytes for " + 1000 * lines.length + " lines");
    }
}
