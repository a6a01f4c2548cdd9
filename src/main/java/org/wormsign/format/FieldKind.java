package org.wormsign.format;

/**
 * What a log field means to wormsign, whichever format spelled it. Fields that nothing reads are
 * {@link #SKIP}: they are located but never copied or decoded.
 */
public enum FieldKind {
    /** Client address or host name (Apache {@code %h %a}, nginx {@code $remote_addr}). */
    CLIENT(false),
    /**
     * The client from a request header that proxies append to ({@code X-Forwarded-For: a, b, c}): its leftmost
     * address, the one the first proxy saw, is the client (README, "Which field is the client").
     */
    CLIENT_LIST(false),
    /** {@code 10/Oct/2000:13:55:36 -0700}, Apache {@code %t} without its brackets, nginx {@code $time_local}. */
    TIME_APACHE(false),
    /** The whole request line (Apache {@code %r}, nginx {@code $request}); where present, the path and query come from it alone. */
    REQUEST(true),
    /** Final status (Apache {@code %>s %s}, nginx {@code $status}). */
    STATUS(false),
    /**
     * The server that logged the line: virtual host name or local address ({@code %v %A}, nginx
     * {@code $server_name $server_addr}). Never the client's Host header: Code Red I sends www.worm.com.
     */
    TARGET(false),
    /** The request method alone (Apache {@code %m}, nginx {@code $request_method}). */
    METHOD(false),
    /**
     * The URL path alone (Apache {@code %U}, nginx {@code $uri}), after any internal rewrite: read only when the
     * format has neither a request line nor a {@code $request_uri} ({@code LinePlan.pathSource}).
     */
    PATH(false),
    /** The query string, with or without its leading {@code ?} (Apache {@code %q}, nginx {@code $args}). */
    QUERY(false),
    /** Path and query together, as the client sent them (nginx {@code $request_uri}). */
    URI(false),
    /** A number or {@code -} that nothing reads (bytes, durations, ports): validated, then skipped. */
    NUMBER(false),
    /** Free text nothing reads (ident, user, referer, user agent, other headers). */
    SKIP(true),

    // Parts of a time spelled by a strftime format (Apache %{format}t) or nginx's $time_iso8601 / $msec.
    // Fixed-width parts are cut by width, so "%Y%m%d" needs no separators. TimeRecipe says which of them
    // give the date and which only decorate it.
    T_YEAR(4), T_YEAR2(2), T_MONTH(2), T_MONTH_ABBR(3), T_MONTH_NAME(0), T_DAY(2), T_HOUR(2), T_HOUR12(2),
    T_AMPM(2), T_MINUTE(2), T_SECOND(2),
    /** A weekday's name ({@code %a %A}). */
    T_WEEKDAY(0),
    /** The century, {@code %C}: the year divided by 100. */
    T_CENTURY(2),
    /** The ISO 8601 week-based year, {@code %G}, and its last two digits, {@code %g}. */
    T_ISO_YEAR(4), T_ISO_YEAR2(2),
    /** The ISO 8601 week, 01–53, {@code %V}: weeks start on Monday, week 1 holds the year's first Thursday. */
    T_ISO_WEEK(2),
    /** The day of the year, 001–366, {@code %j}. */
    T_DAY_OF_YEAR(3),
    /** The weekday as a digit: {@code %u} 1–7 from Monday, {@code %w} 0–6 from Sunday. */
    T_WEEKDAY_FROM_MONDAY(1), T_WEEKDAY_FROM_SUNDAY(1),
    /** The week of the year, 00–53, {@code %U} counting from the first Sunday, {@code %W} from the first Monday. */
    T_WEEK_FROM_SUNDAY(2), T_WEEK_FROM_MONDAY(2),
    /** {@code +hhmm} (strftime {@code %z}). */
    T_OFFSET(5),
    /** {@code +hh:mm} (ISO 8601, nginx {@code $time_iso8601}). */
    T_ISO_OFFSET(6),
    /** A zone name ({@code %Z}): not convertible, the time is read in --tz. */
    T_ZONE_NAME(0),
    T_EPOCH_SECONDS(0), T_EPOCH_MILLIS(0), T_EPOCH_MICROS(0),
    /** Seconds with a fraction, nginx {@code $msec}: {@code 995536838.123}. */
    T_EPOCH_DECIMAL(0);

    /** Whether the field's value may contain its own terminator (quoted free text), so a later one may be tried. */
    final boolean mayContainTerminator;
    /** Bytes the field always takes, or 0 when it ends at the next separator. */
    final int width;

    FieldKind(boolean mayContainTerminator) {
        this.mayContainTerminator = mayContainTerminator;
        this.width = 0;
    }

    FieldKind(int width) {
        this.mayContainTerminator = false;
        this.width = width;
    }

    /** Part of a time spelled in pieces: the plan assembles the time once the line is read. */
    public boolean isTimePart() {
        return name().startsWith("T_");
    }
}
