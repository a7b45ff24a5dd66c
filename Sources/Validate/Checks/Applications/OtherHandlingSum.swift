import NianbaoCore

/// A3: when the 2021 sub-rows of （六）其他处理 are printed next to a value for （六） itself, that value is
/// their sum. Reports with a single （六） row (2019 shape, also seed 002) have nothing to check.
struct OtherHandlingSum: Check {
    let rule = Rule(
        id: "A3", stage: .validate, severity: .error,
        title: "other handling = correction overdue + fee unpaid + other, when the 2021 sub-rows are printed",
        spec: "report-formats §3.1")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        guard let grid = input.applications, grid.hasRow("other"), ApplicationCodes.hasOtherSubRows(grid) else { return }
        for column in ApplicationCodes.columns {
            Identity.check(
                rule, scope: column,
                parts: ApplicationCodes.otherSubRows.map { grid.term(row: $0, column: column) },
                totals: [grid.term(row: "other", column: column)],
                table: .applications, row: "other", column: column, line: grid.line("other", column), findings: &findings)
        }
    }
}
