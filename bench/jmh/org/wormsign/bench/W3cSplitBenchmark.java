package org.wormsign.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.wormsign.detect.Classifier;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogRecord;
import org.wormsign.format.iis.W3cFormat;

/**
 * The choice issue 3 asks for: split IIS W3C rows with Univocity, or with wormsign's byte-level plan?
 * Both read the same lines (a realistic IIS 5 mix, Code Red included) and hand the status, path and
 * query onward; Univocity must first decode bytes to a String, as it reads chars.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class W3cSplitBenchmark {
    private static final String FIELDS = "#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent) cs(Referer)";
    private final List<byte[]> lines = new ArrayList<>();
    private LineParser bytePlan;
    private final LogRecord record = new LogRecord();
    private CsvParser univocity;

    @Setup
    public void setup() {
        String cr = "N".repeat(224) + Classifier.TAIL;
        for (int i = 0; i < 1000; i++) {
            String line = i % 50 == 0
                    ? "2001-07-19 15:38:" + String.format("%02d", i % 60) + " 137.250.36." + (i % 250) + " - 10.10.10.10 80 GET /default.ida " + cr + " 404 - -"
                    : "2001-07-19 15:38:" + String.format("%02d", i % 60) + " 192.0.2." + (i % 250) + " - 10.10.10.10 80 GET /images/p" + i
                      + ".gif - 200 Mozilla/4.0+(compatible;+MSIE+5.5;+Windows+98) http://www.example.com/index.htm";
            lines.add(line.getBytes(StandardCharsets.ISO_8859_1));
        }
        bytePlan = new W3cFormat().newParser();
        byte[] f = FIELDS.getBytes(StandardCharsets.ISO_8859_1);
        bytePlan.parse(f, 0, f.length, record);
        CsvParserSettings s = new CsvParserSettings();
        s.getFormat().setDelimiter(' ');
        s.getFormat().setQuote('\0');
        s.setMaxCharsPerColumn(-1);
        univocity = new CsvParser(s);
    }

    @Benchmark
    public void bytePlan(Blackhole bh) {
        for (byte[] l : lines) {
            bh.consume(bytePlan.parse(l, 0, l.length, record));
            bh.consume(record.status());
        }
    }

    @Benchmark
    public void univocity(Blackhole bh) {
        for (byte[] l : lines) {
            String[] row = univocity.parseLine(new String(l, StandardCharsets.ISO_8859_1));
            bh.consume(Integer.parseInt(row[9]));
            bh.consume(row[7]);
            bh.consume(row[8]);
        }
    }
}
