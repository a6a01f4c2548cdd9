package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void rawTextEscapesBytesThatAreNotPrintableUtf8() {
        byte[] b = {'G', 'E', 'T', ' ', (byte) 0x90, 0x04, 'H', (byte) 0xc3, (byte) 0xa9, 0x1b};
        assertEquals("GET \\x90\\x04H\u00e9\\x1b", org.wormsign.aggregate.RawText.of(b, 0, b.length));
    }
}
