package org.wormsign.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.report.ReportModel;
import org.wormsign.testing.Runs;

/**
 * {@code --also-as}: a server's log written again in other formats holds the same requests and answers, line for
 * line, each format with its own conventions; and the analyzer finds the truth in every one of them. The lines
 * are read back here by a small parser of the test's own, not by the simulator's writers nor the analyzer's
 * parsers.
 */
class MirrorTest {
    @TempDir Path tmp;

    private static final List<String> ALL = SimulateOptions.logFormats();

    /** One logged request as every format can say it. {@code bytes} is null where the format has no byte count. */
    record Req(String client, long utc, String method, String path, String query, int status, Long bytes, String agent) {
        /** What every format logs. */
        String core() {
            return client + " " + Instant.ofEpochSecond(utc) + " " + method + " " + path + " ? " + query + " " + status;
        }
    }

    @Test
    void everyMirrorHoldsTheServersRequestsLineForLine() throws IOException {
        Path out = tmp.resolve("sim");
        // 17-21 September 2001: Code Red I (to the 19th), Code Red II and Nimda's first days, whose paths IIS
        // logs decoded once and Apache raw; a W3C server and an Apache (Berlin time) server, each in all formats.
        Simulation.Summary s = Simulation.run(new SimulateOptions(11, out, 0.1, LocalDate.of(2001, 9, 17), LocalDate.of(2001, 9, 21),
                List.of("apache-2.4", "iis-unmapped"), false, 10, 0, true, 2, ALL));

        Map<String, String[]> mirrors = mirrorsCsv(out);
        assertEquals(8, mirrors.size(), "four formats other than its own for each of the two servers: " + mirrors.keySet());
        assertEquals(8, s.mirrors().size());
        Map<String, String> zones = new HashMap<>();
        for (String[] server : csv(out.resolve("servers.csv"))) zones.put(server[0], server[4]);

        int nimda = 0, codeRed = 0;
        for (String server : List.of("apache-2.4", "iis-unmapped")) {
            String own = server.equals("apache-2.4") ? "apache-combined" : "iis-w3c";
            List<Req> reference = read(out.resolve(server), own, ZoneId.of(zones.get(server)));
            assertTrue(reference.size() > 1000, server + ": " + reference.size() + " lines");
            for (Req r : reference) {
                if (r.path().endsWith("cmd.exe") || r.path().endsWith("root.exe")) nimda++;
                if (r.path().equals("/default.ida")) codeRed++;
            }
            for (String format : ALL) {
                if (format.equals(own)) {
                    assertFalse(Files.exists(out.resolve(server + "." + format)), "a server's own format is not written again");
                    continue;
                }
                String folder = server + "." + format;
                String[] row = mirrors.get(folder);
                assertEquals(List.of(server, format), List.of(row[0], row[2]), "mirrors.csv row of " + folder);
                List<Req> mirror = read(out.resolve(folder), format, ZoneId.of(row[3]));
                assertEquals(reference.size(), mirror.size(), folder + ": as many requests");
                for (int i = 0; i < reference.size(); i++) {
                    Req a = reference.get(i), b = mirror.get(i);
                    assertEquals(a.core(), b.core(), folder + ", request " + (i + 1));
                    if (a.bytes() != null && b.bytes() != null) assertEquals(a.bytes(), b.bytes(), folder + ", bytes of request " + (i + 1));
                    if (a.agent() != null && b.agent() != null) assertEquals(a.agent(), b.agent(), folder + ", agent of request " + (i + 1));
                }
            }
        }
        assertTrue(nimda > 16 && codeRed > 5, "the worms' requests are among those compared: " + nimda + " Nimda, " + codeRed + " Code Red");
        assertEquals(s.codeRed() + s.codeRedII(), codeRed, "the truth counts each Code Red line once, mirrors or not");
    }

    @Test
    void aMirrorAnswersAsItsServerDoes() throws IOException {
        Path out = tmp.resolve("answers");
        Simulation.run(new SimulateOptions(4, out, 0.1, LocalDate.of(2001, 8, 5), LocalDate.of(2001, 8, 7),
                List.of("apache-2.4", "iis-vulnerable"), false, 5, 0, true, 2, List.of("iis-w3c", "nginx-combined")));
        // Apache 2.4.25+ answers both variants 400, also when its log is written in IIS's form.
        List<Req> w3c = read(out.resolve("apache-2.4.iis-w3c"), "iis-w3c", ZoneOffset.UTC);
        List<Req> worm = w3c.stream().filter(r -> r.path().equals("/default.ida")).toList();
        assertTrue(worm.size() > 3, "Code Red reached the server: " + worm.size());
        assertTrue(worm.stream().allMatch(r -> r.status() == 400), "400 to every Code Red request");
        // A vulnerable IIS logs no line for Code Red, in any format.
        List<Req> silent = read(out.resolve("iis-vulnerable.nginx-combined"), "nginx-combined", ZoneId.of("UTC"));
        assertFalse(silent.isEmpty());
        assertTrue(silent.stream().noneMatch(r -> r.path().equals("/default.ida")), "no Code Red line from a vulnerable IIS");
    }

    @Test
    void eachMirrorFollowsItsFormatsConventions() throws IOException {
        Path out = tmp.resolve("conventions");
        Simulation.run(new SimulateOptions(6, out, 0.05, LocalDate.of(2001, 7, 19), LocalDate.of(2001, 7, 21),
                List.of("apache-2.4"), false, 20, 0, true, 2, List.of("iis-w3c", "iis-native", "nginx-combined")));
        DateTimeFormatter local = DateTimeFormatter.ofPattern("dd/MMM/yyyy", Locale.ROOT);

        // W3C: one file per UTC day, directives first, CRLF, every line of the file's own UTC day.
        List<Path> w3c = files(out.resolve("apache-2.4.iis-w3c"));
        assertEquals(List.of("ex010719.log", "ex010720.log", "ex010721.log"), names(w3c), "UTC days, whatever Berlin's clock says");
        for (Path f : w3c) {
            String text = Files.readString(f, StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("#Software: Microsoft Internet Information Services 5.0\r\n#Version: 1.0\r\n#Date: "), f.toString());
            assertTrue(text.contains("\r\n#Fields: date time c-ip "), f.toString());
            assertEquals(text.split("\n", -1).length - 1, text.split("\r\n", -1).length - 1, "CRLF line ends in " + f);
            String day = "2001-07-" + f.getFileName().toString().substring(6, 8);
            for (String line : text.split("\r\n")) if (!line.startsWith("#")) assertTrue(line.startsWith(day + " "), f + ": " + line);
        }
        // IIS native and nginx: Berlin's local days, as the server's own files (the UTC days start at 02:00 there).
        List<String> days = new ArrayList<>();
        for (String name : names(files(out.resolve("apache-2.4")))) days.add(name.substring("access_log.".length()));
        assertEquals("2001-07-19", days.get(0));
        assertTrue(days.size() >= 3, days.toString());
        List<Path> nat = files(out.resolve("apache-2.4.iis-native"));
        assertEquals(days.stream().map(d -> "in" + d.substring(2).replace("-", "") + ".log").toList(), names(nat));
        for (Path f : nat) {
            String name = f.getFileName().toString();
            String date = name.substring(4, 6) + "/" + name.substring(6, 8) + "/" + name.substring(2, 4);
            for (String line : Files.readString(f, StandardCharsets.ISO_8859_1).split("\r\n")) {
                assertTrue(line.matches("[0-9.]+, -, " + date + ", ([0-9]|1\\d|2[0-3]):\\d\\d:\\d\\d, W3SVC1, .*,"), f + ": " + line);
            }
        }
        List<Path> nginx = files(out.resolve("apache-2.4.nginx-combined"));
        assertEquals(days.stream().map(d -> "access.log-" + d.replace("-", "")).toList(), names(nginx));
        for (Path f : nginx) {
            String name = f.getFileName().toString();
            String day = LocalDate.of(2001, 7, Integer.parseInt(name.substring(name.length() - 2))).format(local);
            for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) assertTrue(line.contains("[" + day + ":"), f + ": " + line);
        }
        String apache = Files.readString(files(out.resolve("apache-2.4")).get(1), StandardCharsets.ISO_8859_1);
        String nginxText = Files.readString(nginx.get(1), StandardCharsets.ISO_8859_1);
        assertTrue(apache.contains("\" 304 - \""), "Apache writes - for an empty body");
        assertFalse(nginxText.contains("\" 304 - \""));
        assertTrue(nginxText.contains("\" 304 0 \""), "nginx writes 0");
        assertEquals(apache.replace("\" 304 - \"", "\" 304 0 \""), nginxText, "otherwise the same bytes as Apache's combined log");
    }

    @Test
    void analyzerFindsTheTruthInEveryMirror() throws IOException {
        Path out = tmp.resolve("analyzed");
        // Apache 2.4 answers 400 to both variants: every mirror must still give hosts.csv = truth.csv.
        Simulation.run(new SimulateOptions(8, out, 0.2, LocalDate.of(2001, 7, 17), LocalDate.of(2001, 8, 7),
                List.of("apache-2.4"), true, 4, 0, true, 2, ALL));
        Map<String, long[]> truth = counts(Files.newBufferedReader(out.resolve("truth.csv")), false);
        assertTrue(truth.size() > 20, "sources to find: " + truth.size());
        assertTrue(truth.values().stream().anyMatch(t -> t[1] > 0), "Code Red II among them");
        List<String> folders = new ArrayList<>(List.of("apache-2.4"));
        for (String[] m : mirrorsCsv(out).values()) folders.add(m[0] + "." + m[2]);
        assertEquals(5, folders.size());
        for (String folder : folders) {
            ReportModel model = Runs.analyze(out.resolve(folder));
            Map<String, long[]> found = counts(new StringReader(Runs.hostsCsv(model)), true);
            assertEquals(truth.keySet(), found.keySet(), folder + ": the same sources");
            for (Map.Entry<String, long[]> e : truth.entrySet()) {
                long[] f = found.get(e.getKey());
                assertEquals(e.getValue()[0], f[0], folder + ": Code Red I attempts of " + e.getKey());
                assertEquals(e.getValue()[1], f[1], folder + ": Code Red II attempts of " + e.getKey());
                assertEquals(e.getValue()[0] + e.getValue()[1], f[2], folder + ": every attempt of " + e.getKey() + " answered 400");
            }
            assertEquals(0, model.totals().rejected(), folder + ": every line a record or a directive");
        }
    }

    @Test
    void badFormatsAreRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SimulateOptions(1, tmp, 1,
                LocalDate.of(2001, 7, 12), LocalDate.of(2001, 7, 13), List.of("nginx"), false, 1, 0, true, 1, List.of("w3c")));
        assertEquals("--also-as: unknown log format 'w3c'; known: iis-w3c, iis-native, apache-common, apache-combined, nginx-combined", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SimulateOptions(1, tmp, 1,
                LocalDate.of(2001, 7, 12), LocalDate.of(2001, 7, 13), List.of("nginx"), false, 1, 0, true, 1, List.of("iis-w3c", "IIS-W3C")));
        assertEquals("--also-as names iis-w3c twice", e.getMessage());
    }

    @Test
    void everyServersClockIsWholeHoursFromUtc() {
        // A mirror's files are cut by its own days from the same hour slices: this is what makes that possible.
        for (ServerKind k : ServerKind.values()) {
            for (long t = Utc.of(2001, 1, 1); t < Utc.of(2002, 1, 1); t += Utc.DAY) {
                int offset = k.zone.getRules().getOffset(Instant.ofEpochSecond(t)).getTotalSeconds();
                assertEquals(0, offset % 3600, k + " on " + Utc.date(t));
            }
        }
    }

    // ---- a small reader of the five formats, independent of the simulator's writers ----

    private static final Pattern NCSA = Pattern.compile(
            "(\\S+) - - \\[(\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4})\\] \"(\\S+) (\\S+) +(HTTP/1\\.[01])\" (\\d{3}) (\\d+|-)(?: \"([^\"]*)\" \"([^\"]*)\")?");
    private static final DateTimeFormatter NCSA_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
    private static final DateTimeFormatter NATIVE_TIME = DateTimeFormatter.ofPattern("MM/dd/yy H:mm:ss", Locale.ROOT);

    /** Every request of a folder's files, in the order of their names (dated names sort by day). */
    private static List<Req> read(Path folder, String format, ZoneId zone) throws IOException {
        List<Req> out = new ArrayList<>();
        for (Path f : files(folder)) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            boolean crlf = format.startsWith("iis");
            for (String line : text.split("\n")) {
                if (crlf) {
                    assertTrue(line.endsWith("\r"), f + ": a CRLF line end");
                    line = line.substring(0, line.length() - 1);
                } else {
                    assertFalse(line.endsWith("\r"), f + ": an LF line end");
                }
                if (format.equals("iis-w3c") && line.startsWith("#")) continue;
                out.add(parse(line, format, zone));
            }
        }
        return out;
    }

    private static Req parse(String line, String format, ZoneId zone) {
        switch (format) {
            case "iis-w3c": {
                String[] f = line.split(" ");
                assertEquals(12, f.length, line);
                long utc = LocalDateTime.parse(f[0] + "T" + f[1]).toEpochSecond(ZoneOffset.UTC);
                return new Req(f[2], utc, f[6], f[7], f[8].equals("-") ? null : f[8], Integer.parseInt(f[9]), null,
                        f[10].equals("-") ? null : f[10]);
            }
            case "iis-native": {
                String[] f = line.split(", ");
                assertEquals(15, f.length, line);
                assertTrue(f[14].endsWith(","), line);
                String query = f[14].substring(0, f[14].length() - 1);
                long utc = LocalDateTime.parse(f[2] + " " + f[3], NATIVE_TIME).atZone(zone).toEpochSecond();
                return new Req(f[0], utc, f[12], f[13], query.equals("-") ? null : query, Integer.parseInt(f[10]),
                        Long.parseLong(f[9]), null);
            }
            default: {
                Matcher m = NCSA.matcher(line);
                assertTrue(m.matches(), format + ": " + line);
                assertEquals(format.equals("apache-common"), m.group(8) == null, "combined formats have Referer and User-Agent: " + line);
                OffsetDateTime t = OffsetDateTime.parse(m.group(2), NCSA_TIME);
                assertEquals(zone.getRules().getOffset(t.toInstant()), t.getOffset(), "the server's own clock: " + line);
                String target = m.group(4);
                int q = target.indexOf('?');
                // IIS logs the path decoded once (DOMAIN.md): compare on that form.
                String path = decodeOnce(q < 0 ? target : target.substring(0, q));
                String bytes = m.group(7);
                if (format.equals("nginx-combined")) assertFalse(bytes.equals("-"), "nginx logs 0 for no body: " + line);
                String agent = m.group(9) == null || m.group(9).equals("-") ? null : m.group(9).replace(' ', '+');
                return new Req(m.group(1), t.toEpochSecond(), m.group(3), path, q < 0 ? null : target.substring(q + 1),
                        Integer.parseInt(m.group(6)), bytes.equals("-") ? 0L : Long.parseLong(bytes), agent);
            }
        }
    }

    private static String decodeOnce(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.append(s.charAt(i));
            }
        }
        return b.toString();
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) rows.add(rec.values());
        }
        return rows;
    }

    /** folder -> {server, kind, format, time_zone}, from mirrors.csv. */
    private static Map<String, String[]> mirrorsCsv(Path out) throws IOException {
        assertEquals("folder,server,kind,format,time_zone", Files.readAllLines(out.resolve("mirrors.csv")).get(0));
        Map<String, String[]> m = new TreeMap<>();
        for (String[] row : csv(out.resolve("mirrors.csv"))) m.put(row[0], java.util.Arrays.copyOfRange(row, 1, row.length));
        return m;
    }

    /** source_ip -> {code_red_attempts, code_red_ii_attempts[, status_400]}, from truth.csv or hosts.csv. */
    private static Map<String, long[]> counts(Reader r, boolean hosts) throws IOException {
        Map<String, long[]> m = new TreeMap<>();
        try (r) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                long cr = Long.parseLong(rec.get("code_red_attempts")), ii = Long.parseLong(rec.get("code_red_ii_attempts"));
                long[] previous = m.put(rec.get("source_ip"), hosts ? new long[] {cr, ii, Long.parseLong(rec.get("status_400"))} : new long[] {cr, ii});
                assertEquals(null, previous, "one row per source: " + rec.get("source_ip"));
            }
        }
        return m;
    }
}
