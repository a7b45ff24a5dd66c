import NianbaoCore

/// A7: this year's 上年结转 is last year's 结转下年度, per column, for the same agency. Real data often
/// differ (report-formats §3.1 marks it [I]), hence a warning.
struct CarriedOverContinuity: CrossYearCheck {
    let rule = Rule(
        id: "A7", stage: .validate, severity: .warning,
        title: "carried over this year = carried forward in the same agency's report of the year before",
        spec: "report-formats §3.1")

    func evaluate(previous: CrossReportFacts, current: CrossReportFacts, findings: inout Findings) {
        for column in ApplicationCodes.columns {
            guard let over = current.cells[FactKey.make(.applications, "carried_over", column)],
                let forward = previous.cells[FactKey.make(.applications, "carried_forward", column)],
                abs(over - forward) > Identity.tolerance
            else { continue }
            findings.add(
                rule,
                "A7 \(column): carried_over \(NumberText.format(over)) in \(current.reportYear), but the "
                    + "\(previous.reportYear) report (\(previous.sourcePath)) carried forward \(NumberText.format(forward))",
                table: .applications, row: "carried_over", column: column,
                expected: NumberText.format(forward), actual: NumberText.format(over))
        }
    }
}
