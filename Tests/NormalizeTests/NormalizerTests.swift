import NianbaoCore
import Testing

@testable import Normalize

/// The normalizer on seed tables transcribed by hand, and its rules on broken cells.
@Suite("Normalizer")
struct NormalizerTests {
    static let header = ReportHeader(reportID: "21879049c23c2b1b", sourcePath: "001_21879049c23c2b1b.txt", sourceBytes: 1)

    /// Seed 001 lines 180–187: "| 8.属于行政查询事项 |" / "0 |" / "0 |" / "00 |" / "0 |" / "0 |" / "0 |" / "0 |".
    static let seed001AdminQueryRow: [RawCell] = {
        let raws = ["0", "0", "00", "0", "0", "0", "0"]
        return zip(Codes.applicationColumns, raws).enumerated().map { offset, pair in
            RawCell(rowCode: "denied.admin_query", columnCode: pair.0.code, raw: pair.1, line: 181 + offset)
        }
    }()

    /// Seed 001 lines 71–73: "| 政府集中采购 |" / "8 |" / "1112万元 |".
    static let seed001Procurement = [
        RawCell(rowCode: "central_procurement", columnCode: "projects", raw: "8", line: 72),
        RawCell(rowCode: "central_procurement", columnCode: "amount", raw: "1112万元", line: 73),
    ]

    /// Seed 002 lines 22, 33: "規章 | 0 | ? ? 0 | ?0 |", "行政事業性收費 | 668.57 |".
    static let seed002Active = [
        RawCell(rowCode: "regulations", columnCode: "issued", raw: "0", line: 22),
        RawCell(rowCode: "regulations", columnCode: "repealed", raw: "? ? 0", line: 22),
        RawCell(rowCode: "regulations", columnCode: "in_force", raw: "?0", line: 22),
        RawCell(rowCode: "fees", columnCode: "amount_10k_yuan", raw: "668.57", line: 33),
    ]

    func run(_ tables: [ExtractedTable]) -> (NormalizedReport, Findings) {
        var findings = Findings(reportID: Self.header.reportID, sourcePath: Self.header.sourcePath)
        let report = Normalizer().normalize(ExtractedReport(header: Self.header, tables: tables), findings: &findings)
        return (report, findings)
    }

    @Test func seed001DoubleZeroIsZeroWithTypoWarning() throws {
        let (report, findings) = run([ExtractedTable(name: .applications, template: .t2019, cells: Self.seed001AdminQueryRow)])
        let cell = try #require(report.table(.applications)?.cell("denied.admin_query", "research"))
        #expect(cell.value == 0)
        #expect(cell.kind == .number)
        #expect(cell.raw == "00")
        #expect(findings.rejects.count == 1)
        let reject = try #require(findings.rejects.first)
        #expect(reject.ruleID == "typo_leading_zero")
        #expect(reject.severity == .warning)
        #expect(reject.stage == .normalize)
        #expect(reject.table == .applications)
        #expect(reject.rowCode == "denied.admin_query")
        #expect(reject.columnCode == "research")
        #expect(reject.line == 183)
        #expect(reject.actual == "00")
        #expect(reject.expected == "0")
    }

    @Test func seed001ProcurementAmountBecomesYuan() throws {
        let (report, findings) = run([ExtractedTable(name: .activeDisclosure, template: .t2019, cells: Self.seed001Procurement)])
        let table = try #require(report.table(.activeDisclosure))
        let projects = try #require(table.cell("central_procurement", "projects"))
        #expect(projects.value == 8)
        #expect(projects.unit == "件")
        let amount = try #require(table.cell("central_procurement", "amount"))
        #expect(amount.value == 11_120_000)
        #expect(amount.unit == "元")
        #expect(amount.raw == "1112万元")
        #expect(findings.rejects.isEmpty)
    }

    @Test func seed002ActiveCellsReadCleanly() throws {
        let (report, findings) = run([ExtractedTable(name: .activeDisclosure, template: .t2021, cells: Self.seed002Active)])
        let table = try #require(report.table(.activeDisclosure))
        #expect(table.cell("regulations", "repealed")?.value == 0)
        #expect(table.cell("regulations", "in_force")?.value == 0)
        let fee = try #require(table.cell("fees", "amount_10k_yuan"))
        #expect(fee.value == 668.57)
        #expect(fee.unit == "万元")
        #expect(findings.rejects.isEmpty)
    }

    @Test func applicationCountsCarryNoUnit() throws {
        let (report, _) = run([ExtractedTable(name: .applications, template: .t2019, cells: Self.seed001AdminQueryRow)])
        #expect(report.table(.applications)?.cells.allSatisfy { $0.unit == nil } == true)
    }

    @Test func blankAndNotApplicableKeepNoValue() throws {
        let cells = [
            RawCell(rowCode: "regulations", columnCode: "issued", raw: "/", line: 5),
            RawCell(rowCode: "regulations", columnCode: "repealed", raw: "", line: 5),
        ]
        let (report, findings) = run([ExtractedTable(name: .activeDisclosure, template: .t2021, cells: cells)])
        let table = try #require(report.table(.activeDisclosure))
        #expect(table.cell("regulations", "issued")?.kind == .notApplicable)
        #expect(table.cell("regulations", "issued")?.value == nil)
        #expect(table.cell("regulations", "issued")?.unit == nil)
        #expect(table.cell("regulations", "repealed")?.kind == .blank)
        #expect(findings.rejects.isEmpty)
    }

    // MARK: Every rule fires on a broken cell and stays silent on the seed cell

    /// One broken input per normalize rule: seed 001's admin-query row with one cell changed.
    static let brokenInputs: [String: (column: String, raw: String)] = [
        "typo_leading_zero": ("research", "00"),  // the seed itself carries this typo
        "suspicious_char": ("commercial", "O"),
        "unreadable_cell": ("commercial", "见附件"),
    ]

    @Test(arguments: Normalizer.rules)
    func ruleFiresOnBrokenInputAndNotOnCleanOne(_ rule: Rule) throws {
        let broken = try #require(Self.brokenInputs[rule.id], "rule \(rule.id) has no broken input")
        let brokenRow = Self.seed001AdminQueryRow.map { cell in
            var cell = cell
            cell.raw = cell.columnCode == broken.column ? broken.raw : (cell.raw == "00" ? "0" : cell.raw)
            return cell
        }
        let (_, fired) = run([ExtractedTable(name: .applications, template: .t2019, cells: brokenRow)])
        #expect(fired.rejects.map(\.ruleID) == [rule.id])
        #expect(fired.rejects.first?.columnCode == broken.column)

        let cleanRow = Self.seed001AdminQueryRow.map { cell in
            var cell = cell
            if cell.raw == "00" { cell.raw = "0" }
            return cell
        }
        let (_, silent) = run([ExtractedTable(name: .applications, template: .t2019, cells: cleanRow)])
        #expect(silent.rejects.isEmpty)
    }

    @Test func ruleIDsAreUnique() {
        #expect(Set(Normalizer.rules.map(\.id)).count == Normalizer.rules.count)
        #expect(Normalizer.rules.allSatisfy { $0.stage == .normalize })
    }
}
