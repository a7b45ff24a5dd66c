import NianbaoCore
import Testing

@testable import Validate

/// Narrative "total, 其中 parts" checks of report-formats §5.4 on the seeds.
@Suite("narrative breakdowns")
struct BreakdownTests {
    @Test func seed001CategoriesArePartial() throws {
        let rejects = Harness.check(SeedReports.seed001()).rejects.filter { $0.table == .figures }
        let partial = try #require(rejects.first)
        #expect(rejects.count == 1)  // the 311 key-area breakdown adds up exactly
        #expect(partial.ruleID == "partial_breakdown")
        #expect(partial.severity == .warning)
        #expect(partial.expected == "915")
        #expect(partial.actual == "679")  // 94 + 2 + 4 + 401 + 23 + 74 + 22 + 59
        #expect(partial.line == 11)
    }

    @Test func seed000BreakdownsAddUp() {
        // 360 + 790 + 2076 + 253 + 1381 + 19296 = 24156; 5475 + 1128 + 1752 + 18 + 12 + 257 + 893 = 9535.
        let checked = Harness.check(SeedReports.seed000())
        #expect(checked.rejects.isEmpty)
        #expect(checked.status == .ok)
    }

    @Test func approximateTotalOnlyBoundsTheSum() {
        // Seed 002: "3531余条，其中 2788 + 742 + 1" = 3531. Parts up to 105 % of an approximate total pass.
        var report = SeedReports.seed002()
        report.figures[1].value = 2788 + 170  // Σ 3701 ≤ 3531 × 1.05 = 3707.55
        #expect(Harness.check(report).rejects.isEmpty)
        report.figures[1].value = 2788 + 180  // Σ 3711 > 3707.55
        #expect(Harness.check(report).rejects.map(\.ruleID) == ["inconsistent_breakdown"])
        report.figures[1].value = 100  // far short of an approximate total: no partial warning
        #expect(Harness.check(report).rejects.isEmpty)
    }

    @Test func inconsistentBreakdownRejectsButQuarantinesNothing() {
        var report = SeedReports.seed001()
        report.figures[9].value = 300  // "重点领域信息公开311条" read as 300
        let checked = Harness.check(report)
        #expect(checked.rejects.contains { $0.ruleID == "inconsistent_breakdown" && $0.severity == .error })
        #expect(checked.status == .rejected)
        #expect(checked.quarantined.isEmpty)  // report-formats §5.4: "error-level flag, keep data"
    }

    @Test func malformedBreakdownIsSkipped() {
        var report = SeedReports.seed000()
        report.breakdowns.append(FigureBreakdown(total: 99, parts: [1]))
        report.breakdowns.append(FigureBreakdown(total: 0, parts: []))
        report.breakdowns.append(FigureBreakdown(total: 0, parts: [-1]))
        #expect(Harness.check(report).rejects.isEmpty)
    }

    @Test func differentUnitsAreNotCompared() {
        var report = SeedReports.seed000()
        report.figures[1].unit = "篇"
        #expect(Harness.check(report).rejects.isEmpty)
    }
}
