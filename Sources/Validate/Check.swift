import NianbaoCore

/// A rule of report-formats §3 or §5.4 evaluated on one report. Each conforming type declares its rule
/// once (`let rule = Rule(id: …)`), so grepping the sources for a quoted id finds exactly one line.
protocol Check: Sendable {
    var rule: Rule { get }
    /// Adds one finding per failed check; stays silent when an input is missing or unreadable
    /// (not assessable is not a failure).
    func evaluate(_ input: CheckInput, findings: inout Findings)
}

/// A rule that compares one agency's reports of consecutive years (A7, D1, D2). Always a warning:
/// agencies re-count and revise, so a break across years is a question, not proof of an error.
protocol CrossYearCheck: Sendable {
    var rule: Rule { get }
    func evaluate(previous: CrossReportFacts, current: CrossReportFacts, findings: inout Findings)
}

/// What a check reads: the report after blank totals were derived, with its template tables indexed.
struct CheckInput {
    let report: NormalizedReport
    let applications: TableGrid?
    let activeDisclosure: TableGrid?
    let appeals: TableGrid?
    /// The year the run treats as current, for the report-year bound.
    let currentYear: Int
    /// Stored, not computed: several checks read it, and each read of `report.header.metadata` copies it.
    let metadata: ReportMetadata

    init(report: NormalizedReport, applications: TableGrid?, activeDisclosure: TableGrid?, appeals: TableGrid?, currentYear: Int) {
        self.report = report
        self.applications = applications
        self.activeDisclosure = activeDisclosure
        self.appeals = appeals
        self.currentYear = currentYear
        metadata = report.header.metadata
    }
}
