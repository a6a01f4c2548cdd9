package org.wormsign.isp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * RADIUS accounting events of every detail file read, paired into sessions once all are read (a session's
 * Start and Stop may sit in different days' files): each session is a holding of its Framed-IP-Address by its
 * customer from Start to Stop. Events are taken in time order, keyed by NAS and {@code Acct-Session-Id}.
 *
 * <ul>
 * <li>no Start (its file was lost or rotated away): rebuilt from the first Interim-Update or Stop, as that
 *     event's time less {@code Acct-Session-Time} (RFC 2866 5.7);
 * <li>no Stop: the session ends when its NAS sends Accounting-On or Accounting-Off (it restarted, RFC 2866
 *     5.1: every session on it is over), else at its last event plus the interim interval
 *     ({@code Acct-Interim-Interval} if the session gave one, else {@code --radius-interim}).
 * </ul>
 */
final class RadiusSessions {
    enum Kind { START, INTERIM, STOP, NAS_RESTART }

    private record Event(Kind kind, String nas, String session, long at, long sessionTime, long[] address, String customer,
                         long interim, String file, long line, String text, long order) {}

    private static final class Session {
        long start, last, interim;
        long[] address;
        String customer, file, text;
        long line;
    }

    private final Reading reading;
    private final long defaultInterim;
    private final List<Event> events = new ArrayList<>();

    RadiusSessions(Reading reading, long defaultInterim) {
        this.reading = reading;
        this.defaultInterim = defaultInterim;
    }

    void add(Kind kind, String nas, String session, long at, long sessionTime, long[] address, String customer, long interim,
             String file, long line, String text) {
        events.add(new Event(kind, nas, session, at, sessionTime, address, customer, interim, file, line, text, events.size()));
    }

    int events() { return events.size(); }

    /** Pairs every event read into sessions and gives each to the lease index. */
    void finish() {
        events.sort(Comparator.comparingLong(Event::at).thenComparingLong(Event::order));
        Map<String, Session> open = new HashMap<>();
        for (Event e : events) {
            if (e.kind == Kind.NAS_RESTART) {
                for (Iterator<Map.Entry<String, Session>> it = open.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<String, Session> s = it.next();
                    if (s.getKey().startsWith(e.nas + "\u0000")) {
                        close(s.getValue(), e.at);
                        it.remove();
                    }
                }
                continue;
            }
            String key = e.nas + "\u0000" + e.session;
            Session s = open.get(key);
            if (e.kind == Kind.START && s != null) {
                // A second Start of one session id: the first one's Stop was lost; it ended no later than this.
                close(s, e.at);
                s = null;
            }
            if (s == null) {
                s = new Session();
                s.start = e.kind == Kind.START || e.sessionTime < 0 ? e.at : e.at - e.sessionTime;
                s.file = e.file;
                s.line = e.line;
                s.text = e.text;
                s.interim = defaultInterim;
                open.put(key, s);
            }
            s.last = e.at;
            if (e.address != null) s.address = e.address;
            if (e.customer != null && !e.customer.isEmpty()) s.customer = e.customer;
            if (e.interim > 0) s.interim = e.interim;
            if (e.kind == Kind.STOP) {
                close(s, e.at);
                open.remove(key);
            }
        }
        for (Session s : open.values()) close(s, s.last + s.interim);
        events.clear();
    }

    private void close(Session s, long end) {
        if (s.address == null) {
            reading.problems.reject(s.file, s.line, "session-without-framed-ip-address", s.text);
        } else if (s.customer == null) {
            reading.withoutClient++;
        } else {
            reading.hold(s.file, s.line, s.text, s.address, s.start, Math.max(s.start, end), s.customer);
        }
    }
}
