import NianbaoCore

/// report-formats §3.4: counts are integers. Amount columns are decimals and are D5's business.
struct FractionalCount: Check {
    let rule = Rule(
        id: "fractional_count", stage: .validate, severity: .error,
        title: "counts (everything but the amount columns) are whole numbers",
        spec: "report-formats §3.4")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        if let grid = input.applications { check(grid, findings: &findings) }
        if let grid = input.activeDisclosure { check(grid, findings: &findings) }
        if let grid = input.appeals { check(grid, findings: &findings) }
    }

    private func check(_ grid: TableGrid, findings: inout Findings) {
        grid.forEachNumber(where: { !NumberText.isWhole($0) }) { cell, value in
            guard !DisclosureCodes.isAmount(cell.columnCode) else { return }
            findings.add(
                rule,
                "\(grid.name.rawValue) \(cell.rowCode)/\(cell.columnCode): count \"\(cell.raw)\" is not a whole number"
                    + NumberText.at(cell.line),
                table: grid.name, row: cell.rowCode, column: cell.columnCode,
                expected: "whole number", actual: NumberText.format(value), line: cell.line)
        }
    }
}
