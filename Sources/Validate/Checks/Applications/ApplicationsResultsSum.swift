import NianbaoCore

/// A2: （七）总计 is the sum of results （一）…（六） in every column (structural; holds in seeds 001 and 002).
struct ApplicationsResultsSum: Check {
    let rule = Rule(
        id: "A2", stage: .validate, severity: .error,
        title: "total handled = granted + partial + denied + unable + not processed + other, in every column",
        spec: "report-formats §3.1")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        guard let grid = input.applications else { return }
        let at = ApplicationCodes.at
        let otherSubRows = ApplicationCodes.hasOtherSubRows(grid)
        for column in at.columns {
            guard let total = grid.value(at.total, column),
                Identity.fails(ApplicationCodes.resultSum(grid, column: column, at, otherSubRows: otherSubRows), 0 + total)
            else { continue }
            Identity.check(
                rule, scope: grid.columnCode(column),
                parts: ApplicationCodes.resultTerms(grid, column: column, at, otherSubRows: otherSubRows),
                totals: [grid.term(row: at.total, column: column)],
                table: .applications, row: "total", column: grid.columnCode(column), line: grid.line(at.total, column),
                findings: &findings)
        }
    }
}
