import NianbaoCore

/// A "total, 其中 parts" structure of report-formats §5.4, resolved against the report's figures.
struct BreakdownSums {
    let total: Figure
    let partsSum: Double
    let partCount: Int
    /// Any figure was approximate ("余", "多", "约", "近"): only Σ parts ≤ total × 1.05 can be checked.
    let isApproximate: Bool

    /// Allowed overshoot of approximate figures (report-formats §5.4).
    static let approximateSlack = 1.05

    /// nil when an index is out of range, there are no parts, or the units differ: not assessable.
    init?(_ breakdown: FigureBreakdown, in figures: [Figure]) {
        guard figures.indices.contains(breakdown.total), !breakdown.parts.isEmpty,
            breakdown.parts.allSatisfy({ figures.indices.contains($0) })
        else { return nil }
        let total = figures[breakdown.total]
        let parts = breakdown.parts.map { figures[$0] }
        guard parts.allSatisfy({ $0.unit == nil || total.unit == nil || $0.unit == total.unit }) else { return nil }
        self.total = total
        partsSum = parts.reduce(0) { $0 + $1.value }
        partCount = parts.count
        isApproximate = ([total] + parts).contains { figure in
            switch figure.qualifier {
            case .moreThan, .about, .nearly: return true
            case .statedZero, nil: return false
            }
        }
    }

    var exceedsTotal: Bool {
        isApproximate
            ? partsSum > total.value * Self.approximateSlack + Identity.tolerance
            : partsSum > total.value + Identity.tolerance
    }

    var fallsShort: Bool { !isApproximate && partsSum < total.value - Identity.tolerance }

    var unitText: String { total.unit ?? "" }
}

/// report-formats §5.4: Σ parts > total is "inconsistent (error-level flag, keep data)". Error, because
/// parts cannot add up to more than their whole; but the figures table is never quarantined (Validator
/// only quarantines template tables), so the data stays.
struct InconsistentBreakdown: Check {
    let rule = Rule(
        id: "inconsistent_breakdown", stage: .validate, severity: .error,
        title: "the parts listed after a total (其中/包括/分别为) add up to more than the total (approximate: > 105 %)",
        spec: "report-formats §5.4")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        for breakdown in input.report.breakdowns {
            guard let sums = BreakdownSums(breakdown, in: input.report.figures), sums.exceedsTotal else { continue }
            let bound = sums.isApproximate ? " (approximate figures: allowed up to 105 %)" : ""
            findings.add(
                rule,
                "\(sums.total.metric): \(sums.partCount) parts add up to \(NumberText.format(sums.partsSum))\(sums.unitText), "
                    + "more than the total \(NumberText.format(sums.total.value))\(sums.unitText)\(bound)\(NumberText.at(sums.total.line))",
                table: .figures, row: sums.total.metric,
                expected: "≤ \(NumberText.format(sums.total.value))", actual: NumberText.format(sums.partsSum), line: sums.total.line)
        }
    }
}

/// report-formats §5.4: Σ parts < total is a partial breakdown (seed 001: 8 categories, 679 of 915), a
/// warning: reports often list only the main categories.
struct PartialBreakdown: Check {
    let rule = Rule(
        id: "partial_breakdown", stage: .validate, severity: .warning,
        title: "the parts listed after an exact total add up to less than the total",
        spec: "report-formats §5.4")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        for breakdown in input.report.breakdowns {
            guard let sums = BreakdownSums(breakdown, in: input.report.figures), sums.fallsShort else { continue }
            findings.add(
                rule,
                "\(sums.total.metric): \(sums.partCount) parts add up to \(NumberText.format(sums.partsSum))\(sums.unitText) "
                    + "of the total \(NumberText.format(sums.total.value))\(sums.unitText)\(NumberText.at(sums.total.line))",
                table: .figures, row: sums.total.metric,
                expected: NumberText.format(sums.total.value), actual: NumberText.format(sums.partsSum), line: sums.total.line)
        }
    }
}
