import NianbaoCore
import Testing

@testable import Extract

/// Every layout of report-formats §4.3, each a seed table rewritten into that layout, must give the seed's values.
@Suite("Tables: layouts round-trip to the seed values")
struct TablesLayoutTests {
    @Test func l3OneCellPerLineWithoutRowMarkers() throws {
        let e = try SeedSupport.fixture("pipes_one_cell_per_line_no_markers.txt")
        SeedTables.expectActive(e, SeedTables.active001)
        SeedTables.expectApplications(e, SeedTables.applications001)
        SeedTables.expectAppeals(e, SeedTables.appeals001)
        #expect(e.findings.rejects.isEmpty)
    }

    @Test func l3ValuesAlternatingWithPipeLines() throws {
        let e = try SeedSupport.fixture("pipes_alternating_separator_lines.txt")
        SeedTables.expectActive(e, SeedTables.active002)
        SeedTables.expectApplications(e, SeedTables.applications002)
        SeedTables.expectAppeals(e, SeedTables.appeals002)
        #expect(e.findings.rejects.isEmpty)
    }

    @Test func l5Markdown() throws {
        let e = try SeedSupport.fixture("markdown_table.md")
        SeedTables.expectActive(e, SeedTables.active002)
        SeedTables.expectApplications(e, SeedTables.applications002)
        SeedTables.expectAppeals(e, SeedTables.appeals002)
        #expect(e.findings.rejects.isEmpty)
    }

    @Test func l6TabSeparated() throws {
        let e = try SeedSupport.fixture("tab_separated.txt")
        SeedTables.expectActive(e, SeedTables.active001)
        SeedTables.expectApplications(e, SeedTables.applications001)
        SeedTables.expectAppeals(e, SeedTables.appeals001)
        #expect(e.findings.rejects.isEmpty)
    }

    @Test func l7SpaceSeparated() throws {
        let e = try SeedSupport.fixture("space_separated.txt")
        SeedTables.expectActive(e, SeedTables.active002)
        SeedTables.expectApplications(e, SeedTables.applications002)
        SeedTables.expectAppeals(e, SeedTables.appeals002)
        #expect(e.findings.rejects.isEmpty)
    }

    @Test func pdfOneCharacterLabelsAndPageFooters() throws {
        let e = try SeedSupport.fixture("pdf_one_char_labels_with_footer.txt")
        SeedTables.expectApplications(e, SeedTables.applications001)
        SeedTables.expectAppeals(e, SeedTables.appeals001)
        #expect(e.findings.rejects.isEmpty)
    }

    @Test func l8AppealsOnOneLine() throws {
        let e = try SeedSupport.fixture("appeals_one_line.txt")
        SeedTables.expectAppeals(e, SeedTables.appeals002)
        #expect(e.line(.appeals, "review", "total") == 21)  // line 21: "5 0 5 3 13 0 0 0 3 3 0 0 0 0 0"
        #expect(e.findings.rejects.isEmpty)
    }

    @Test func l2TraditionalWithPinyinAndQuestionMarks() throws {
        let e = try SeedSupport.fixture("traditional_pinyin_rows.txt")
        SeedTables.expectActive(e, SeedTables.active002)
        SeedTables.expectApplications(e, SeedTables.applications002)
        SeedTables.expectAppeals(e, SeedTables.appeals002)
        #expect(e.findings.rejects.isEmpty)
    }

    @Test func l1HTMLWithRowspanAndColspan() throws {
        let e = try SeedSupport.fixture("html_rowspan_2021.html")
        SeedTables.expectActive(e, SeedTables.active002)
        SeedTables.expectApplications(e, SeedTables.applications002)
        SeedTables.expectAppeals(e, SeedTables.appeals002)
        #expect(e.table(.applications)?.template == .t2019)
        #expect(e.findings.rejects.isEmpty)
    }

    @Test func l1HTMLWith2021OtherSubRows() throws {
        let e = try SeedSupport.fixture("html_2021_other_subrows.html")
        var expected = SeedTables.applications002
        let other = expected.firstIndex { $0.0 == "other" } ?? 0
        // No printed "(六)其他处理" values: the three sub-rows replace it (validation derives the subtotal).
        expected.replaceSubrange(
            other...other,
            with: [
                ("other.correction_overdue", SeedTables.zeros), ("other.fee_unpaid", SeedTables.zeros),
                ("other.misc", SeedTables.zeros),
            ])
        SeedTables.expectApplications(e, expected)
        #expect(e.table(.applications)?.template == .t2021)
        #expect(TemplateDetector.detect(e.text, tables: e.tables, reportYear: 2021) == .t2021)
        #expect(e.findings.rejects.isEmpty)
    }
}
