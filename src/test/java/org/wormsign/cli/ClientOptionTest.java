package org.wormsign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wormsign.testing.Command.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.testing.Command;
import org.wormsign.testing.Corpus;

/** {@code --client FIELD} on the command line: its usage errors, and summary.json's {@code client_field}. */
class ClientOptionTest {
    @TempDir Path tmp;

    private static final String CODE_RED = "GET /default.ida?" + "N".repeat(224)
            + "%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801%u9090%u9090%u8190%u00c3%u0003%u8b00%u531b%u53ff%u0078%u0000%u00=a HTTP/1.0";

    private static JsonNode summary(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    private void assertUsageError(Command o, String says) {
        assertEquals(ExitStatus.USAGE, o.status(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains(says), o.err());
        assertFalse(Files.exists(tmp.resolve("r").resolve("summary.json")), "nothing is read or written on a usage error");
    }

    @Test
    void clientWithoutAFormatOfOnesOwnIsAUsageError() {
        assertUsageError(run("analyze", "-o", tmp.resolve("r").toString(), "--client", "%a", "sample-logs"),
                "--client needs --log-format or --nginx-format");
        assertUsageError(run("analyze", "-o", tmp.resolve("r").toString(), "--format", "apache-combined", "--client", "%h", "sample-logs"),
                "--client needs --log-format or --nginx-format");
    }

    @Test
    void namingAFieldTheFormatLacksIsAUsageError() {
        assertUsageError(run("analyze", "-o", tmp.resolve("r").toString(), "--log-format", "combined",
                "--client", "%{X-Forwarded-For}i", "sample-logs"), "--client %{X-Forwarded-For}i: the format logs no such field");
        assertUsageError(run("analyze", "-o", tmp.resolve("r").toString(), "--nginx-format", "$remote_addr [$time_local] \"$request\" $status",
                "--client", "$the_real_ip", "sample-logs"), "--client $the_real_ip");
        assertUsageError(run("analyze", "-o", tmp.resolve("r").toString(), "--log-format", "combined",
                "--client", "remote_addr", "sample-logs"), "not a LogFormat directive");
    }

    @Test
    void ingressNginxLogIsReadAndSaysItsClientField() throws IOException {
        String format = Files.readString(Corpus.peerFile("logparser-inline/nginx-bug60-k8s.format"), StandardCharsets.ISO_8859_1).strip();
        List<String> lines = new ArrayList<>(Files.readAllLines(Corpus.peerFile("logparser-inline/nginx-bug60-k8s.log"), StandardCharsets.ISO_8859_1));
        lines.removeIf(String::isBlank);
        String peerLine = lines.get(0);
        lines.add(peerLine.replace("1.2.3.4 - [1.2.3.4]", "66.104.205.72 - [66.104.205.72]")
                .replace("07/Aug/2020:15:50:07 +0800", "19/Jul/2001:10:00:00 +0000")
                .replace("HEAD /ai/search/version HTTP/1.1", CODE_RED));
        Path log = tmp.resolve("ingress.log");
        Files.write(log, lines, StandardCharsets.ISO_8859_1);

        Path out = tmp.resolve("r");
        Command o = run("analyze", "--no-progress", "-o", out.toString(), "--nginx-format", format, log.toString());
        assertEquals(ExitStatus.OK, o.status(), o.err());
        JsonNode input = summary(out).get("inputs").get(0);
        assertEquals("$the_real_ip", input.get("client_field").asText());
        assertEquals(lines.size(), input.get("records").asLong(), "no line is a bad-address reject any more");
        assertEquals(0, input.get("rejected").asLong());
        List<String> hosts = Files.readAllLines(out.resolve("hosts.csv"));
        assertEquals(2, hosts.size(), hosts.toString());
        assertTrue(hosts.get(1).startsWith("66.104.205.72,1,"), hosts.get(1));
    }

    @Test
    void forwardedForNamedWithClientIsReported() throws IOException {
        Path log = tmp.resolve("proxied.log");
        Files.writeString(log, "10.0.0.7 \"66.104.205.72, 10.0.0.9\" [19/Jul/2001:10:00:00 +0000] \"" + CODE_RED + "\" 404\n"
                + "10.0.0.7 \"-\" [19/Jul/2001:10:00:01 +0000] \"GET / HTTP/1.0\" 200\n", StandardCharsets.ISO_8859_1);
        Path out = tmp.resolve("r");
        Command o = run("analyze", "--no-progress", "-o", out.toString(), "--log-format", "%h \"%{X-Forwarded-For}i\" %t \"%r\" %>s",
                "--client", "%{X-Forwarded-For}i", log.toString());
        assertEquals(ExitStatus.OK, o.status(), o.err());
        JsonNode input = summary(out).get("inputs").get(0);
        assertEquals("%{X-Forwarded-For}i", input.get("client_field").asText());
        assertEquals(1, input.get("records").asLong());
        assertEquals(1, input.get("rejected").asLong(), "a line with no forwarded address is a bad-address reject");
        assertTrue(Files.readString(out.resolve("hosts.csv")).contains("\n66.104.205.72,1,"));
        assertTrue(Files.readString(out.resolve("rejects.csv")).contains("bad-address"));
    }

    @Test
    void sniffedInputsSayTheirClientField() throws IOException {
        Path out = tmp.resolve("r");
        Command o = run("analyze", "--no-progress", "-o", out.toString(), "sample-logs");
        assertTrue(o.status() == ExitStatus.OK, o.err());
        int seen = 0;
        for (JsonNode input : summary(out).get("inputs")) {
            String format = input.get("format").asText();
            String expected = format.startsWith("apache-") ? "%h" : format.startsWith("nginx-") ? "$remote_addr"
                    : format.equals("iis-w3c") ? "c-ip" : format.equals("iis-native") ? "client-ip" : null;
            if (expected == null) continue;
            assertEquals(expected, input.get("client_field").asText(), input.get("path").asText());
            seen++;
        }
        assertTrue(seen >= 4, "sample-logs has every kind of log: " + seen);
    }
}
