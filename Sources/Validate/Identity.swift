import NianbaoCore

/// Compares the two sides of an accounting identity and writes the reject in the contract's shape.
enum Identity {
    /// Integer counts compare exactly; the tolerance only absorbs binary rounding of decimal amounts.
    static let tolerance = 1e-6

    /// The cheap test in front of `check`: both sides known and apart, so the terms and message are worth
    /// building. Sides must be summed from 0 in term order, as `check` sums them.
    @inline(__always)
    static func fails(_ expected: Double?, _ actual: Double?) -> Bool {
        guard let expected, let actual else { return false }
        return abs(expected - actual) > tolerance
    }

    /// Checks Σ parts = Σ totals. A nil term means an input is missing or unreadable: not assessable, silent.
    static func check(
        _ rule: Rule, scope: String, parts: [Term?], totals: [Term?],
        table: TableName, row: String, column: String, line: Int?, findings: inout Findings
    ) {
        let known = parts.compactMap { $0 }
        let knownTotals = totals.compactMap { $0 }
        guard known.count == parts.count, knownTotals.count == totals.count else { return }
        let expected = known.reduce(0) { $0 + $1.value }
        let actual = knownTotals.reduce(0) { $0 + $1.value }
        guard abs(expected - actual) > tolerance else { return }
        findings.add(
            rule,
            "\(rule.id) \(scope): \(describe(known)), but \(describe(knownTotals))\(NumberText.at(line))",
            table: table, row: row, column: column,
            expected: NumberText.format(expected), actual: NumberText.format(actual), line: line)
    }

    /// "a 1 + b 2 = 3", or "total 3" for a single term.
    static func describe(_ terms: [Term]) -> String {
        let listed = terms.map { "\($0.label) \(NumberText.format($0.value))" }.joined(separator: " + ")
        guard terms.count > 1 else { return listed }
        return "\(listed) = \(NumberText.format(terms.reduce(0) { $0 + $1.value }))"
    }
}

/// Numbers as people write them in messages and in the `expected`/`actual` columns.
enum NumberText {
    static func format(_ value: Double) -> String {
        // Int(_:) is only safe inside the exact-integer range; NaN fails the comparison.
        if abs(value) < 1e15, Double(Int(value)) == value { return String(Int(value)) }
        return String(value)
    }

    static func isWhole(_ value: Double) -> Bool {
        abs(value) < 1e15 && Double(Int(value)) == value
    }

    /// " (line 88)", or nothing when the line is unknown.
    static func at(_ line: Int?) -> String { line.map { " (line \($0))" } ?? "" }
}
