import NianbaoCore
import Testing

@testable import Extract

/// Hand-written expectations, read off the seed files (data/reports) and report-formats §2.
enum SeedTables {
    static let zeros = Array(repeating: "0", count: 7)

    /// Seed 001, lines 90–277: one cell per line; "00" at 8.属于行政查询事项 / 科研机构 (line 183).
    static let applications001: [(String, [String])] = [
        ("new_received", ["12", "0", "0", "0", "0", "0", "12"]),  // lines 91–97
        ("carried_over", zeros),
        ("granted", ["2", "0", "0", "0", "0", "0", "2"]),  // lines 108–114
        ("partial", zeros),
        ("denied.state_secret", zeros),
        ("denied.law_forbidden", zeros),
        ("denied.three_security_one_stability", zeros),
        ("denied.third_party_rights", zeros),
        ("denied.internal_affairs", ["2", "0", "0", "0", "0", "0", "2"]),  // lines 157–163
        ("denied.process_info", ["3", "0", "0", "0", "0", "0", "3"]),  // lines 165–171
        ("denied.law_enforcement_file", zeros),
        ("denied.admin_query", ["0", "0", "00", "0", "0", "0", "0"]),  // line 183: "00 |"
        ("unable.not_held", ["5", "0", "0", "0", "0", "0", "5"]),  // lines 190–196
        ("unable.needs_creation", zeros),
        ("unable.unclear_after_correction", zeros),
        ("not_processed.petition_complaint", zeros),
        ("not_processed.duplicate", zeros),
        ("not_processed.publication", zeros),
        ("not_processed.excessive", zeros),
        ("not_processed.confirm_reissue", zeros),
        ("other", zeros),
        ("total", ["12", "0", "0", "0", "0", "0", "12"]),  // lines 263–269
        ("carried_forward", zeros),
    ]

    /// Seed 002, lines 38–60: whole rows with pipes.
    static let applications002: [(String, [String])] = [
        ("new_received", ["156", "2", "0", "0", "2", "0", "160"]),  // line 38
        ("carried_over", zeros),
        ("granted", ["19", "1", "0", "0", "0", "0", "20"]),  // line 40
        ("partial", ["2", "0", "0", "0", "2", "0", "4"]),  // line 41
        ("denied.state_secret", zeros),
        ("denied.law_forbidden", zeros),
        ("denied.three_security_one_stability", zeros),
        ("denied.third_party_rights", zeros),
        ("denied.internal_affairs", zeros),
        ("denied.process_info", zeros),
        ("denied.law_enforcement_file", ["1", "0", "0", "0", "0", "0", "1"]),  // line 48
        ("denied.admin_query", ["4", "1", "0", "0", "0", "0", "5"]),  // line 49
        ("unable.not_held", ["10", "0", "0", "0", "0", "0", "10"]),  // line 50
        ("unable.needs_creation", zeros),
        ("unable.unclear_after_correction", zeros),
        ("not_processed.petition_complaint", ["120", "0", "0", "0", "0", "0", "120"]),  // line 53
        ("not_processed.duplicate", zeros),
        ("not_processed.publication", zeros),
        ("not_processed.excessive", zeros),
        ("not_processed.confirm_reissue", zeros),
        ("other", zeros),
        ("total", ["156", "2", "0", "0", "2", "0", "160"]),  // line 59
        ("carried_forward", zeros),
    ]

    /// Seed 001 lines 26–73 (2019 template, five blocks).
    static let active001: [(String, String, String)] = [
        ("regulations", "new_made", "0"), ("regulations", "new_published", "0"), ("regulations", "total_published", "0"),
        ("normative_documents", "new_made", "3"), ("normative_documents", "new_published", "3"),
        ("normative_documents", "total_published", "5"),
        ("licensing", "prev_year_items", "0"), ("licensing", "change", "0"), ("licensing", "decisions", "0"),
        ("other_mgmt_services", "prev_year_items", "0"), ("other_mgmt_services", "change", "0"),
        ("other_mgmt_services", "decisions", "0"),
        ("penalty", "prev_year_items", "0"), ("penalty", "change", "0"), ("penalty", "decisions", "0"),
        ("coercion", "prev_year_items", "0"), ("coercion", "change", "0"), ("coercion", "decisions", "0"),
        ("fees", "prev_year_items", "0"), ("fees", "change", "0"),
        ("central_procurement", "projects", "8"), ("central_procurement", "amount", "1112万元"),  // lines 72–73
    ]

    /// Seed 002 lines 22–33 (2021 template): "規章 | 0 | ? ? 0 | ?0 |", "行政規範性文件 | ? 2 | ? ? 1 | ????? 22 |".
    static let active002: [(String, String, String)] = [
        ("regulations", "issued", "0"), ("regulations", "repealed", "0"), ("regulations", "in_force", "0"),
        ("normative_documents", "issued", "2"), ("normative_documents", "repealed", "1"), ("normative_documents", "in_force", "22"),
        ("licensing", "decisions", "558794"), ("penalty", "decisions", "2542"), ("coercion", "decisions", "401"),
        ("fees", "amount_10k_yuan", "668.57"),
    ]

    /// Seed 001 lines 298–312: fifteen zeros. Seed 002 line 66: "5 | 0 | 5 | 3 | 13 | 0 | 0 | 0 | 3 | 3 | 0 | 0 | 0 | 0 | 0 |".
    static let appeals001 = Array(repeating: "0", count: 15)
    static let appeals002 = ["5", "0", "5", "3", "13", "0", "0", "0", "3", "3", "0", "0", "0", "0", "0"]

    static func expectApplications(_ e: SeedSupport.Extraction, _ expected: [(String, [String])], sourceLocation: SourceLocation = #_sourceLocation) {
        let table = e.table(.applications)
        #expect(table?.cells.count == expected.count * 7, sourceLocation: sourceLocation)
        #expect(table?.cells.map(\.rowCode) == expected.flatMap { row in Array(repeating: row.0, count: 7) }, sourceLocation: sourceLocation)
        for (row, values) in expected {
            #expect(e.row(.applications, row) == values, "row \(row)", sourceLocation: sourceLocation)
        }
        #expect(table?.cells.allSatisfy { $0.line != nil } == true, sourceLocation: sourceLocation)
    }

    static func expectActive(_ e: SeedSupport.Extraction, _ expected: [(String, String, String)], sourceLocation: SourceLocation = #_sourceLocation) {
        let cells = e.table(.activeDisclosure)?.cells ?? []
        #expect(cells.map { "\($0.rowCode)/\($0.columnCode)=\($0.raw)" } == expected.map { "\($0.0)/\($0.1)=\($0.2)" }, sourceLocation: sourceLocation)
    }

    static func expectAppeals(_ e: SeedSupport.Extraction, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let cells = e.table(.appeals)?.cells ?? []
        #expect(cells.map(\.raw) == expected, sourceLocation: sourceLocation)
        let codes = ["review", "litigation_direct", "litigation_after_review"].flatMap { g in
            ["upheld", "corrected", "other", "pending", "total"].map { "\(g).\($0)" }
        }
        #expect(cells.map { "\($0.rowCode).\($0.columnCode)" } == codes, sourceLocation: sourceLocation)
    }
}

@Suite("Tables: seed goldens")
struct TablesSeedGoldenTests {
    @Test func seed001EveryCell() throws {
        let e = try SeedSupport.seed("001")
        SeedTables.expectActive(e, SeedTables.active001)
        SeedTables.expectApplications(e, SeedTables.applications001)
        SeedTables.expectAppeals(e, SeedTables.appeals001)
        #expect(e.table(.activeDisclosure)?.template == .t2019)
        #expect(e.table(.applications)?.template == .t2019)
        // Total column, top to bottom (report-formats §3.1 worked check): 12,0,2,0,0,0,0,0,2,3,0,0,5,0,…,12,0.
        let totals = e.table(.applications)?.cells.filter { $0.columnCode == "total" }.map(\.raw)
        #expect(totals == ["12", "0", "2", "0", "0", "0", "0", "0", "2", "3", "0", "0", "5", "0", "0", "0", "0", "0", "0", "0", "0", "12", "0"])
        #expect(e.findings.rejects.isEmpty)
    }

    @Test func seed001LineNumbers() throws {
        let e = try SeedSupport.seed("001")
        #expect(e.line(.activeDisclosure, "central_procurement", "amount") == 73)  // "1112万元 |"
        #expect(e.line(.applications, "new_received", "natural_person") == 91)  // "12 |"
        #expect(e.line(.applications, "denied.admin_query", "research") == 183)  // "00 |"
        #expect(e.line(.applications, "carried_forward", "total") == 277)
        #expect(e.line(.appeals, "review", "upheld") == 298)  // "| 0 |"
        #expect(e.line(.appeals, "litigation_after_review", "total") == 312)
    }

    @Test func seed002EveryCell() throws {
        let e = try SeedSupport.seed("002")
        SeedTables.expectActive(e, SeedTables.active002)
        SeedTables.expectApplications(e, SeedTables.applications002)
        SeedTables.expectAppeals(e, SeedTables.appeals002)
        #expect(e.table(.activeDisclosure)?.template == .t2021)
        // A single "(六)其他處理" row (line 58): the 2019 shape inside a 2021 report.
        #expect(e.table(.applications)?.template == .t2019)
        #expect(e.table(.appeals)?.template == .hybrid)
        #expect(e.findings.rejects.isEmpty)
    }

    @Test func seed002LineNumbers() throws {
        let e = try SeedSupport.seed("002")
        #expect(e.line(.activeDisclosure, "normative_documents", "in_force") == 23)
        #expect(e.line(.activeDisclosure, "fees", "amount_10k_yuan") == 33)
        #expect(e.line(.applications, "granted", "total") == 40)  // row starts with "三、 本年 度辦 理結 果"
        #expect(e.line(.applications, "denied.state_secret", "natural_person") == 42)
        #expect(e.line(.applications, "carried_forward", "other_org") == 60)
        #expect(e.line(.appeals, "litigation_direct", "total") == 66)
    }

    @Test func narrativeSeedsHaveNoTables() throws {
        for seed in ["000", "003", "004"] {
            let e = try SeedSupport.seed(seed)
            #expect(e.tables.isEmpty, "seed \(seed)")
            #expect(e.findings.rejects.isEmpty, "seed \(seed)")
        }
    }

    @Test func extractorWiresTheTables() throws {
        let bytes = Array(try SeedSupport.seedText("002").utf8)
        var findings = Findings(reportID: nil, sourcePath: "002.txt")
        let report = Extractor().extract(SourceFile(relativePath: "002.txt", bytes: bytes), findings: &findings)
        #expect(report.tables.map(\.name) == [.activeDisclosure, .applications, .appeals])
        #expect(report.tables.map(\.cells.count) == [10, 161, 15])
        #expect(report.header.metadata.template == .hybrid)
    }
}
