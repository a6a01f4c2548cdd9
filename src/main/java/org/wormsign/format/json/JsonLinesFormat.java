package org.wormsign.format.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogFormat;

/**
 * JSON lines (one object per line) read by a {@link JsonLayout}: Caddy, Traefik, nginx {@code escape=json},
 * Cloudflare, or the keys given with {@code --json-fields}. Times carry their offset or are epochs, so no
 * {@code --tz} applies.
 */
public final class JsonLinesFormat implements LogFormat {
    /**
     * One factory for every parser. Jackson's read limits bound what a hostile line can cost beyond its own
     * length (already capped by --max-line): nesting deeper than any log layout is not JSON worth reading.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    private final JsonLayout layout;

    public JsonLinesFormat(JsonLayout layout) {
        this.layout = layout;
    }

    @Override public String name() { return layout.name(); }

    /** The client key of a layout that has one ({@code ClientIP}); of several, the parser says which one its lines use. */
    @Override public String clientField() {
        return layout.client().size() == 1 ? String.join(".", layout.client().get(0)) : null;
    }

    @Override public LineParser newParser() { return new JsonLineParser(FACTORY, layout); }
}
