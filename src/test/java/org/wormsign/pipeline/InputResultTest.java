package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.wormsign.aggregate.Aggregate;
import org.wormsign.input.IoErrors;

/**
 * An input's errors are one line each (summary.json, stderr), whatever they quote: DecoderFuzzTest found a zip
 * whose damaged header gave a member name holding a line break, and the archive's "read stopped in member …"
 * error then ran over two lines.
 */
class InputResultTest {
    @Test
    void errorsAreOneLineWhateverTheyQuote() {
        InputResult r = new InputResult(0, "broken.zip", 0, null, "plain", "archive", null, new Aggregate(),
                List.of("read stopped in member a.log\n;\r\u001b[2J\u0085x: damaged", "cut\tshort"), null);
        assertEquals(List.of("read stopped in member a.log\\x0a;\\x0d\\x1b[2J\\x85x: damaged", "cut\tshort"), r.errors());
    }

    @Test
    void aLineWithoutControlsIsKeptAsItIs() {
        String s = "read stopped after 163 lines (3377 bytes): unexpected end of data (cut short) — é";
        assertSame(s, IoErrors.oneLine(s));
    }
}
