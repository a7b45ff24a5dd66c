import NianbaoCore

/// A3: when the 2021 sub-rows of （六）其他处理 are printed next to a value for （六） itself, that value is
/// their sum. Reports with a single （六） row (2019 shape, also seed 002) have nothing to check.
struct OtherHandlingSum: Check {
    let rule = Rule(
        id: "A3", stage: .validate, severity: .error,
        title: "other handling = correction overdue + fee unpaid + other, when the 2021 sub-rows are printed",
        spec: "report-formats §3.1")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        let at = ApplicationCodes.at
        guard let grid = input.applications, grid.hasRow(at.other), ApplicationCodes.hasOtherSubRows(grid) else { return }
        for column in at.columns {
            guard let other = grid.value(at.other, column),
                Identity.fails(grid.sum(rows: at.otherSubRows, column: column), 0 + other)
            else { continue }
            Identity.check(
                rule, scope: grid.columnCode(column),
                parts: at.otherSubRows.map { grid.term(row: $0, column: column) },
                totals: [grid.term(row: at.other, column: column)],
                table: .applications, row: "other", column: grid.columnCode(column), line: grid.line(at.other, column),
                findings: &findings)
        }
    }
}
