package org.eventregistration.examples.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvExportTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "=1+1",
                "+47 999 99 999",
                "-2+3",
                "@SUM(A1)",
                "\tx",
                "\rx",
                "=HYPERLINK(\"http://x\")",
                " =1+1",
                "\u00A0=HYPERLINK(\"http://x\")",
                "\u202F\u2007 +cmd",
                "\n@SUM(A1)",
                "  \t-2+3"
            })
    void cellsThatASpreadsheetWouldRunGetALeadingApostrophe(String value) {
        assertThat(CsvExport.cell(value)).isEqualTo("'" + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Kari Nordmann", "Asker kommune", "a=b", "1+1", "ærlig@ø"})
    void otherCellsAreLeftAlone(String value) {
        assertThat(CsvExport.cell(value)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+47 912 34 567", "+4791234567", "+47 (0) 912-34.567"})
    void internationalPhoneNumbersKeepReadableWithoutAnApostrophe(String phone) {
        assertThat(CsvExport.phone(phone)).isEqualTo("00" + phone.substring(1)).doesNotContain("'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"912 34 567", "0047 912 34 567"})
    void domesticPhoneNumbersAreLeftAlone(String phone) {
        assertThat(CsvExport.phone(phone)).isEqualTo(phone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", " +47=1", "-1+1"})
    void aPhoneCellThatIsNoPhoneNumberIsNeutralisedLikeAnyCell(String value) {
        assertThat(CsvExport.phone(value)).isEqualTo("'" + value);
    }
}
