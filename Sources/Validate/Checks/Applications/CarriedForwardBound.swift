import NianbaoCore

/// A6: what is carried forward cannot exceed what was open this year. Follows from A1 with non-negative
/// cells, but needs neither the total row nor the results, so it still speaks when those are unreadable.
struct CarriedForwardBound: Check {
    let rule = Rule(
        id: "A6", stage: .validate, severity: .error,
        title: "carried forward ≤ new received + carried over, in every column",
        spec: "report-formats §3.1")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        guard let grid = input.applications else { return }
        for column in ApplicationCodes.columns {
            guard let forward = grid.term(row: "carried_forward", column: column),
                let received = grid.term(row: "new_received", column: column),
                let over = grid.term(row: "carried_over", column: column)
            else { continue }
            let open = received.value + over.value
            guard forward.value > open + Identity.tolerance else { continue }
            let line = grid.line("carried_forward", column)
            findings.add(
                rule,
                "A6 \(column): carried_forward \(NumberText.format(forward.value)) exceeds new_received "
                    + "\(NumberText.format(received.value)) + carried_over \(NumberText.format(over.value)) = "
                    + "\(NumberText.format(open))\(NumberText.at(line))",
                table: .applications, row: "carried_forward", column: column,
                expected: "≤ \(NumberText.format(open))", actual: NumberText.format(forward.value), line: line)
        }
    }
}
