import NianbaoCore

/// report-formats §3.4: 2008 ≤ report_year ≤ current year. The regulation took effect on 2008-05-01, and no
/// report can cover a year that has not started.
struct ReportYearRange: Check {
    let rule = Rule(
        id: "report_year_range", stage: .validate, severity: .error,
        title: "the report year lies between 2008 and the current year",
        spec: "report-formats §3.4")

    static let firstYear = 2008

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        guard let year = input.metadata.reportYear else { return }
        let range = Self.firstYear...input.currentYear
        guard !range.contains(year) else { return }
        findings.add(
            rule, "report year \(year) is outside \(range.lowerBound)…\(range.upperBound)",
            expected: "\(range.lowerBound)…\(range.upperBound)", actual: String(year))
    }
}
