package org.wormsign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.detect.Classifier;
import org.wormsign.testing.Command;

/** {@code analyze --customers --leases}: attempts attributed per customer at their second, and the ISP's files. */
class IspModeTest {
    @TempDir Path tmp;

    static String attempt(String source, String time, char padding) {
        return source + " - - [" + time + " +0000] \"GET /default.ida?" + String.valueOf(padding).repeat(224) + Classifier.TAIL
                + " HTTP/1.0\" 404 205\n";
    }

    private Path log() throws IOException {
        Path log = tmp.resolve("logs/access.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, ""
                + attempt("203.0.113.9", "19/Jul/2001:10:00:00", 'N')
                + attempt("203.0.113.9", "19/Jul/2001:12:59:59", 'N')
                // The address changes hands at 13:00:00: this attempt and the rest are the second customer's.
                + attempt("203.0.113.9", "19/Jul/2001:13:00:00", 'N')
                + attempt("203.0.113.9", "19/Jul/2001:15:00:00", 'N')
                + attempt("203.0.113.9", "19/Jul/2001:16:00:00", 'X')
                + attempt("192.0.2.70", "19/Jul/2001:11:00:00", 'N')
                + attempt("192.0.2.70", "19/Jul/2001:11:30:00", 'N')
                + attempt("2001:db8:1234::5", "19/Jul/2001:12:00:00", 'N')
                + attempt("198.51.100.1", "19/Jul/2001:12:00:00", 'N'), StandardCharsets.US_ASCII);
        return log;
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private Command analyze(Path out, String... more) throws IOException {
        Path log = log();
        Path customers = write("isp/customers.csv", """
                prefix,customer,name,contact
                192.0.2.64/26,acme,"Acme, Inc.",abuse@acme.example
                2001:db8:1234::/48,acme,,
                203.0.113.0/24,dial-up-pool,,
                """);
        write("isp/leases/leases.csv", """
                address,start_utc,end_utc,customer
                203.0.113.9,2001-07-19T00:00:00Z,2001-07-19T13:00:00Z,cust-a
                203.0.113.9,2001-07-19T13:00:00Z,2001-07-20T00:00:00Z,cust-b
                """);
        List<String> args = new java.util.ArrayList<>(List.of("analyze", "--no-progress", "-o", out.toString(),
                "--customers", customers.toString(), "--leases", tmp.resolve("isp/leases").toString()));
        args.addAll(List.of(more));
        args.add(log.toString());
        return Command.run(args.toArray(String[]::new));
    }

    @Test void anAddressThatChangedHandsMidDaySplitsItsAttemptsExactly() throws IOException {
        Path out = tmp.resolve("out");
        Command c = analyze(out);
        assertEquals(0, c.status(), c.err());
        List<String> customers = Files.readAllLines(out.resolve("customers.csv"));
        assertEquals(List.of(
                "customer,addresses,code_red_attempts,code_red_ii_attempts,first_seen_utc,last_seen_utc,off_schedule_attempts,targets,evidence_lines",
                "acme,2,3,0,2001-07-19T11:00:00Z,2001-07-19T12:00:00Z,0,1,3",
                // Code Red II on 19 July is before its first day (4 August): off the worm's schedule.
                "cust-b,1,2,1,2001-07-19T13:00:00Z,2001-07-19T16:00:00Z,1,1,3",
                "cust-a,1,2,0,2001-07-19T10:00:00Z,2001-07-19T12:59:59Z,0,1,2",
                "(unattributed),1,1,0,2001-07-19T12:00:00Z,2001-07-19T12:00:00Z,0,1,1"), customers);
        List<String> hosts = Files.readAllLines(out.resolve("hosts.csv"));
        assertTrue(hosts.get(0).endsWith(",server_names,customers"), hosts.get(0));
        assertTrue(hosts.stream().anyMatch(l -> l.startsWith("203.0.113.9,") && l.endsWith(",cust-a cust-b")), hosts.toString());
        assertTrue(hosts.stream().anyMatch(l -> l.startsWith("198.51.100.1,") && l.endsWith(",(unattributed)")), hosts.toString());

        JsonNode d = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("customer_data");
        assertEquals(2, d.get("files").size());
        assertEquals("static", d.get("files").get(0).get("format").asText());
        assertEquals("plain", d.get("files").get(1).get("format").asText());
        assertEquals(5, d.get("attempts_by_lease").asLong());
        assertEquals(3, d.get("attempts_by_prefix").asLong());
        assertEquals(1, d.get("attempts_unattributed").asLong());
        assertEquals(0, d.get("rejected").asLong());

        String page = Files.readString(out.resolve("report.html"));
        assertTrue(page.contains("<h2 id=\"customers\">Customers (ISP)</h2>"), "the ISP section");
        assertTrue(page.contains("3 customers sent Code Red. Of 9 attempts, 5 (55.6%) were placed by a lease"), "its numbers");
        assertTrue(page.contains("<td class=\"mono\">cust-b</td>"), "its top customers");

        List<String> networks = Files.readAllLines(out.resolve("networks.csv"));
        assertEquals("network,addresses,max_addresses_2h,verdict,customers,max_customers_2h,attempts", networks.get(0));
        // One address, so static by addresses; its leases show two customers, both in the window 12:00-14:00 UTC.
        assertTrue(networks.contains("203.0.113.0/24,1,1,static,2,2,5"), networks.toString());
        assertTrue(networks.contains("2001:db8:1234::/48,1,1,static,,,1"), networks.toString());
    }

    @Test void customerDataThatCannotBeUsedIsAOneLineUsageError() throws IOException {
        Path out = tmp.resolve("out");
        Command c = Command.run("analyze", "--no-progress", "-o", out.toString(), "--leases", tmp.resolve("missing").toString(), log().toString());
        assertEquals(ExitStatus.USAGE, c.status());
        assertEquals(1, c.err().strip().lines().count(), c.err());
        assertTrue(c.err().contains("no such file or folder"), c.err());
        Path readme = write("README.txt", "nothing to see\n");
        c = Command.run("analyze", "--no-progress", "-o", out.toString(), "--customers", readme.toString(), log().toString());
        assertEquals(ExitStatus.USAGE, c.status());
        assertTrue(c.err().contains("not customer data in a known format"), c.err());
        c = Command.run("analyze", "--no-progress", "-o", out.toString(), "--customers", readme.toString(), "--customer-field", "static=x", log().toString());
        assertEquals(ExitStatus.USAGE, c.status());
        assertTrue(c.err().contains("FORMAT=FIELD"), c.err());
    }

    @Test void withoutCustomerDataTheOutputsAreAsBefore() throws IOException {
        Path out = tmp.resolve("plain");
        Command c = Command.run("analyze", "--no-progress", "-o", out.toString(), log().toString());
        assertEquals(0, c.status(), c.err());
        assertTrue(Files.readAllLines(out.resolve("hosts.csv")).get(0).endsWith(",server_names"));
        assertTrue(!Files.exists(out.resolve("customers.csv")) && !Files.exists(out.resolve("networks.csv")));
    }

    @Test void eachCustomerGetsANoticeAndEachOfItsAddressesAnXarfReport() throws IOException {
        Path out = tmp.resolve("out");
        Command c = analyze(out, "--reporter", "Example ISP,abuse@isp.example,isp.example");
        assertEquals(0, c.status(), c.err());
        Path notices = out.resolve("notices");
        String a = Files.readString(notices.resolve("cust-a.txt"));
        // cust-a held the address until 13:00: its two lines, not cust-b's.
        assertTrue(a.contains("2001-07-19T10:00:00Z  " + tmp.resolve("logs/access.log") + " line 1  sha256:"), a);
        assertTrue(a.contains("2001-07-19T12:59:59Z"), a);
        assertTrue(!a.contains("2001-07-19T13:00:00Z"), a);
        assertTrue(a.contains("MS01-033") && a.contains("Reboot") && a.contains(".ida and .idq") && a.contains("port 80"), a);
        assertTrue(a.contains("Reported by Example ISP <abuse@isp.example>."), a);
        String line = attempt("203.0.113.9", "19/Jul/2001:10:00:00", 'N').strip();
        assertTrue(a.contains("sha256:" + sha256(line) + "\n    " + line), a);
        // No notice for the attempts nobody held.
        assertTrue(!Files.exists(notices.resolve("(unattributed).txt")));
        assertEquals(List.of("acme", "acme.txt", "cust-a", "cust-a.txt", "cust-b", "cust-b.txt"),
                Files.list(notices).map(p -> p.getFileName().toString()).sorted().toList());

        JsonNode x = new ObjectMapper().readTree(notices.resolve("cust-a/203.0.113.9.json").toFile());
        assertEquals("4.0.0", x.get("xarf_version").asText());
        assertEquals("connection", x.get("category").asText());
        assertEquals("infected_host", x.get("type").asText());
        assertEquals("203.0.113.9", x.get("source_identifier").asText());
        assertEquals("2001-07-19T10:00:00Z", x.get("timestamp").asText());
        assertEquals("CVE-2001-0500", x.get("vulnerabilities_probed").get(0).asText());
        assertEquals("isp.example", x.get("reporter").get("domain").asText());
        assertTrue(x.get("report_id").asText().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        JsonNode ev = x.get("evidence");
        assertEquals(2, ev.size());
        String payload = new String(java.util.Base64.getDecoder().decode(ev.get(0).get("payload").asText()), StandardCharsets.UTF_8);
        assertEquals(line, payload);
        assertEquals("sha256:" + sha256(line), ev.get(0).get("hash").asText());
        // acme's IPv6 address gets a report of its own, named safely.
        assertTrue(Files.list(notices.resolve("acme")).anyMatch(p -> p.getFileName().toString().startsWith("2001_db8_1234__5-")));
    }

    @Test void hostileLogAndCustomerTextCannotBreakANoticeLineOrAddAHeader() throws IOException {
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("hostile.log");
        // A line's text can hold CR, ESC, NEL, the Unicode line separator and a right-to-left override.
        String hostile = "203.0.113.50 - - [19/Jul/2001:10:00:00 +0000] \"GET /default.ida?" + "N".repeat(224) + Classifier.TAIL
                + " HTTP/1.0\" 404 205 \"-\" \"x\rBcc: victim@example.com\u001b[2J\u0085To: a@b\u2028Cc: c@d\u202Egnp.exe\"\n";
        Files.writeString(log, hostile, StandardCharsets.UTF_8);
        Path leases = write("hostile/leases.csv", "address,start_utc,end_utc,customer\n"
                + "203.0.113.50,2001-07-19T00:00:00Z,2001-07-20T00:00:00Z,\"evil\rSubject: hi\u2029Bcc: x@y\"\n");
        Path template = write("hostile/template.txt", "Subject: Code Red from {{addresses}} ({{customer}})\n\nDear {{name}},\n{{evidence}}\n");
        Command c = Command.run("analyze", "--no-progress", "-o", out.toString(), "--leases", leases.toString(),
                "--notice-template", template.toString(), "--log-format", "combined", log.toString());
        assertEquals(0, c.status(), c.err());
        List<Path> notices = Files.list(out.resolve("notices")).filter(p -> p.toString().endsWith(".txt")).toList();
        assertEquals(1, notices.size());
        String text = Files.readString(notices.get(0), StandardCharsets.UTF_8);
        for (char ch : text.toCharArray()) {
            assertTrue(ch == '\n' || ch >= 0x20 && ch != 0x7f && (ch < 0x80 || ch >= 0xa0) && ch != 0x2028 && ch != 0x2029 && ch != 0x202e,
                    "character " + (int) ch + " in " + text);
        }
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).startsWith("Subject: Code Red from 203.0.113.50 (evil"), lines.get(0));
        // The template's own lines are all there is: nothing starts a header or a line of its own.
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("Bcc:") || l.startsWith("Cc:") || l.startsWith("To:") || l.startsWith("Subject: hi")), text);
        assertEquals(5, lines.size(), text);
        // And the file name is made safe: no CR, no slash, no leading dot.
        String page = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        // The page's own rule (PageOutput): C0 controls become U+FFFD.
        assertTrue(page.contains("evil\uFFFDSubject: hi") && !page.contains("\r"), "the customer's name as the page shows text");
        assertTrue(notices.get(0).getFileName().toString().matches("[A-Za-z0-9._-]+\\.txt"), notices.get(0).toString());
    }

    @Test void aTemplateWithAnUnknownPlaceholderIsAUsageError() throws IOException {
        Path template = write("t.txt", "Hello {{customer}}, {{password}}\n");
        Command c = analyze(tmp.resolve("out"), "--notice-template", template.toString());
        assertEquals(ExitStatus.USAGE, c.status());
        assertEquals(1, c.err().strip().lines().count(), c.err());
        assertTrue(c.err().contains("unknown placeholders [password]"), c.err());
    }

    static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The hooks of several inputs read side by side merge to what one thread finds. */
    @Test void threadsDoNotChangeTheAttribution() throws IOException {
        List<String> lines = Files.readAllLines(log());
        Path parts = tmp.resolve("parts");
        Files.createDirectories(parts);
        for (int i = 0; i < lines.size(); i++) Files.writeString(parts.resolve("part-" + i % 3 + ".log"), lines.get(i) + "\n",
                StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Path leases = write("t/leases.csv", """
                address,start_utc,end_utc,customer
                203.0.113.9,2001-07-19T00:00:00Z,2001-07-19T13:00:00Z,cust-a
                203.0.113.9,2001-07-19T13:00:00Z,2001-07-20T00:00:00Z,cust-b
                """);
        String[] files = {"customers.csv", "networks.csv", "hosts.csv"};
        List<String> seen = new java.util.ArrayList<>();
        for (String threads : new String[] {"1", "3"}) {
            Path out = tmp.resolve("t" + threads);
            Command c = Command.run("analyze", "--no-progress", "--threads", threads, "-o", out.toString(), "--leases", leases.toString(), parts.toString());
            assertEquals(0, c.status(), c.err());
            StringBuilder all = new StringBuilder();
            for (String f : files) all.append(Files.readString(out.resolve(f)));
            seen.add(all.toString());
        }
        assertEquals(seen.get(0), seen.get(1));
        assertTrue(seen.get(0).contains("cust-b,1,2,1,"), seen.get(0));
    }
}
