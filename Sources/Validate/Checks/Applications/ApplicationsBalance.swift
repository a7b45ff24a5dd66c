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
        let at = ApplicationCodes.at
        for column in at.columns {
            guard let received = grid.value(at.newReceived, column), let over = grid.value(at.carriedOver, column),
                let total = grid.value(at.total, column), let forward = grid.value(at.carriedForward, column),
                Identity.fails(0 + received + over, 0 + total + forward)
            else { continue }
            Identity.check(
                rule, scope: grid.columnCode(column),
                parts: [grid.term(row: at.newReceived, column: column), grid.term(row: at.carriedOver, column: column)],
                totals: [grid.term(row: at.total, column: column), grid.term(row: at.carriedForward, column: column)],
                table: .applications, row: "total", column: grid.columnCode(column), line: grid.line(at.total, column),
                findings: &findings)
        }
    }
}
