package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.wormsign.testing.Corpus;
import org.wormsign.testing.Runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** summary.json is written by walking its tree with a generator: the bytes must be what ObjectMapper writes. */
class SummaryJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static String walked(JsonNode tree) throws IOException {
        StringWriter w = new StringWriter();
        SummaryJson.write(tree, w);
        return w.toString();
    }

    @Test
    void everyKindOfNodeIsWrittenAsTheMapperWritesIt() throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        // Attacker-controlled text: quotes, backslashes, control bytes, a closing script tag, non-ASCII, a lone surrogate.
        root.put("raw", "GET /\"a\\b\u0001\u001f\t\n</script> \u00e9\u4e2d\ud83d\ude00 \ud800x");
        root.put("int", Integer.MIN_VALUE);
        root.put("long", Long.MAX_VALUE);
        root.put("hours", Math.round(12345 / 360.0) / 10.0);
        root.put("tenth", 0.1);
        root.put("whole", 12.0);
        root.put("big", 1e21);
        root.put("tiny", 5e-7);
        root.put("missing", (String) null);
        root.put("yes", true);
        root.putArray("empty");
        root.putObject("none");
        ArrayNode nested = root.putArray("nested");
        nested.add("x").add(1).add(2L).addNull().addObject().put("k", "v").putArray("a").add(-0.0);
        assertEquals(MAPPER.writeValueAsString(root), walked(root));
    }

    @Test
    void theRealCorpusSummaryIsWrittenAsTheMapperWritesIt() throws IOException {
        ReportModel m = Runs.analyze(Corpus.real());
        ObjectNode tree = SummaryJson.tree(m);
        String written = walked(tree);
        assertTrue(written.contains("\"code_red_ii\" : 208"), "the corpus's Code Red II count is in it");
        assertEquals(MAPPER.writeValueAsString(tree), written);
        StringWriter viaModel = new StringWriter();
        SummaryJson.write(m, viaModel);
        assertEquals(written, viaModel.toString());
    }
}
