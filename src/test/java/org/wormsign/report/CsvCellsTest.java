package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvCellsTest {
    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"})
    void neutralisesWhatASpreadsheetWouldRun(String cell) {
        assertEquals("'" + cell, CsvCells.safe(cell));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4", "host-name.example", "2001:db8::1", "GET /default.ida?NNNN", ""})
    void leavesOrdinaryCellsAlone(String cell) {
        assertEquals(cell, CsvCells.safe(cell));
    }
}
