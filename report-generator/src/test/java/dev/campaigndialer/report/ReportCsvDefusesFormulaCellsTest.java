package dev.campaigndialer.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CSV injection (OWASP): a spreadsheet runs a cell that starts with =, +, -, @, TAB or CR as a
 * formula. Every cell the owner wrote (the contact's name) that starts with one of them is
 * prefixed with an apostrophe, then quoted as RFC 4180 requires.
 */
class ReportCsvDefusesFormulaCellsTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "<null>", textBlock = """
            # name as stored                    | cell in the CSV
            =HYPERLINK("http://x.test","click") | "'=HYPERLINK(""http://x.test"",""click"")"
            +1+cmd /C calc!A0                   | '+1+cmd /C calc!A0
            -2+3                                | '-2+3
            @SUM(A1:A9)                         | '@SUM(A1:A9)
            `\t=1+2`                            | `'\t=1+2`
            `\r=1+2`                            | `"'\r=1+2"`
            Ada Lovelace                        | Ada Lovelace
            Lovelace, Ada                       | "Lovelace, Ada"
            a=b                                 | a=b
            <null>                              | ``
            """)
    void ownerWrittenCellsThatASpreadsheetWouldRunAreDefused(String name, String cell) {
        String stored = name == null ? null : name.replace("\\t", "\t").replace("\\r", "\r");
        String expected = cell.replace("\\t", "\t").replace("\\r", "\r");

        assertThat(ReportCsv.quote(ReportCsv.defuse(stored))).isEqualTo(expected);
    }
}
