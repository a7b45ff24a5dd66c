import NianbaoCore

/// D3 (2019 template): what was newly published this year cannot exceed all published to date, and the
/// item count after this year's change cannot be negative. (new_made ≥ 0 is D4's sign rule.)
struct Disclosure2019Bounds: Check {
    let rule = Rule(
        id: "D3", stage: .validate, severity: .warning,
        title: "new published ≤ total published; last year's items + change ≥ 0 (2019 template)",
        spec: "report-formats §3.3")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        guard let grid = input.activeDisclosure else { return }
        let at = DisclosureCodes.at
        for item in at.items {
            if let published = grid.number(item, at.newPublished), let total = grid.number(item, at.totalPublished),
                published > total + Identity.tolerance
            {
                let line = grid.line(item, at.newPublished)
                let code = grid.rowCode(item)
                findings.add(
                    rule,
                    "D3 \(code): new_published \(NumberText.format(published)) exceeds total_published "
                        + "\(NumberText.format(total))\(NumberText.at(line))",
                    table: .activeDisclosure, row: code, column: "new_published",
                    expected: "≤ \(NumberText.format(total))", actual: NumberText.format(published), line: line)
            }
            if let before = grid.number(item, at.prevYearItems), let change = grid.number(item, at.change),
                before + change < -Identity.tolerance
            {
                let line = grid.line(item, at.change)
                let code = grid.rowCode(item)
                findings.add(
                    rule,
                    "D3 \(code): prev_year_items \(NumberText.format(before)) + change \(NumberText.format(change)) "
                        + "is negative\(NumberText.at(line))",
                    table: .activeDisclosure, row: code, column: "change",
                    expected: "≥ \(NumberText.format(-before))", actual: NumberText.format(change), line: line)
            }
        }
    }
}
