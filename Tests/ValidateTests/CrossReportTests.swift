import NianbaoCore
import Testing

@testable import Validate

/// Facts kept per report and the cross-year comparison (A7, D1, D2).
@Suite("cross-report facts")
struct CrossReportTests {
    @Test func factsOfSeed002() throws {
        let validator = Validator(config: Harness.config)
        let facts = try #require(validator.facts(of: Harness.check(SeedReports.seed002())))
        #expect(facts.agency == "江夏区人民政府")
        #expect(facts.reportYear == 2021)
        #expect(facts.cells["applications|carried_over|natural_person"] == 0)
        #expect(facts.cells["applications|carried_forward|total"] == 0)
        #expect(facts.cells["active_disclosure|normative_documents|in_force"] == 22)  // line 23 "????? 22"
        #expect(facts.cells["active_disclosure|normative_documents|issued"] == 2)
        #expect(facts.cells["applications|new_received|total"] == nil)  // not read across years
    }

    @Test func quarantinedTablesGiveNoFacts() throws {
        let broken = SeedReports.seed002().setting(.applications, "new_received", "natural_person", to: "157")
        let facts = try #require(Validator(config: Harness.config).facts(of: Harness.check(broken)))
        #expect(facts.cells.keys.allSatisfy { !$0.hasPrefix("applications|") })
    }

    @Test func reportWithoutAgencyHasNoFacts() {
        let report = SeedReports.seed002().withMetadata { $0.agency = nil }
        #expect(Validator(config: Harness.config).facts(of: Harness.check(report)) == nil)
    }

    @Test func onlyConsecutiveYearsOfTheSameAgencyAreCompared() {
        let previous = BrokenInputs.seed002PreviousYear.setting(.activeDisclosure, "normative_documents", "in_force", to: "20")
        let twoYearsBack = previous.withMetadata { $0.reportYear = 2019 }
        let otherAgency = previous.withMetadata { $0.agency = "武昌区人民政府" }
        #expect(Harness.rejects(.years(previous: twoYearsBack, current: SeedReports.seed002())).isEmpty)
        #expect(Harness.rejects(.years(previous: otherAgency, current: SeedReports.seed002())).isEmpty)
        let d1 = Harness.rejects(.years(previous: previous, current: SeedReports.seed002()))
        #expect(d1.map(\.ruleID) == ["D1"])
        #expect(d1.first?.expected == "21")  // 20 + 2 issued − 1 repealed
        #expect(d1.first?.actual == "22")
        #expect(d1.first?.reportID == "cbaa75f9e60907ca")
    }

    @Test func crossYearOverridesApply() {
        let previous = BrokenInputs.seed002PreviousYear.setting(.activeDisclosure, "normative_documents", "in_force", to: "20")
        let config = ValidateConfig(overrides: ["D1": RuleOverride(enabled: false)], currentYear: 2025)
        #expect(Harness.rejects(.years(previous: previous, current: SeedReports.seed002()), config: config).isEmpty)
    }
}

@Suite("adding cross-year rejects")
struct AddingRejectsTests {
    @Test func crossYearWarningFlagsAnOkReport() {
        let validator = Validator(config: Harness.config)
        let previous = BrokenInputs.seed002PreviousYear.setting(.activeDisclosure, "normative_documents", "in_force", to: "20")
        let current = Harness.check(SeedReports.seed002())
        #expect(current.status == .ok)
        let facts = [Harness.check(previous), current].compactMap { validator.facts(of: $0) }
        let extra = validator.crossReportRejects(facts)[current.header.reportID] ?? []
        let updated = validator.adding(extra, to: current)
        #expect(updated.status == .flagged)
        #expect(updated.rejects.map(\.ruleID) == ["D1"])
        #expect(updated.quarantined.isEmpty)
    }

    @Test func crossYearRuleRaisedToErrorQuarantines() {
        let config = ValidateConfig(overrides: ["D1": RuleOverride(severity: .error)], currentYear: 2025)
        let validator = Validator(config: config)
        let previous = BrokenInputs.seed002PreviousYear.setting(.activeDisclosure, "normative_documents", "in_force", to: "20")
        let current = Harness.check(SeedReports.seed002(), config: config)
        let facts = [Harness.check(previous, config: config), current].compactMap { validator.facts(of: $0) }
        let updated = validator.adding(validator.crossReportRejects(facts)[current.header.reportID] ?? [], to: current)
        #expect(updated.status == .rejected)
        #expect(updated.quarantined == [.activeDisclosure])
    }
}
