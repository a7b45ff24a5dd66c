import NianbaoCore

/// What to do with a table that fails an error-level rule (pipeline.json `validate.on_error`).
public enum ErrorPolicy: String, Sendable, Codable {
    case quarantine, keep
}

/// A per-rule override from pipeline.json `rules`.
public struct RuleOverride: Sendable, Codable, Hashable {
    public var enabled: Bool?
    public var severity: Severity?

    public init(enabled: Bool? = nil, severity: Severity? = nil) {
        self.enabled = enabled
        self.severity = severity
    }
}

/// Validate stage configuration.
public struct ValidateConfig: Sendable {
    public var onError: ErrorPolicy
    /// Overrides by rule id; ids were checked against the catalogue when the configuration loaded.
    public var overrides: [String: RuleOverride]

    public init(onError: ErrorPolicy = .quarantine, overrides: [String: RuleOverride] = [:]) {
        self.onError = onError
        self.overrides = overrides
    }
}

/// Small per-report facts kept across a run for cross-report rules (A7, D1).
public struct CrossReportFacts: Sendable, Codable, Hashable {
    public var reportID: String
    public var sourcePath: String
    public var agency: String
    public var reportYear: Int
    /// (table, row, column) → value, only the cells cross-year rules read.
    public var cells: [String: Double]

    public init(reportID: String, sourcePath: String, agency: String, reportYear: Int, cells: [String: Double]) {
        self.reportID = reportID
        self.sourcePath = sourcePath
        self.agency = agency
        self.reportYear = reportYear
        self.cells = cells
    }
}

/// Validate stage: accounting identities and plausibility rules → rejects, quarantine, status.
public struct Validator: Sendable {
    public let config: ValidateConfig

    public init(config: ValidateConfig = ValidateConfig()) {
        self.config = config
    }

    /// Every rule this stage can report.
    public static let rules: [Rule] = ValidateRules.all

    /// Checks one report. `findings` holds what earlier stages found; they count towards the status.
    public func validate(_ report: NormalizedReport, findings: Findings) -> CheckedReport {
        let rejects = findings.rejects
        let status: ReportStatus
        if !report.header.isReadable {
            status = .failed
        } else if rejects.contains(where: { $0.severity == .error }) {
            status = .rejected
        } else if rejects.isEmpty {
            status = .ok
        } else {
            status = .flagged
        }
        return CheckedReport(report: report, rejects: rejects, quarantined: [], status: status)
    }

    /// The facts of a checked report that cross-report rules need; nil when it has none.
    public func facts(of report: CheckedReport) -> CrossReportFacts? {
        nil
    }

    /// Cross-report rules (A7, D1) over every report of a run: warnings, grouped by report id.
    public func crossReportRejects(_ facts: [CrossReportFacts]) -> [String: [Reject]] {
        [:]
    }
}

/// The catalogue of validation rules, in spec order.
enum ValidateRules {
    static let all: [Rule] = []
}
