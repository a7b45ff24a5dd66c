import NianbaoCore

/// A2: （七）总计 is the sum of results （一）…（六） in every column (structural; holds in seeds 001 and 002).
struct ApplicationsResultsSum: Check {
    let rule = Rule(
        id: "A2", stage: .validate, severity: .error,
        title: "total handled = granted + partial + denied + unable + not processed + other, in every column",
        spec: "report-formats §3.1")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        guard let grid = input.applications else { return }
        for column in ApplicationCodes.columns {
            Identity.check(
                rule, scope: column, parts: ApplicationCodes.resultTerms(grid, column: column),
                totals: [grid.term(row: "total", column: column)],
                table: .applications, row: "total", column: column, line: grid.line("total", column), findings: &findings)
        }
    }
}
