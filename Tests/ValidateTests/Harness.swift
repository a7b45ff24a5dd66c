import NianbaoCore
import Normalize

@testable import Validate

/// Runs reports through Normalize and Validate the way Pipeline does.
enum Harness {
    /// Pinned so `report_year_range` does not depend on the day the tests run.
    static let config = ValidateConfig(currentYear: 2025)

    static func check(_ extracted: ExtractedReport, config: ValidateConfig = Harness.config) -> CheckedReport {
        var findings = Findings(reportID: extracted.header.reportID, sourcePath: extracted.header.sourcePath)
        let normalized = Normalizer().normalize(extracted, findings: &findings)
        return Validator(config: config).validate(normalized, findings: findings)
    }

    /// Rejects of a scenario: a single report's, or the cross-year warnings of the later report of a pair.
    static func rejects(_ scenario: Scenario, config: ValidateConfig = Harness.config) -> [Reject] {
        switch scenario {
        case .report(let report):
            return check(report, config: config).rejects
        case .years(let previous, let current):
            let validator = Validator(config: config)
            let facts = [previous, current].compactMap { validator.facts(of: check($0, config: config)) }
            return validator.crossReportRejects(facts)[current.header.reportID] ?? []
        }
    }
}

/// The input a rule is run on.
enum Scenario: Sendable {
    case report(ExtractedReport)
    /// Two reports of one agency in consecutive years; cross-year rules report on `current`.
    case years(previous: ExtractedReport, current: ExtractedReport)
}
