package org.wormsign.pipeline;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.wormsign.format.LogFormat;

/**
 * Which time zone each input's local times are read in ({@code --tz}): {@code GLOB=ZONE} rules tried in the
 * order given, the first whose glob matches the input's name deciding (see {@link NameGlob}), else the one
 * plain {@code ZONE}, else none: UTC, with a warning. Only formats that log local time without an offset
 * (IIS native, strftime times without {@code %z}) use it; the others carry their offset or are UTC.
 */
public final class InputZones {
    /** No --tz at all. */
    public static final InputZones NONE = new InputZones(List.of(), null);
    /** What local times are read in when no zone applies; named, so that summary.json says {@code UTC}. */
    public static final ZoneId UTC = ZoneId.of("UTC");

    /** One {@code GLOB=ZONE}, kept as typed for messages. */
    record Rule(String spec, NameGlob glob, ZoneId zone) {}

    private final List<Rule> rules;
    private final ZoneId defaultZone;

    private InputZones(List<Rule> rules, ZoneId defaultZone) {
        this.rules = List.copyOf(rules);
        this.defaultZone = defaultZone;
    }

    /** One zone for every input; null: none. */
    public static InputZones of(ZoneId defaultZone) {
        return defaultZone == null ? NONE : new InputZones(List.of(), defaultZone);
    }

    /**
     * The {@code --tz} values as given: {@code ZONE} (at most one) and {@code GLOB=ZONE}. A zone never holds
     * {@code =}, so the last one splits: a file name may hold one.
     *
     * @throws IllegalArgumentException with a one-line message naming the value that is wrong and why
     */
    public static InputZones parse(List<String> specs) {
        List<Rule> rules = new ArrayList<>();
        ZoneId defaultZone = null;
        String defaultSpec = null;
        for (String spec : specs) {
            int eq = spec.lastIndexOf('=');
            if (eq < 0) {
                if (defaultSpec != null) {
                    throw new IllegalArgumentException("--tz: two zones for every input ('" + defaultSpec + "' and '" + spec
                            + "'): give one, and GLOB=ZONE for the inputs that differ");
                }
                defaultZone = zone(spec, spec);
                defaultSpec = spec;
                continue;
            }
            String glob = spec.substring(0, eq);
            ZoneId zone = zone(spec, spec.substring(eq + 1));
            try {
                rules.add(new Rule(spec, NameGlob.compile(glob), zone));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--tz '" + spec + "': bad pattern '" + glob + "': " + e.getMessage());
            }
        }
        return new InputZones(rules, defaultZone);
    }

    private static ZoneId zone(String spec, String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            String what = zone.isEmpty() ? "no time zone after '='" : "unknown time zone '" + zone + "'";
            throw new IllegalArgumentException("--tz" + (spec.equals(zone) ? ": " : " '" + spec + "': ") + what
                    + " (use a region such as Europe/Berlin or an offset such as +02:00)");
        }
    }

    List<Rule> rules() { return rules; }

    /** Whether no --tz was given at all. */
    public boolean isEmpty() { return rules.isEmpty() && defaultZone == null; }

    /** The zone of inputs no rule matches; null: none given. */
    public ZoneId defaultZone() { return defaultZone; }

    /** The zone given for the input named {@code name} (archive members as {@code archive!member}); null: none. */
    public ZoneId zoneFor(String name) {
        int r = ruleFor(name);
        return r < 0 ? defaultZone : rules.get(r).zone();
    }

    /** The index of the first rule matching {@code name}, or -1. */
    private int ruleFor(String name) {
        for (int i = 0; i < rules.size(); i++) if (rules.get(i).glob().matches(name)) return i;
        return -1;
    }

    /**
     * The zone an input's times were read in: {@code given}, or {@link #UTC} when none was; null when its
     * format logs no local time (an offset with each time, or UTC), so that no zone applies.
     */
    public static ZoneId applied(LogFormat format, ZoneId given) {
        if (format == null || !format.logsLocalTime()) return null;
        return given == null ? UTC : given;
    }

    /**
     * Why the local times of the input {@code name}, read in {@code zone} (see {@link #applied}), were read as UTC,
     * as summary.json says it; null when they were not.
     */
    public String localTimesAsUtc(String name, ZoneId zone) {
        if (!UTC.equals(zone) || zoneFor(name) != null) return null;
        return isEmpty() ? "no --tz given" : "no --tz pattern matches them";
    }

    /**
     * A warning for each rule that decided no input's zone, since a mistyped glob would otherwise leave its
     * inputs in UTC (or the default) without a word: none of {@code names} matches it, or an earlier rule
     * matched each of them first.
     */
    public List<String> unusedRules(Collection<String> names) {
        boolean[] decided = new boolean[rules.size()], matched = new boolean[rules.size()];
        for (String name : names) {
            int first = ruleFor(name);
            if (first >= 0) decided[first] = true;
            for (int i = first + 1; i < rules.size() && first >= 0; i++) matched[i] |= rules.get(i).glob().matches(name);
        }
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if (decided[i]) continue;
            warnings.add("--tz '" + rules.get(i).spec() + "' " + (matched[i]
                    ? "decided no input's zone: an earlier --tz pattern matches every input it matches (the first match decides)"
                    : "matched no input (a pattern is matched against each input's name as summary.json shows it)"));
        }
        return warnings;
    }
}
