import NianbaoCore
import Testing

@testable import Validate

/// The validator on whole seed reports: verdicts, quarantine, blank totals, overrides.
@Suite("Validator on seeds")
struct ValidatorTests {
    @Test func seed002HoldsEveryIdentity() {
        // report-formats §8: seed 002 "identities all hold"; its 3531余条 breakdown is approximate and within 105 %.
        let checked = Harness.check(SeedReports.seed002())
        #expect(checked.rejects.map(\.ruleID) == [])
        #expect(checked.status == .ok)
        #expect(checked.quarantined.isEmpty)
    }

    @Test func seed001IsFlaggedForItsTypoAndPartialBreakdownOnly() {
        let checked = Harness.check(SeedReports.seed001())
        #expect(Set(checked.rejects.map(\.ruleID)) == ["typo_leading_zero", "partial_breakdown"])
        #expect(checked.status == .flagged)
        #expect(checked.quarantined.isEmpty)
    }

    /// The required case: seed 002 line 38 "一、本年新收政府信息公开申请数量 | 156 | …" with 156 changed to 157.
    @Test func seed002NaturalPersonNewReceivedOffByOne() throws {
        let broken = SeedReports.seed002().setting(.applications, "new_received", "natural_person", to: "157")
        let checked = Harness.check(broken)

        let a1 = try #require(checked.rejects.first { $0.ruleID == "A1" })
        #expect(a1.table == .applications)
        #expect(a1.rowCode == "total")
        #expect(a1.columnCode == "natural_person")
        #expect(a1.expected == "157")  // 157 new + 0 carried over
        #expect(a1.actual == "156")  // line 59 "(七)總計 | 156 | …" + 0 carried forward
        #expect(a1.line == 59)
        #expect(a1.severity == .error)

        let a4 = try #require(checked.rejects.first { $0.ruleID == "A4" })
        #expect(a4.rowCode == "new_received")
        #expect(a4.columnCode == "total")
        #expect(a4.expected == "161")  // 157 + 2 + 0 + 0 + 2 + 0
        #expect(a4.actual == "160")
        #expect(a4.line == 38)

        #expect(checked.rejects.filter { $0.ruleID == "A1" }.count == 1)
        #expect(checked.rejects.filter { $0.ruleID == "A4" }.count == 1)
        #expect(checked.quarantined == [.applications])
        #expect(checked.status == .rejected)
    }

    @Test func keepPolicyRejectsWithoutQuarantine() {
        let broken = SeedReports.seed002().setting(.applications, "new_received", "natural_person", to: "157")
        let checked = Harness.check(broken, config: ValidateConfig(onError: .keep, currentYear: 2025))
        #expect(checked.quarantined.isEmpty)
        #expect(checked.status == .rejected)
    }

    @Test func overridesDisableOrDowngradeRulesOfEveryStage() {
        let broken = SeedReports.seed001().setting(.applications, "granted", "natural_person", to: "3")
        let config = ValidateConfig(
            overrides: [
                "A2": RuleOverride(severity: .warning), "A4": RuleOverride(enabled: false),
                "typo_leading_zero": RuleOverride(enabled: false), "partial_breakdown": RuleOverride(enabled: false),
            ],
            currentYear: 2025)
        let checked = Harness.check(broken, config: config)
        #expect(checked.rejects.map(\.ruleID) == ["A2"])
        #expect(checked.rejects.first?.severity == .warning)
        #expect(checked.status == .flagged)
        #expect(checked.quarantined.isEmpty)
    }

    @Test func unreadableHeaderFails() {
        var report = SeedReports.seed002()
        report.header.isReadable = false
        #expect(Harness.check(report).status == .failed)
    }

    // MARK: Blanks, dashes and unreadable cells (report-formats §3.4)

    /// S9 has a blank 总计 cell in "（一）予以公开" although the row sums to 272: derived, not an error.
    @Test func blankTotalIsDerivedNotAnError() throws {
        let report = SeedReports.seed002().setting(.applications, "granted", "total", to: "")
        let checked = Harness.check(report)
        #expect(checked.rejects.isEmpty)
        let cell = try #require(checked.report.table(.applications)?.cell("granted", "total"))
        #expect(cell.derived)
        #expect(cell.value == 20)  // 19 + 1 + 0 + 0 + 0 + 0, seed 002 line 40
        #expect(cell.raw == "")
    }

    @Test func blankGrandTotalIsDerivedFromDerivedParts() throws {
        let report = SeedReports.seed002()
            .setting(.applications, "total", "total", to: "")
            .setting(.applications, "granted", "total", to: "")
        let checked = Harness.check(report)
        #expect(checked.rejects.isEmpty)
        #expect(checked.report.table(.applications)?.cell("total", "total")?.value == 160)
    }

    @Test func blankAppealTotalIsDerived() {
        let checked = Harness.check(SeedReports.seed002().setting(.appeals, "review", "total", to: ""))
        #expect(checked.rejects.isEmpty)
        #expect(checked.report.table(.appeals)?.cell("review", "total")?.value == 13)  // 5 + 0 + 5 + 3
    }

    @Test func blankTotalOverUnreadablePartIsNotAssessable() {
        let report = SeedReports.seed002()
            .setting(.applications, "granted", "total", to: "")
            .setting(.applications, "granted", "commercial", to: "见附件")
        let checked = Harness.check(report)
        // Only Normalize's warning: A2 and A4 cannot be assessed without the commercial cell.
        #expect(checked.rejects.map(\.ruleID) == ["unreadable_cell"])
        #expect(checked.report.table(.applications)?.cell("granted", "total")?.derived == false)
    }

    @Test func slashCountsAsZeroInSums() {
        // "/" in a detail cell: null in the output, 0 in A4's sum of the new_received row.
        let report = SeedReports.seed002().setting(.applications, "carried_over", "research", to: "/")
        let checked = Harness.check(report)
        #expect(checked.rejects.isEmpty)
        #expect(checked.report.table(.applications)?.cell("carried_over", "research")?.value == nil)
    }

    @Test func slashInATotalIsNotAssessable() {
        let report = SeedReports.seed002().setting(.appeals, "review", "total", to: "/")
        #expect(Harness.check(report).rejects.isEmpty)
    }

    @Test func regulationsNotApplicableAreSilent() {
        // report-formats §2.2: agencies without rule-making power put "/" in the 规章 row.
        let report = SeedReports.seed002()
            .setting(.activeDisclosure, "regulations", "issued", to: "/")
            .setting(.activeDisclosure, "regulations", "repealed", to: "/")
            .setting(.activeDisclosure, "regulations", "in_force", to: "/")
        #expect(Harness.check(report).rejects.isEmpty)
    }

    @Test func signedChangeColumnIsNoSignError() {
        // 本年增/减 may be negative as long as prev_year_items + change ≥ 0 (D3).
        let report = SeedReports.seed001()
            .setting(.activeDisclosure, "licensing", "prev_year_items", to: "5")
            .setting(.activeDisclosure, "licensing", "change", to: "减少2")
        let ids = Harness.check(report).rejects.map(\.ruleID)
        #expect(!ids.contains("D4"))
        #expect(!ids.contains("D3"))
    }
}

@Suite("bad metadata never traps")
struct BadMetadataTests {
    @Test(arguments: [Int.max, Int.min, 0, -5])
    func absurdReportYear(_ year: Int) {
        let report = SeedReports.seed002().withMetadata { $0.reportYear = year }
        let checked = Harness.check(report)
        #expect(checked.rejects.contains { $0.ruleID == "report_year_range" })
        let validator = Validator(config: Harness.config)
        let facts = [checked].compactMap { validator.facts(of: $0) }
        #expect(validator.crossReportRejects(facts).isEmpty)
    }
}

/// Regression: 43.66 × 10,000 is 436599.99999999994 in binary floating point; truncating it made D5 call an
/// ordinary two-decimal 万元 fee "more than 4 decimals" (found on the synthetic benchmark archive).
@Suite("D5 decimals")
struct AmountDecimalsTests {
    @Test(arguments: ["43.66", "81.46", "12.29", "668.57", "0.0001"])
    func twoToFourDecimalFeesAreSilent(_ amount: String) {
        let report = SeedReports.seed002().setting(.activeDisclosure, "fees", "amount_10k_yuan", to: amount)
        #expect(!Harness.check(report).rejects.contains { $0.ruleID == "D5" })
    }

    @Test func fiveDecimalsFire() {
        let report = SeedReports.seed002().setting(.activeDisclosure, "fees", "amount_10k_yuan", to: "668.57001")
        #expect(Harness.check(report).rejects.contains { $0.ruleID == "D5" })
    }
}
