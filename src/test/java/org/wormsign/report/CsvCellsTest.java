package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvCellsTest {
    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx"})
    void neutralisesWhatASpreadsheetWouldRun(String cell) {
        assertEquals("'" + cell, CsvCells.safe(cell));
    }

    @org.junit.jupiter.api.Test
    void controlCharactersAreShownNotKept() {
        // A leading CR still gets its apostrophe; it and every other control character is written as \xHH.
        assertEquals("'\\x0dx", CsvCells.safe("\rx"));
        assertEquals("a\\x1b[31mb\\x0ac\td", CsvCells.safe("a\u001b[31mb\nc\td"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4", "host-name.example", "2001:db8::1", "GET /default.ida?NNNN", ""})
    void leavesOrdinaryCellsAlone(String cell) {
        assertEquals(cell, CsvCells.safe(cell));
    }
}
