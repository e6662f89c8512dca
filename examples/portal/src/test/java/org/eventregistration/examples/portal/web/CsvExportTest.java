package org.eventregistration.examples.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvExportTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+47 999 99 999", "-2+3", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"})
    void cellsThatASpreadsheetWouldRunGetALeadingApostrophe(String value) {
        assertThat(CsvExport.cell(value)).isEqualTo("'" + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Kari Nordmann", "Asker kommune", "a=b", "1+1", "ærlig@ø"})
    void otherCellsAreLeftAlone(String value) {
        assertThat(CsvExport.cell(value)).isEqualTo(value);
    }
}
