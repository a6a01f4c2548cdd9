package org.wormsign.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.wormsign.aggregate.Evidence;
import org.wormsign.aggregate.EvidenceText;
import org.wormsign.isp.IspFindings;

/**
 * {@code notices/}: per customer a plain-text notice made from a template, and per source address of theirs an
 * XARF v4 report (JSON), in a folder of the customer's own:
 *
 * <pre>
 * notices/acme.txt
 * notices/acme/192.0.2.70.json
 * </pre>
 *
 * The template's {@code {{placeholders}}} ({@link #PLACEHOLDERS}) are filled with text made one printable line
 * each ({@link MailText}), {@code {{evidence}}} with the customer's evidence lines, two lines each: time,
 * file, line and SHA-256, then the line as logged, likewise made printable. Nothing from a log or the customer
 * data can start a line of its own, so none can add a mail header.
 *
 * <p>The XARF report follows XARF v4's core schema (github.com/xarf/xarf-spec, schemas/v4/xarf-core.json:
 * xarf_version, report_id as a UUID, timestamp, reporter and sender with org, contact and domain,
 * source_identifier, category, type, evidence items of content_type, description, base64 payload, a
 * {@code sha256:} hash and size), with category {@code connection} and type {@code infected_host}: a source of
 * Code Red requests is a host the worm runs on. Its report_id is made from what it reports, so the same
 * logs give the same files.
 */
public final class Notices {
    private Notices() {}

    /**
     * Evidence lines a notice shows at most: a customer with thousands of addresses (a business's static block)
     * would otherwise get a notice of megabytes; every line is still in the XARF reports beside it.
     */
    public static final int NOTICE_LINES = 200;

    /** The placeholders a template may use, each with what it is filled with (README, "ISP abuse desk"). */
    public static final Map<String, String> PLACEHOLDERS;

    static {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("customer", "the customer as the customer data names it");
        p.put("name", "the customer's name from the static assignments, else the customer");
        p.put("contact", "the customer's contact from the static assignments, else empty");
        p.put("addresses", "the addresses the attempts came from, comma-separated");
        p.put("attempts", "the customer's Code Red attempts, both variants");
        p.put("code_red_attempts", "Code Red I attempts");
        p.put("code_red_ii_attempts", "Code Red II attempts");
        p.put("variants", "which variants: Code Red, Code Red II or both");
        p.put("first_seen_utc", "the first attempt, ISO-8601 UTC");
        p.put("last_seen_utc", "the last attempt, ISO-8601 UTC");
        p.put("targets", "how many servers were sent attempts");
        p.put("evidence", "the evidence lines (the first " + NOTICE_LINES + "), two lines of text each");
        p.put("evidence_lines", "how many evidence lines there are");
        p.put("reporter", "who reports: the --reporter organisation and contact");
        PLACEHOLDERS = java.util.Collections.unmodifiableMap(p);
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_]+)\\s*\\}\\}");

    /** Who sends the notices and reports (XARF's reporter and sender). */
    public record Reporter(String org, String contact, String domain) {
        public static final Reporter UNSET = new Reporter("the abuse desk", "abuse@example.invalid", "example.invalid");

        /** {@code ORG,EMAIL,DOMAIN}. */
        public static Reporter parse(String text) {
            String[] p = text.split(",", -1);
            if (p.length != 3 || p[0].isBlank() || !p[1].contains("@") || p[2].isBlank()) {
                throw new IllegalArgumentException("--reporter: give ORG,EMAIL,DOMAIN, e.g. 'Example ISP,abuse@isp.example,isp.example'");
            }
            return new Reporter(MailText.line(p[0].strip()), MailText.line(p[1].strip()), MailText.line(p[2].strip()));
        }
    }

    /** A template, checked once: every placeholder it uses is known. */
    public record Template(String text) {
        public static Template parse(String text) {
            Matcher m = PLACEHOLDER.matcher(text);
            List<String> unknown = new ArrayList<>();
            while (m.find()) if (!PLACEHOLDERS.containsKey(m.group(1))) unknown.add(m.group(1));
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("unknown placeholders " + unknown + "; known: " + String.join(", ", PLACEHOLDERS.keySet()));
            }
            return new Template(text.replace("\r\n", "\n"));
        }

        public static Template standard() {
            try (InputStream in = Notices.class.getResourceAsStream("notice.txt")) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        String fill(Map<String, String> values) {
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder(text.length() + 4096);
            while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
            m.appendTail(out);
            return out.toString();
        }
    }

    /** Everything notices need beside the findings. */
    public record Settings(Template template, Reporter reporter) {}

    /** Writes the notices into {@code folder} (made if missing). */
    public static void write(ReportModel m, IspFindings isp, Map<Integer, List<Evidence>> byCustomer, Settings settings, Path folder) throws IOException {
        Files.createDirectories(folder);
        Set<String> usedNames = new java.util.HashSet<>();
        try (EvidenceText.Reader fetcher = m.evidenceText().reader()) {
            for (IspFindings.CustomerRow c : isp.customers()) {
                if (c.unattributed() || c.attempts() == 0) continue;
                List<Evidence> lines = new ArrayList<>(byCustomer.getOrDefault(c.id(), List.of()));
                lines.sort(Evidence.ORDER);
                List<String> raws = new ArrayList<>(lines.size());
                for (Evidence e : lines) raws.add(fetcher.text(e));
                String file = fileName(c.customer(), usedNames);
                Files.writeString(folder.resolve(file + ".txt"), notice(c, lines, raws, settings), StandardCharsets.UTF_8);
                Path reports = folder.resolve(file);
                Files.createDirectories(reports);
                Map<String, List<Integer>> bySource = new TreeMap<>();
                for (int i = 0; i < lines.size(); i++) bySource.computeIfAbsent(lines.get(i).source(), k -> new ArrayList<>()).add(i);
                for (String address : c.addresses()) {
                    List<Integer> mine = bySource.getOrDefault(address, List.of());
                    ObjectNode report = xarf(c, address, mine.stream().map(lines::get).toList(), mine.stream().map(raws::get).toList(), settings.reporter());
                    try (Writer w = Files.newBufferedWriter(reports.resolve(fileName(address, new java.util.HashSet<>()) + ".json"), StandardCharsets.UTF_8)) {
                        SummaryJson.write(report, w);
                    }
                }
            }
        }
    }

    static String notice(IspFindings.CustomerRow c, List<Evidence> lines, List<String> raws, Settings s) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("customer", MailText.line(c.customer()));
        v.put("name", MailText.line(c.name().isEmpty() ? c.customer() : c.name()));
        v.put("contact", MailText.line(c.contact()));
        v.put("addresses", MailText.line(String.join(", ", c.addresses())));
        v.put("attempts", Long.toString(c.attempts()));
        v.put("code_red_attempts", Long.toString(c.codeRed()));
        v.put("code_red_ii_attempts", Long.toString(c.codeRedII()));
        v.put("variants", c.codeRed() > 0 && c.codeRedII() > 0 ? "Code Red and Code Red II" : c.codeRedII() > 0 ? "Code Red II" : "Code Red");
        v.put("first_seen_utc", orUnknown(Times.iso(c.firstSeen())));
        v.put("last_seen_utc", orUnknown(Times.iso(c.lastSeen())));
        v.put("targets", Long.toString(c.targets()));
        v.put("evidence_lines", Integer.toString(lines.size()));
        v.put("reporter", s.reporter().org() + " <" + s.reporter().contact() + ">");
        StringBuilder ev = new StringBuilder();
        for (int i = 0; i < lines.size() && i < NOTICE_LINES; i++) {
            Evidence e = lines.get(i);
            String raw = MailText.line(raws.get(i));
            if (i > 0) ev.append('\n');
            ev.append(orUnknown(Times.iso(e.epochSecond()))).append("  ").append(MailText.line(e.input())).append(" line ").append(e.line())
                    .append("  sha256:").append(sha256(raw)).append('\n').append("    ").append(raw);
        }
        if (lines.isEmpty()) ev.append("(no evidence lines were kept for this customer's attempts)");
        if (lines.size() > NOTICE_LINES) {
            ev.append("\n(and ").append(lines.size() - NOTICE_LINES).append(" more lines, in the XARF reports of each address beside this notice)");
        }
        v.put("evidence", ev.toString());
        return s.template().fill(v);
    }

    private static String orUnknown(String iso) {
        return iso.isEmpty() ? "(time not logged)" : iso;
    }

    static ObjectNode xarf(IspFindings.CustomerRow c, String address, List<Evidence> lines, List<String> raws, Reporter reporter) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode r = f.objectNode();
        long first = lines.stream().mapToLong(Evidence::epochSecond).filter(t -> t != Long.MIN_VALUE).min().orElse(c.firstSeen());
        long last = lines.stream().mapToLong(Evidence::epochSecond).filter(t -> t != Long.MIN_VALUE).max().orElse(c.lastSeen());
        r.put("xarf_version", "4.0.0");
        StringBuilder identity = new StringBuilder(c.customer()).append('\u0000').append(address);
        for (Evidence e : lines) identity.append('\u0000').append(e.input()).append(':').append(e.line());
        r.put("report_id", uuid(identity.toString()));
        r.put("timestamp", Times.iso(first));
        for (String role : List.of("reporter", "sender")) {
            ObjectNode o = r.putObject(role);
            o.put("org", reporter.org());
            o.put("contact", reporter.contact());
            o.put("domain", reporter.domain());
        }
        r.put("source_identifier", address);
        r.put("category", "connection");
        r.put("type", "infected_host");
        r.put("evidence_source", "automated_filter");
        r.put("description", "Code Red worm requests (GET /default.ida with the worm's padding) sent from this address while the customer held it"
                + "; Microsoft Security Bulletin MS01-033");
        r.put("protocol", "tcp");
        r.put("destination_port", 80);
        r.put("malware_family", c.codeRedII() > 0 && c.codeRed() > 0 ? "Code Red, Code Red II" : c.codeRedII() > 0 ? "Code Red II" : "Code Red");
        ArrayNode cves = r.putArray("vulnerabilities_probed");
        cves.add("CVE-2001-0500");
        r.put("first_seen", Times.iso(first));
        r.put("last_seen", Times.iso(last));
        ArrayNode tags = r.putArray("tags");
        if (c.codeRed() > 0) tags.add("malware:code-red");
        if (c.codeRedII() > 0) tags.add("malware:code-red-ii");
        tags.add("vulnerability:cve-2001-0500");
        ArrayNode evidence = r.putArray("evidence");
        // XARF allows 50 evidence items.
        for (int i = 0; i < lines.size() && i < 50; i++) {
            Evidence e = lines.get(i);
            byte[] bytes = raws.get(i).getBytes(StandardCharsets.UTF_8);
            ObjectNode item = evidence.addObject();
            item.put("content_type", "text/plain");
            item.put("description", MailText.line(e.input() + " line " + e.line() + ", " + orUnknown(Times.iso(e.epochSecond())) + " UTC"));
            item.put("payload", Base64.getEncoder().encodeToString(bytes));
            item.put("hash", "sha256:" + sha256(bytes));
            item.put("size", bytes.length);
        }
        return r;
    }

    /** A UUID in version 4's form (version and variant bits set) from the SHA-256 of {@code s}: the same input, the same id. */
    static String uuid(String s) {
        ByteBuffer b = ByteBuffer.wrap(digest(s.getBytes(StandardCharsets.UTF_8)));
        long hi = b.getLong(), lo = b.getLong();
        hi = hi & ~0xF000L | 0x4000L;
        lo = lo & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * A file name for a customer or an address: letters, digits, dot, dash and underscore kept, anything else
     * (a MAC's colons, a slash, a space) as {@code _}; when that changed the name, or it is taken, or it is
     * long, the first 8 hex digits of its SHA-256 follow, so that no two names meet and none climbs out of the folder.
     */
    static String fileName(String name, Set<String> used) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length() && b.length() < 64; i++) {
            char c = name.charAt(i);
            b.append(c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') ? c : '_');
        }
        String safe = b.toString();
        if (safe.isEmpty() || safe.startsWith(".")) safe = "_" + safe;
        if (!safe.equals(name) || !used.add(safe.toLowerCase(Locale.ROOT))) {
            safe = safe + "-" + sha256(name).substring(0, 8);
            used.add(safe.toLowerCase(Locale.ROOT));
        }
        return safe;
    }
}
