import NianbaoCore

/// A4: the 总计 column of every data row is 自然人 plus the five 法人或其他组织 columns.
struct ApplicantColumnsSum: Check {
    let rule = Rule(
        id: "A4", stage: .validate, severity: .error,
        title: "the total column = natural persons + the five organisation columns, in every row",
        spec: "report-formats §3.1")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        guard let grid = input.applications else { return }
        let printedSubtotals = ApplicationCodes.subtotals.map(\.row).filter { grid.hasRow($0) }
        for row in ApplicationCodes.rows + printedSubtotals where grid.hasRow(row) {
            Identity.check(
                rule, scope: row,
                parts: grid.terms(row: row, columns: ApplicationCodes.applicantColumns),
                totals: [grid.term("total", rows: [row], column: "total")],
                table: .applications, row: row, column: "total", line: grid.line(row, "total"), findings: &findings)
        }
    }
}
