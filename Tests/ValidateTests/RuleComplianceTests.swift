import NianbaoCore
import Testing

@testable import Validate

/// Every declared rule catches a broken input and stays silent on the correct one.
@Suite("rule compliance")
struct RuleComplianceTests {
    @Test(arguments: Validator.rules)
    func ruleFiresOnBrokenInputAndStaysSilentOnCorrectOne(_ rule: Rule) throws {
        let input = try #require(BrokenInputs.table[rule.id], "rule \(rule.id) has no broken input")
        let fired = Harness.rejects(input.fires).filter { $0.ruleID == rule.id }
        #expect(!fired.isEmpty, "\(rule.id) did not fire on its broken input")
        #expect(fired.allSatisfy { $0.severity == rule.severity && $0.stage == .validate })
        if let at = input.at {
            #expect(fired.contains { $0.table == at.table && $0.rowCode == at.row && $0.columnCode == at.column })
        }
        let silent = Harness.rejects(input.silent).filter { $0.ruleID == rule.id }
        #expect(silent.isEmpty, "\(rule.id) fired on the correct input: \(silent.map(\.message))")
    }

    @Test func everyBrokenInputBelongsToADeclaredRule() {
        let declared = Set(Validator.rules.map(\.id))
        #expect(Set(BrokenInputs.table.keys).subtracting(declared).isEmpty)
    }

    @Test func catalogueListsEveryCheckOnceInSpecOrder() {
        let ids = Validator.rules.map(\.id)
        #expect(Set(ids).count == ids.count)
        let evaluated = ValidateRules.perReport.map(\.rule.id) + ValidateRules.crossYear.map(\.rule.id)
        #expect(Set(evaluated) == Set(ids))
        #expect(Array(ids.prefix(16)) == ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "R1", "R2", "R3", "R4", "D1", "D2", "D3", "D4", "D5"])
        #expect(Validator.rules.allSatisfy { $0.stage == .validate && !$0.title.isEmpty && $0.spec.hasPrefix("report-formats §") })
    }

    /// report-formats §7: identities error, cross-year and partial breakdowns warn.
    @Test func severitiesFollowTheSpec() {
        let severity = Dictionary(uniqueKeysWithValues: Validator.rules.map { ($0.id, $0.severity) })
        for id in ["A1", "A2", "A3", "A4", "R1", "R2", "R3"] { #expect(severity[id] == .error, "\(id)") }
        for id in ["A7", "D1", "D2", "R4", "partial_breakdown", "date_window"] { #expect(severity[id] == .warning, "\(id)") }
    }
}
