package org.wormsign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wormsign.testing.Command.run;

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
import org.wormsign.testing.Corpus;

/** {@code --json-fields} on the command line, and the nginx {@code escape=json} layouts through {@code --nginx-format}. */
class JsonLinesCommandTest {
    @TempDir Path tmp;

    static final String CODE_RED_URI = "/default.ida?" + "N".repeat(224) + Classifier.TAIL;

    private Path log(String name, String... lines) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, List.of(lines), StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void badJsonFieldsAreAOneLineUsageError() {
        String[][] cases = {
                {"time=ts,request=r", "client=PATH is required"},
                {"client=ip", "request=PATH or uri=PATH is required"},
                {"client=ip,request=r,shape=x", "unknown role 'shape'"},
                {"client=ip,request=a..b", "a key or a dotted path"},
                {"client=ip,request=r,uri=u", "not both"},
                {"client", "is not ROLE=PATH"},
        };
        for (String[] c : cases) {
            Command o = run("analyze", "--no-progress", "-o", tmp.resolve("r").toString(), "--json-fields", c[0], tmp.toString());
            assertEquals(ExitStatus.USAGE, o.status(), c[0] + ": " + o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
            assertTrue(o.err().startsWith("wormsign: ") && o.err().contains(c[1]), o.err());
        }
        Command both = run("analyze", "--no-progress", "-o", tmp.resolve("r").toString(), "--json-fields", "client=ip,uri=u",
                "--nginx-format", "$remote_addr", tmp.toString());
        assertEquals(ExitStatus.USAGE, both.status(), both.err());
        assertTrue(both.err().contains("give only one of"), both.err());
    }

    @Test
    void jsonFieldsReadNestedKeysEndToEnd() throws IOException {
        Path in = log("app.log",
                "{\"at\":1003000000.5,\"peer\":{\"addr\":\"211.218.252.9\"},\"http\":{\"method\":\"GET\",\"path\":\"" + CODE_RED_URI + "\",\"code\":404}}",
                "{\"at\":1003000001.5,\"peer\":{\"addr\":\"10.0.0.1\"},\"http\":{\"method\":\"GET\",\"path\":\"/\",\"code\":200}}",
                "{\"at\":1003000002.5,\"peer\":{},\"http\":{\"method\":\"GET\",\"path\":\"/\",\"code\":200}}",
                "not json");
        Path out = tmp.resolve("r");
        Command o = run("analyze", "--no-progress", "-o", out.toString(),
                "--json-fields", "client=peer.addr,time=at,method=http.method,uri=http.path,status=http.code", in.toString());
        assertEquals(ExitStatus.OK, o.status(), o.err());
        JsonNode input = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("inputs").get(0);
        assertEquals("json-custom", input.get("format").asText());
        assertEquals(4, input.get("lines").asLong());
        assertEquals(2, input.get("records").asLong());
        assertEquals(2, input.get("rejected").asLong());
        String hosts = Files.readString(out.resolve("hosts.csv"));
        // 2001-10-13 19:06:40 UTC.
        assertTrue(hosts.contains("211.218.252.9,1,0,2001-10-13T19:06:40Z"), hosts);
    }

    /**
     * GoAccess issues #2145 and #2530: nginx {@code log_format … escape=json} layouts. The JSON reader sniffs
     * their lines; the formats given verbatim to --nginx-format read them too.
     */
    @Test
    void nginxEscapeJsonLayoutsAreReadSniffedAndAsLogFormats() throws IOException {
        for (String name : List.of("goaccess-2145", "goaccess-2530")) {
            Path in = Corpus.peerFile("issues/" + name + ".log");
            String format = Files.readString(Corpus.peerFile("issues/" + name + ".format"));
            for (List<String> how : List.of(List.<String>of(), List.of("--nginx-format", format))) {
                Path out = tmp.resolve(name + how.size());
                List<String> args = new java.util.ArrayList<>(List.of("analyze", "--no-progress", "-o", out.toString()));
                args.addAll(how);
                args.add(in.toString());
                Command o = run(args.toArray(String[]::new));
                assertEquals(ExitStatus.OK, o.status(), o.err());
                JsonNode input = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("inputs").get(0);
                assertEquals(how.isEmpty() ? "json-nginx" : "nginx-custom", input.get("format").asText(), name);
                assertEquals(1, input.get("records").asLong(), name + " " + how.size() + ": " + input);
            }
        }
    }
}
