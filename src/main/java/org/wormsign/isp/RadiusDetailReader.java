package org.wormsign.isp;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * FreeRADIUS accounting {@code detail} files (rlm_detail): a record is a date line at the start of a line,
 * then one tab-indented {@code Attribute = value} a line, then a blank line:
 *
 * <pre>
 * Fri Dec 15 18:00:24 2000
 * 	Acct-Session-Id = "2193976896017"
 * 	User-Name = "e2"
 * 	Acct-Status-Type = Start
 * 	Framed-IP-Address = 11.10.10.125
 * 	NAS-IP-Address = 11.10.10.11
 * 	Acct-Delay-Time = 0
 * 	Timestamp = 976896024
 * </pre>
 *
 * Each record becomes an event for {@link RadiusSessions}, which pairs them into sessions across all the
 * files read. Its time: {@code Event-Timestamp} (epoch seconds, or the date FreeRADIUS prints, in UTC or
 * GMT), else {@code Timestamp} (when the server logged it) less {@code Acct-Delay-Time} (how long the NAS held
 * it, RFC 2866 5.2). The date line is the server's local time with no zone: never used.
 */
final class RadiusDetailReader {
    private RadiusDetailReader() {}

    private static final DateTimeFormatter EVENT = DateTimeFormatter.ofPattern("MMM d uuuu H:m:s", Locale.ROOT);

    static void read(BufferedReader in, String file, Reading r) throws IOException {
        Map<String, String> attributes = new HashMap<>();
        long recordLine = -1, line = 0;
        StringBuilder text = new StringBuilder();
        for (String raw; ; ) {
            raw = in.readLine();
            if (raw != null) line++;
            boolean attribute = raw != null && !raw.isEmpty() && Character.isWhitespace(raw.charAt(0)) && !raw.isBlank();
            if (attribute) {
                if (recordLine < 0) {
                    r.problems.reject(file, line, "attribute-outside-record", raw);
                    continue;
                }
                int eq = raw.indexOf('=');
                if (eq < 0) {
                    r.problems.reject(file, line, "not-an-attribute", raw);
                    continue;
                }
                attributes.put(raw.substring(0, eq).strip(), unquoted(raw.substring(eq + 1)));
                if (text.length() < 400) text.append(raw.strip()).append("; ");
                continue;
            }
            // A blank line, a new date line or the end: the record so far is complete.
            if (recordLine >= 0) {
                event(attributes, file, recordLine, text.toString(), r);
                attributes.clear();
                text.setLength(0);
                recordLine = -1;
            }
            if (raw == null) break;
            if (!raw.isBlank()) {
                recordLine = line;
                text.append(raw.strip()).append(": ");
            }
        }
    }

    private static void event(Map<String, String> a, String file, long line, String text, Reading r) {
        String type = a.get("Acct-Status-Type");
        if (type == null) {
            r.problems.reject(file, line, "no-acct-status-type", text);
            return;
        }
        long at = time(a);
        if (at == Times.BAD) {
            r.problems.reject(file, line, "no-time", text);
            return;
        }
        String nas = a.getOrDefault("NAS-IP-Address", a.getOrDefault("NAS-IPv6-Address", a.getOrDefault("NAS-Identifier", "")));
        RadiusSessions.Kind kind = switch (type) {
            case "Start" -> RadiusSessions.Kind.START;
            case "Stop" -> RadiusSessions.Kind.STOP;
            case "Interim-Update", "Alive" -> RadiusSessions.Kind.INTERIM;
            case "Accounting-On", "Accounting-Off" -> RadiusSessions.Kind.NAS_RESTART;
            default -> null;
        };
        if (kind == null) {
            r.problems.reject(file, line, "unknown-acct-status-type", text);
            return;
        }
        if (kind == RadiusSessions.Kind.NAS_RESTART) {
            r.radius.add(kind, nas, null, at, 0, null, null, 0, file, line, text);
            return;
        }
        String session = a.get("Acct-Session-Id");
        if (session == null || session.isEmpty()) {
            r.problems.reject(file, line, "no-acct-session-id", text);
            return;
        }
        long[] address = null;
        String framed = a.get("Framed-IP-Address");
        if (framed == null) framed = a.get("Framed-IPv6-Address");
        if (framed != null) {
            address = new long[2];
            if (!Ip.parse(framed, address)) {
                r.problems.reject(file, line, "bad-address", text);
                return;
            }
        }
        long sessionTime = a.containsKey("Acct-Session-Time") ? Times.seconds(a.get("Acct-Session-Time")) : -1;
        long interim = a.containsKey("Acct-Interim-Interval") ? Times.seconds(a.get("Acct-Interim-Interval")) : 0;
        if (sessionTime == Times.BAD || interim == Times.BAD) {
            r.problems.reject(file, line, "bad-number", text);
            return;
        }
        String customer = a.get(r.field(CustomerFormat.RADIUS));
        r.radius.add(kind, nas, session, at, sessionTime, address, customer, interim, file, line, text);
    }

    /** The event's UTC second: Event-Timestamp, else Timestamp − Acct-Delay-Time; {@link Times#BAD} if neither. */
    static long time(Map<String, String> a) {
        String event = a.get("Event-Timestamp");
        if (event != null) {
            long t = eventTimestamp(event);
            if (t != Times.BAD) return t;
        }
        String logged = a.get("Timestamp");
        if (logged == null) return Times.BAD;
        long t = Times.seconds(logged);
        long delay = a.containsKey("Acct-Delay-Time") ? Times.seconds(a.get("Acct-Delay-Time")) : 0;
        return t == Times.BAD || delay == Times.BAD ? Times.BAD : t - delay;
    }

    /** {@code 976896024}, or {@code Dec 15 2000 18:00:24 UTC}; another zone's abbreviation is ambiguous: none. */
    private static long eventTimestamp(String v) {
        long n = Times.seconds(v);
        if (n != Times.BAD) return n;
        String t = v.strip().replaceAll("\\s+", " ");
        if (!t.endsWith(" UTC") && !t.endsWith(" GMT")) return Times.BAD;
        String date = t.substring(0, t.length() - 4);
        int dot = date.indexOf('.');
        if (dot > 0) date = date.substring(0, dot);
        try {
            return LocalDateTime.parse(date, EVENT).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Times.BAD;
        }
    }

    private static String unquoted(String v) {
        String t = v.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
