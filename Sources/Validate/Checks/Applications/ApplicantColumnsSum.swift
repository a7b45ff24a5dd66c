import NianbaoCore

/// A4: the 总计 column of every data row is 自然人 plus the five 法人或其他组织 columns.
struct ApplicantColumnsSum: Check {
    let rule = Rule(
        id: "A4", stage: .validate, severity: .error,
        title: "the total column = natural persons + the five organisation columns, in every row",
        spec: "report-formats §3.1")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        guard let grid = input.applications else { return }
        let at = ApplicationCodes.at
        for row in at.rows { check(row, grid, at, findings: &findings) }
        for (row, _) in at.subtotals { check(row, grid, at, findings: &findings) }
    }

    private func check(_ row: Int, _ grid: TableGrid, _ at: ApplicationPositions, findings: inout Findings) {
        guard grid.hasRow(row), let total = grid.value(row, at.totalColumn),
            Identity.fails(grid.sum(row: row, columns: at.applicantColumns), 0 + total)
        else { return }
        Identity.check(
            rule, scope: grid.rowCode(row),
            parts: grid.terms(row: row, columns: at.applicantColumns),
            totals: [Term(label: "total", value: 0 + total)],
            table: .applications, row: grid.rowCode(row), column: "total", line: grid.line(row, at.totalColumn),
            findings: &findings)
    }
}
