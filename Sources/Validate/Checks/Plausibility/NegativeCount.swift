import NianbaoCore

/// report-formats §3.4: "All counts are integers ≥ 0". Section 二 has its own sign rule (D4, which knows the
/// signed 本年增/减 column); this one covers the application and appeal tables.
struct NegativeCount: Check {
    let rule = Rule(
        id: "negative_count", stage: .validate, severity: .error,
        title: "application and appeal counts are ≥ 0",
        spec: "report-formats §3.4")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        if let grid = input.applications { check(grid, findings: &findings) }
        if let grid = input.appeals { check(grid, findings: &findings) }
    }

    private func check(_ grid: TableGrid, findings: inout Findings) {
        grid.forEachNumber(where: { $0 < 0 }) { cell, value in
            findings.add(
                rule,
                "\(grid.name.rawValue) \(cell.rowCode)/\(cell.columnCode): count \(NumberText.format(value)) is negative"
                    + NumberText.at(cell.line),
                table: grid.name, row: cell.rowCode, column: cell.columnCode,
                expected: "≥ 0", actual: NumberText.format(value), line: cell.line)
        }
    }
}
