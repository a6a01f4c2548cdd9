package org.wormsign.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.wormsign.aggregate.ActivityMinutes;
import org.wormsign.aggregate.AttemptTimes;
import org.wormsign.aggregate.Snapshot;
import org.wormsign.aggregate.SourceSummary;
import org.wormsign.aggregate.TargetSummary;
import org.wormsign.aggregate.UnreadableFourHundreds;
import org.wormsign.detect.ServerAnswer;
import org.wormsign.format.SourceAddress;
import org.wormsign.format.CivilTime;

/**
 * What a responder concludes from the merged summaries: what each target's answers mean, where it fell
 * silent, which unreadable 400s were probably the worm, how Code Red II sources cluster. Pure functions
 * of a {@link Snapshot}; the report model holds their results.
 */
final class Forensics {
    private Forensics() {}

    /** A 400 with an unreadable request this close to a Code Red attempt from the same source is a probable side effect. */
    static final long SIDE_EFFECT_WINDOW_SECONDS = 10 * 60;
    /** A silence that starts this soon after an attempt is the signature of an infected or crashed IIS. */
    static final long SILENCE_AFTER_ATTEMPT_SECONDS = 10 * 60;

    static ReportModel.TargetRow target(TargetSummary t, long gapSeconds, Map<String, HostFacts.CodeRedIISources> codeRedIISources) {
        List<ReportModel.AnswerRow> answers = new ArrayList<>();
        t.answers().forEach((status, v) -> answers.add(new ReportModel.AnswerRow(status, v[0], v[1], v[2],
                ServerAnswer.meaning(t.kind(), status))));
        answers.sort(Comparator.comparingLong(ReportModel.AnswerRow::firstSeen).thenComparingInt(ReportModel.AnswerRow::status));
        StringBuilder verdict = new StringBuilder();
        for (ReportModel.AnswerRow a : answers) {
            if (verdict.length() > 0) verdict.append("; then ");
            verdict.append(a.meaning()).append(" ×").append(a.attempts()).append(", ");
            if (a.firstSeen() == Long.MAX_VALUE) verdict.append("time not logged");
            else verdict.append(Times.iso(a.firstSeen())).append(a.attempts() > 1 ? " to " + Times.iso(a.lastSeen()) : "");
        }
        if (answers.isEmpty()) verdict.append("no Code Red attempt logged");

        List<ReportModel.SilenceRow> silences = new ArrayList<>();
        AttemptTimes attempts = t.attemptTimes();
        // Only an IIS (or a server of unknown kind) can be infected and fall silent because of the worm;
        // a non-IIS server's silence after a probe is a coincidence.
        boolean infectable = t.kind() != org.wormsign.detect.ServerKind.NON_IIS;
        for (ActivityMinutes.Silence s : t.activity().silences(gapSeconds)) {
            Long before = attempts.lastAtOrBefore(s.fromEpochSecond());
            boolean afterAttempt = infectable && before != null && s.fromEpochSecond() - before <= SILENCE_AFTER_ATTEMPT_SECONDS;
            silences.add(new ReportModel.SilenceRow(s.fromEpochSecond(), s.toEpochSecond(), afterAttempt ? before : Long.MIN_VALUE));
        }

        long s8 = -1, s16 = -1;
        // A server logged as an IPv4-mapped address (::ffff:10.0.0.5, nginx's $server_addr on a dual-stack
        // socket) is its IPv4 address: Code Red II's locality is counted in its /8 and /16.
        SourceAddress server = SourceAddress.parse(t.target());
        HostFacts.CodeRedIISources crIISources = t.codeRedII() == 0 ? null : codeRedIISources.get(t.target());
        if (server.isIpv4() && crIISources != null) {
            int targetAddress = server.ipv4();
            s8 = 0;
            s16 = 0;
            for (int i = 0; i < crIISources.ipv4Count(); i++) {
                int a = crIISources.ipv4(i);
                if ((a >>> 24) == (targetAddress >>> 24)) s8++;
                if ((a >>> 16) == (targetAddress >>> 16)) s16++;
            }
        }
        return new ReportModel.TargetRow(t.target(), t.kind().label(), t.codeRed(), t.codeRedII(),
                t.codeRedStatuses().status400() + t.codeRedIIStatuses().status400(),
                t.codeRedStatuses().status404() + t.codeRedIIStatuses().status404(),
                t.codeRedStatuses().status200() + t.codeRedIIStatuses().status200(),
                t.codeRedStatuses().other() + t.codeRedIIStatuses().other(), t.firstSeen(), t.lastSeen(),
                t.records(), t.firstRecord(), t.lastRecord(), verdict.toString(), List.copyOf(answers), List.copyOf(silences),
                crIISources == null ? 0 : crIISources.count(), s8, s16);
    }

    /** Attempts by UTC day of month, [1..31]: {Code Red I, Code Red II}. */
    static long[][] byDayOfMonth(Snapshot snap) {
        long[][] out = new long[2][32];
        snap.daily().forEach((day, c) -> {
            int dom = CivilTime.dayOfMonth(day);
            out[0][dom] += c[0];
            out[1][dom] += c[1];
        });
        return out;
    }
}
