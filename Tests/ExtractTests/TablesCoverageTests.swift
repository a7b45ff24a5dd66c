import NianbaoCore
import Testing

@testable import Extract

/// Cells extracted versus cells present, over the seeds and every layout fixture (hand-written expectations).
@Suite("Tables: coverage over seeds and fixtures")
struct TablesCoverageTests {
    private typealias Expected = (active: [(String, String, String)], applications: [(String, [String])], appeals: [String])

    private static let seed001: Expected = (SeedTables.active001, SeedTables.applications001, SeedTables.appeals001)
    private static let seed002: Expected = (SeedTables.active002, SeedTables.applications002, SeedTables.appeals002)

    private func count(_ e: SeedSupport.Extraction, _ expected: Expected) -> (right: Int, present: Int) {
        var right = 0
        var present = 0
        for (row, column, raw) in expected.active {
            present += 1
            if e.raw(.activeDisclosure, row, column) == raw { right += 1 }
        }
        for (row, values) in expected.applications {
            for (i, column) in ApplicationsTableReader.columns.enumerated() {
                present += 1
                if e.raw(.applications, row, column) == values[i] { right += 1 }
            }
        }
        let appeals = e.table(.appeals)?.cells.map(\.raw) ?? []
        for (i, raw) in expected.appeals.enumerated() {
            present += 1
            if i < appeals.count && appeals[i] == raw { right += 1 }
        }
        return (right, present)
    }

    @Test func everyPresentCellIsExtracted() throws {
        let cases: [(String, SeedSupport.Extraction, Expected)] = [
            ("seed 001", try SeedSupport.seed("001"), Self.seed001),
            ("seed 002", try SeedSupport.seed("002"), Self.seed002),
            ("L3 no markers", try SeedSupport.fixture("pipes_one_cell_per_line_no_markers.txt"), Self.seed001),
            ("L3 alternating", try SeedSupport.fixture("pipes_alternating_separator_lines.txt"), Self.seed002),
            ("L5 markdown", try SeedSupport.fixture("markdown_table.md"), Self.seed002),
            ("L6 tabs", try SeedSupport.fixture("tab_separated.txt"), Self.seed001),
            ("L7 spaces", try SeedSupport.fixture("space_separated.txt"), Self.seed002),
            ("L2 traditional", try SeedSupport.fixture("traditional_pinyin_rows.txt"), Self.seed002),
            ("L1 html", try SeedSupport.fixture("html_rowspan_2021.html"), Self.seed002),
            ("PDF", try SeedSupport.fixture("pdf_one_char_labels_with_footer.txt"), ([], SeedTables.applications001, SeedTables.appeals001)),
            ("L8 appeals", try SeedSupport.fixture("appeals_one_line.txt"), ([], [], SeedTables.appeals002)),
        ]
        var right = 0
        var present = 0
        for (name, extraction, expected) in cases {
            let c = count(extraction, expected)
            #expect(c.right == c.present, "\(name): \(c.right) of \(c.present)")
            right += c.right
            present += c.present
        }
        // 2 × (22 + 161 + 15) for seed 001 layouts (3 files), 2021 active 10 + 161 + 15 for seed 002 layouts (6 files),
        // 161 + 15 for the PDF fixture, 15 for the appeals line: 3·198 + 6·186 + 176 + 15 = 1901.
        #expect(present == 1901)
        #expect(right == present)
    }
}

@Suite("Tables: label variants (report-formats §4.2)")
struct TablesLabelVariantTests {
    private func row(_ label: String, group: ApplicationRowMatcher.Group?) -> String? {
        let c = LabelText.compact(label)
        return ApplicationRowMatcher.matches(in: c, newCount: c.count, group: group).last { $0.row != nil }?.row
    }

    @Test func variantsMatchTheirRows() {
        #expect(row("(二)部分公开(区分处理的,只计这一情况,不计其他情况)", group: .results) == "partial")
        #expect(row("5.属于三类内容事务信息", group: .denied) == "denied.internal_affairs")
        #expect(row("3.危及三安全一稳定", group: .denied) == "denied.three_security_one_stability")
        #expect(row("3.危及\"三安全一稳定\"", group: .denied) == "denied.three_security_one_stability")
        #expect(row("1.属于国?秘密", group: .denied) == "denied.state_secret")  // "?" = one lost character
        #expect(row("(七)合计", group: nil) == "total")
        #expect(row("四、结转下年度", group: .results) == "carried_forward")
        #expect(row("3.其他", group: .other) == "other.misc")
    }

    @Test func ordinalsResolveByGroupWhenTheKeywordIsLost() {
        #expect(row("2.??????", group: .denied) == "denied.law_forbidden")
        #expect(row("2.??????", group: .unable) == "unable.needs_creation")
        #expect(row("2.??????", group: .notProcessed) == "not_processed.duplicate")
    }

    @Test func headerWordsStartNoRow() {
        #expect(row("总计", group: nil) == nil)
        #expect(row("其他", group: nil) == nil)
        #expect(row("法人或其他组织", group: nil) == nil)
        #expect(row("三、收到和处理政府信息公开申请情况", group: nil) == nil)
    }

    @Test func valueShapes() {
        for value in ["0", "00", "1,234", "668.57", "1112万元", "-2", "减少2", "/", "—", "无", "", "10件"] {
            #expect(CellValueShape.isValue(LabelText.compact(value)), "\(value)")
        }
        for label in ["规章", "(三)", "第二十条", "2.重复申请", "、"] {
            #expect(!CellValueShape.isValue(LabelText.compact(label)), "\(label)")
        }
        for footer in ["- 5 -", "第 5 页", "第5页共12页", "5/12"] {
            #expect(CellValueShape.isPageFooter(LabelText.compact(footer)), "\(footer)")
        }
        #expect(!CellValueShape.isPageFooter(LabelText.compact("-2")))
    }
}
