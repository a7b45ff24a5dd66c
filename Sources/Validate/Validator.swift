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
    /// Upper bound of `report_year_range`; defaults to the current year in China. Tests pin it.
    public var currentYear: Int

    public init(onError: ErrorPolicy = .quarantine, overrides: [String: RuleOverride] = [:], currentYear: Int? = nil) {
        self.onError = onError
        self.overrides = overrides
        self.currentYear = currentYear ?? CurrentYear.inChina()
    }
}

/// Small per-report facts kept across a run for cross-report rules (A7, D1).
public struct CrossReportFacts: Sendable, Codable, Hashable {
    public var reportID: String
    public var sourcePath: String
    public var agency: String
    public var reportYear: Int
    /// (table, row, column) → value, only the cells cross-year rules read. Keys are "table|row|column",
    /// e.g. "applications|carried_forward|total".
    public var cells: [String: Double]

    public init(reportID: String, sourcePath: String, agency: String, reportYear: Int, cells: [String: Double]) {
        self.reportID = reportID
        self.sourcePath = sourcePath
        self.agency = agency
        self.reportYear = reportYear
        self.cells = cells
    }
}

extension CrossReportFacts {
    /// Every key `cells` can have for catalogue codes, in catalogue order: lets a store number keys instead of
    /// spelling them out. Cells of codes outside the catalogue have other keys.
    public static var catalogueKeys: [String] { CrossYearCells.catalogueKeys }
}

/// Keys of `CrossReportFacts.cells`: "table|row|column", e.g. "applications|carried_over|total".
enum FactKey {
    static func make(_ table: TableName, _ row: String, _ column: String) -> String {
        "\(table.rawValue)|\(row)|\(column)"
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

    /// Tables whose values Load may hold back; figures are kept whatever their checks say (report-formats §5.4).
    static let quarantinable: Set<TableName> = [.applications, .activeDisclosure, .appeals]

    /// Checks one report. `findings` holds what earlier stages found; they count towards the status.
    public func validate(_ report: NormalizedReport, findings: Findings) -> CheckedReport {
        var all = findings
        var checked = report
        if report.header.isReadable {
            let input = checkInput(for: report)
            checked.tables = report.tables.map { table in
                switch table.name {
                case .applications: return input.applications?.table ?? table
                case .activeDisclosure: return input.activeDisclosure?.table ?? table
                case .appeals: return input.appeals?.table ?? table
                case .figures: return table
                }
            }
            // Without overrides every rule runs; asking each check for its rule copies the rule.
            let enabled: ((Rule) -> Bool)? = config.overrides.isEmpty ? nil : { isEnabled($0) }
            ValidateRules.evaluate(input, findings: &all, isEnabled: enabled)
        }
        return verdict(checked, rejects: applyOverrides(all.rejects))
    }

    /// The report with more rejects (the cross-year warnings of `crossReportRejects`), its status and
    /// quarantine recomputed. The rejects must already carry their overrides.
    public func adding(_ rejects: [Reject], to checked: CheckedReport) -> CheckedReport {
        guard !rejects.isEmpty else { return checked }
        return verdict(checked.report, rejects: checked.rejects + rejects)
    }

    /// The facts of a checked report that cross-report rules need; nil when it has none.
    public func facts(of report: CheckedReport) -> CrossReportFacts? {
        let metadata = report.header.metadata
        guard report.status != .failed, let agency = metadata.agency?.trimmedOfSpaces, !agency.isEmpty,
            let year = metadata.reportYear
        else { return nil }
        let cells = CrossYearCells.of(report)
        guard !cells.isEmpty else { return nil }
        return CrossReportFacts(
            reportID: report.header.reportID, sourcePath: report.header.sourcePath, agency: agency, reportYear: year,
            cells: cells)
    }

    /// Cross-report rules (A7, D1) over every report of a run: warnings, grouped by report id.
    public func crossReportRejects(_ facts: [CrossReportFacts]) -> [String: [Reject]] {
        let byAgencyYear = Dictionary(grouping: facts) { AgencyYear(agency: $0.agency, year: $0.reportYear) }
        var result: [String: [Reject]] = [:]
        // Sorted so duplicate reports of one year are compared in the same order every run.
        for current in facts.sorted(by: { ($0.sourcePath, $0.reportID) < ($1.sourcePath, $1.reportID) }) {
            // &- because a misread year such as Int.min must not trap.
            let previousReports = byAgencyYear[AgencyYear(agency: current.agency, year: current.reportYear &- 1)] ?? []
            let rejects = crossYearRejects(of: current, previousYear: previousReports)
            if !rejects.isEmpty { result[current.reportID, default: []].append(contentsOf: rejects) }
        }
        return result
    }

    /// Cross-year rules (A7, D1) for one report against its agency's reports of the year before: what
    /// `crossReportRejects` does for one report, so a run can check reports one at a time without holding every
    /// report's warnings.
    public func crossYearRejects(of current: CrossReportFacts, previousYear: [CrossReportFacts]) -> [Reject] {
        guard !previousYear.isEmpty else { return [] }
        var findings = Findings(reportID: current.reportID, sourcePath: current.sourcePath)
        // Sorted so duplicate reports of one year are compared in the same order every run.
        for previous in previousYear.sorted(by: { ($0.sourcePath, $0.reportID) < ($1.sourcePath, $1.reportID) }) {
            for check in ValidateRules.crossYear where isEnabled(check.rule) {
                check.evaluate(previous: previous, current: current, findings: &findings)
            }
        }
        return applyOverrides(findings.rejects)
    }

    // MARK: Helpers

    private struct AgencyYear: Hashable {
        let agency: String
        let year: Int
    }

    /// Blank totals become derived cells before any check reads the tables.
    private func checkInput(for report: NormalizedReport) -> CheckInput {
        func grid(_ name: TableName) -> TableGrid? {
            guard let table = report.table(name) else { return nil }
            var grid = TableGrid(table)
            BlankTotals.derive(&grid)
            return grid
        }
        return CheckInput(
            report: report, applications: grid(.applications), activeDisclosure: grid(.activeDisclosure),
            appeals: grid(.appeals), currentYear: config.currentYear)
    }

    private func isEnabled(_ rule: Rule) -> Bool { config.overrides[rule.id]?.enabled ?? true }

    /// Rule ids are global, so overrides apply to the rejects of every stage, not only this one's.
    func applyOverrides(_ rejects: [Reject]) -> [Reject] {
        guard !config.overrides.isEmpty else { return rejects }
        return rejects.compactMap { reject in
            guard let override = config.overrides[reject.ruleID] else { return reject }
            if override.enabled == false { return nil }
            var reject = reject
            if let severity = override.severity { reject.severity = severity }
            return reject
        }
    }

    private func verdict(_ report: NormalizedReport, rejects: [Reject]) -> CheckedReport {
        let quarantined: Set<TableName> =
            config.onError == .quarantine
            ? Set(rejects.compactMap { $0.severity == .error ? $0.table : nil }).intersection(Self.quarantinable)
            : []
        return CheckedReport(report: report, rejects: rejects, quarantined: quarantined, status: status(report, rejects))
    }

    private func status(_ report: NormalizedReport, _ rejects: [Reject]) -> ReportStatus {
        if !report.header.isReadable { return .failed }
        if rejects.contains(where: { $0.severity == .error }) { return .rejected }
        return rejects.isEmpty ? .ok : .flagged
    }
}

extension String {
    /// The agency name without surrounding spaces, so "江夏区人民政府 " matches across years.
    fileprivate var trimmedOfSpaces: String {
        let scalars = unicodeScalars
        // Most names have no surrounding spaces: two scalar tests instead of a copy.
        if let first = scalars.first, let last = scalars.last, !first.isSpace, !last.isSpace { return self }
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}

extension Unicode.Scalar {
    /// `properties.isWhitespace` without its table lookup for scalars past U+3000, the last White_Space
    /// scalar: Han characters, which agency names start and end with.
    fileprivate var isSpace: Bool { value > 0x3000 ? false : properties.isWhitespace }
}
