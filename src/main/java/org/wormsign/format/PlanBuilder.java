package org.wormsign.format;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Collects literals and fields in order while a format string is compiled, then makes the {@link LinePlan}. */
public final class PlanBuilder {
    private final List<byte[]> literals = new ArrayList<>();
    private final List<FieldKind> fields = new ArrayList<>();
    private final StringBuilder literal = new StringBuilder();

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

    public boolean isEmpty() { return fields.isEmpty(); }

    public LinePlan build(String name, String spec, ZoneId zone) {
        List<byte[]> lits = new ArrayList<>(literals);
        lits.add(literal.toString().getBytes(StandardCharsets.ISO_8859_1));
        return new LinePlan(name, spec, lits, fields, zone);
    }
}
