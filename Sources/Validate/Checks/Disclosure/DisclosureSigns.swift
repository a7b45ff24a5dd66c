import NianbaoCore

/// D4: 本年增/减 is the only signed column of section 二; every other count is ≥ 0. Normalize reads a sign
/// wherever it appears so that this rule can point at it.
struct DisclosureSigns: Check {
    let rule = Rule(
        id: "D4", stage: .validate, severity: .error,
        title: "section 二 counts are ≥ 0; only the change column may be negative",
        spec: "report-formats §3.3")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        guard let grid = input.activeDisclosure else { return }
        grid.forEachNumber(where: { $0 < 0 }) { cell, value in
            guard cell.columnCode != "change", !DisclosureCodes.isAmount(cell.columnCode) else { return }
            findings.add(
                rule,
                "D4 \(cell.rowCode)/\(cell.columnCode): count \(NumberText.format(value)) is negative\(NumberText.at(cell.line))",
                table: .activeDisclosure, row: cell.rowCode, column: cell.columnCode,
                expected: "≥ 0", actual: NumberText.format(value), line: cell.line)
        }
    }
}
