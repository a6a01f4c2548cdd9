package org.wormsign.format;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects literals and fields in order while a format string is compiled, then makes the {@link LinePlan}.
 * Of the fields that may hold the client ({@link #client}), one is read as the client, chosen here once per
 * format: the one {@code --client} names, else the one of the best rank; the others are skipped, so no field
 * overrides another per line.
 */
public final class PlanBuilder {
    /** The rank of a field that is the client only when {@code --client} names it (a header, a variable of the user's). */
    public static final int ONLY_WHEN_NAMED = Integer.MAX_VALUE;

    private final List<byte[]> literals = new ArrayList<>();
    private final List<FieldKind> fields = new ArrayList<>();
    private final StringBuilder literal = new StringBuilder();
    /** The client field {@code --client} names, as {@link #client} is given its key; null: choose by rank. */
    private final String requested;
    /** The same, as the user wrote it. */
    private final String requestedAsGiven;
    private final List<Candidate> candidates = new ArrayList<>();

    private record Candidate(int field, String key, String written, int rank, FieldKind kind) {}

    public PlanBuilder() {
        this(null, null);
    }

    /**
     * @param requested the key of the field {@code --client} names (see {@link #client}); null: the best ranked
     * @param asGiven that field as the user wrote it
     */
    public PlanBuilder(String requested, String asGiven) {
        this.requested = requested;
        this.requestedAsGiven = asGiven;
    }

    public PlanBuilder literal(char c) {
        literal.append(c);
        return this;
    }

    public PlanBuilder literal(String s) {
        literal.append(s);
        return this;
    }

    public PlanBuilder field(FieldKind kind) {
        FieldKind last = fields.isEmpty() ? null : fields.get(fields.size() - 1);
        // A path and its query side by side (Apache's "%U%q") part at the '?' that starts the query.
        boolean pathThenQuery = last == FieldKind.PATH && kind == FieldKind.QUERY;
        if (literal.length() == 0 && last != null && kind.width == 0 && last.width == 0
                && last != FieldKind.SKIP && kind != FieldKind.SKIP && !pathThenQuery) {
            // Two variable-width fields that are read, with nothing between them, cannot be told apart.
            throw new FormatException("two fields with no separator between them cannot be parsed");
        }
        literals.add(literal.toString().getBytes(StandardCharsets.ISO_8859_1));
        literal.setLength(0);
        fields.add(kind);
        return this;
    }

    /**
     * A field that may hold the client.
     *
     * @param key how the format's compiler spells this field whatever case or modifiers it was written with,
     *     matched against {@code --client}
     * @param written the field as the format writes it, reported in summary.json
     * @param rank its place when {@code --client} names none: the lowest rank present is the client, the
     *     first of equals; {@link #ONLY_WHEN_NAMED}: never by default
     * @param kind {@link FieldKind#CLIENT} or {@link FieldKind#CLIENT_LIST}
     */
    public PlanBuilder client(String key, String written, int rank, FieldKind kind) {
        if (rank == ONLY_WHEN_NAMED && !key.equals(requested)) return field(FieldKind.SKIP);
        field(kind);
        candidates.add(new Candidate(fields.size() - 1, key, written, rank, kind));
        return this;
    }

    public boolean isEmpty() { return fields.isEmpty(); }

    public LinePlan build(String name, String spec, ZoneId zone) {
        Candidate chosen = null;
        for (Candidate c : candidates) {
            boolean better = requested != null ? chosen == null && c.key.equals(requested) : chosen == null || c.rank < chosen.rank;
            if (better) chosen = c;
        }
        if (requested != null && chosen == null) {
            List<String> present = new ArrayList<>();
            for (Candidate c : candidates) if (!present.contains(c.written)) present.add(c.written);
            throw new FormatException("--client " + requestedAsGiven + ": the format logs no such field that can hold an address"
                    + (present.isEmpty() ? "" : " (it has " + String.join(", ", present) + ")"));
        }
        List<FieldKind> kinds = new ArrayList<>(fields);
        for (Candidate c : candidates) if (c != chosen) kinds.set(c.field, FieldKind.SKIP);
        List<byte[]> lits = new ArrayList<>(literals);
        lits.add(literal.toString().getBytes(StandardCharsets.ISO_8859_1));
        return new LinePlan(name, spec, lits, kinds, zone, chosen == null ? null : chosen.written);
    }
}
