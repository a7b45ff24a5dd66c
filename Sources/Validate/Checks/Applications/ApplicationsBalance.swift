import NianbaoCore

/// A1, the identity the table states in its corner note ("第一项加第二项之和，等于第三项加第四项之和"):
/// new_received + carried_over = total + carried_forward, for every column.
struct ApplicationsBalance: Check {
    let rule = Rule(
        id: "A1", stage: .validate, severity: .error,
        title: "new received + carried over = total handled + carried forward, in every column",
        spec: "report-formats §3.1")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        guard let grid = input.applications else { return }
        for column in ApplicationCodes.columns {
            Identity.check(
                rule, scope: column,
                parts: [grid.term(row: "new_received", column: column), grid.term(row: "carried_over", column: column)],
                totals: [grid.term(row: "total", column: column), grid.term(row: "carried_forward", column: column)],
                table: .applications, row: "total", column: column, line: grid.line("total", column), findings: &findings)
        }
    }
}
