package org.wormsign.pipeline;

import java.io.Serializable;
import java.util.List;

import org.wormsign.format.FormatException;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LogFormat;
import org.wormsign.format.apache.ApacheLogFormat;
import org.wormsign.format.json.JsonLayout;
import org.wormsign.format.json.JsonLinesFormat;
import org.wormsign.format.nginx.NginxLogFormat;

/**
 * The options that decide how an input's lines are read, as the command line spells them: compiled where the
 * lines are read. {@code analyze} compiles them once; a Spark job sends this text to its executors, which compile
 * it there (a compiled plan holds parsers and zones, which do not travel).
 *
 * @param format {@code auto} or a format's name ({@code --format})
 * @param logFormat {@code --log-format}, or null
 * @param nginxFormat {@code --nginx-format}, or null
 * @param jsonFields {@code --json-fields}, or null
 * @param client {@code --client}, or null
 * @param tz the values of {@code --tz}
 * @param maxLineBytes {@code --max-line}
 */
public record LineOptions(String format, String logFormat, String nginxFormat, String jsonFields, String client,
                          List<String> tz, int maxLineBytes) implements Serializable {
    private static final long serialVersionUID = 1L;

    public LineOptions {
        tz = List.copyOf(tz);
    }

    /** The format named for every input, compiled; null: each input's is sniffed. */
    public LogFormat compileFormat() throws FormatException {
        if (logFormat != null) return ApacheLogFormat.compile(logFormat, null, client);
        if (nginxFormat != null) return NginxLogFormat.compile("nginx-custom", nginxFormat, null, client);
        if (jsonFields != null) return new JsonLinesFormat(JsonLayout.parseFields(jsonFields));
        if (!"auto".equals(format)) return KnownFormats.byName(format);
        return null;
    }

    /** The zones of {@code --tz}; an IllegalArgumentException says in one line what is wrong with one. */
    public InputZones zones() {
        return InputZones.parse(tz);
    }
}
