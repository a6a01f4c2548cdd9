package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesMarkupQuotesAndControls() {
        assertEquals("&lt;img src=x onerror=&quot;a()&quot;&gt; &amp; &#39;", Html.escape("<img src=x onerror=\"a()\"> & '"));
        assertFalse(Html.escape("a\u001b[31mb").contains("\u001b"));
        assertEquals("", Html.escape(null));
    }

    @Test
    void rawTextEscapesBytesThatAreNotPrintableUtf8() {
        byte[] b = {'G', 'E', 'T', ' ', (byte) 0x90, 0x04, 'H', (byte) 0xc3, (byte) 0xa9, 0x1b};
        assertEquals("GET \\x90\\x04H\u00e9\\x1b", org.wormsign.aggregate.RawText.of(b, 0, b.length));
    }
}
