import NianbaoCore

/// D1 (2021 template): 现行有效件数 moves by what was issued and repealed:
/// in_force(Y) = in_force(Y−1) + issued(Y) − repealed(Y). Revisions and re-counts break it in real data.
struct InForceContinuity: CrossYearCheck {
    let rule = Rule(
        id: "D1", stage: .validate, severity: .warning,
        title: "in force = last year's in force + issued − repealed (2021 template, same agency)",
        spec: "report-formats §3.3")

    func evaluate(previous: CrossReportFacts, current: CrossReportFacts, findings: inout Findings) {
        for item in DisclosureCodes.items {
            guard let inForce = current.cells[FactKey.make(.activeDisclosure, item, "in_force")],
                let issued = current.cells[FactKey.make(.activeDisclosure, item, "issued")],
                let repealed = current.cells[FactKey.make(.activeDisclosure, item, "repealed")],
                let before = previous.cells[FactKey.make(.activeDisclosure, item, "in_force")]
            else { continue }
            let expected = before + issued - repealed
            guard abs(expected - inForce) > Identity.tolerance else { continue }
            findings.add(
                rule,
                "D1 \(item): in_force \(NumberText.format(before)) (\(previous.reportYear), \(previous.sourcePath)) + issued "
                    + "\(NumberText.format(issued)) − repealed \(NumberText.format(repealed)) = \(NumberText.format(expected)), "
                    + "but in_force \(NumberText.format(inForce)) in \(current.reportYear)",
                table: .activeDisclosure, row: item, column: "in_force",
                expected: NumberText.format(expected), actual: NumberText.format(inForce))
        }
    }
}
