import NianbaoCore

/// For every rule: a seed with one deliberate change that must fire it, and the correct input on which
/// it must stay silent (model-codebases §7.9, the compliance harness).
struct BrokenInput: Sendable {
    let fires: Scenario
    let silent: Scenario
    /// Table, row and column the reject must point at, when the rule is about one cell.
    var at: (table: TableName?, row: String?, column: String?)?
}

enum BrokenInputs {
    static let seed001 = SeedReports.seed001()
    static let seed002 = SeedReports.seed002()

    /// Seed 002 as if its agency had published the year before, with in_force chosen so that D1 holds for
    /// 2021 (normative documents: 21 + 2 issued − 1 repealed = 22).
    static let seed002PreviousYear = seed002.renamed(id: "prev2020", path: "prev_2020.txt")
        .withMetadata {
            $0.reportYear = 2020
            $0.publishedDate = CivilDate(year: 2021, month: 2, day: 1)
        }
        .setting(.activeDisclosure, "normative_documents", "in_force", to: "21")

    /// The 2021 sub-rows of （六）其他处理, all zero, for A3.
    static func otherSubRows(misc: String) -> [RawCell] {
        let miscTotal = misc == "0" ? "0" : misc
        return SeedReports.applicationCells(row: "other.correction_overdue", line: 70, values: "0 0 0 0 0 0 0")
            + SeedReports.applicationCells(row: "other.fee_unpaid", line: 71, values: "0 0 0 0 0 0 0")
            + SeedReports.applicationCells(row: "other.misc", line: 72, values: "\(misc) 0 0 0 0 0 \(miscTotal)")
    }

    static let table: [String: BrokenInput] = [
        "A1": BrokenInput(
            fires: .report(seed002.setting(.applications, "new_received", "natural_person", to: "157")),
            silent: .report(seed002), at: (.applications, "total", "natural_person")),
        "A2": BrokenInput(
            fires: .report(seed001.setting(.applications, "granted", "natural_person", to: "3")),
            silent: .report(seed001), at: (.applications, "total", "natural_person")),
        "A3": BrokenInput(
            fires: .report(seed002.adding(.applications, otherSubRows(misc: "1"))),
            silent: .report(seed002.adding(.applications, otherSubRows(misc: "0"))), at: (.applications, "other", "natural_person")),
        "A4": BrokenInput(
            fires: .report(seed001.setting(.applications, "new_received", "commercial", to: "1")),
            silent: .report(seed001), at: (.applications, "new_received", "total")),
        // A printed （三）不予公开 row: natural persons 1 + 4 = 5 (seed 002 lines 48–49), not 6.
        "A5": BrokenInput(
            fires: .report(seed002.adding(.applications, SeedReports.applicationCells(row: "denied", line: 80, values: "6 1 0 0 0 0 7"))),
            silent: .report(seed002.adding(.applications, SeedReports.applicationCells(row: "denied", line: 80, values: "5 1 0 0 0 0 6"))),
            at: (.applications, "denied", "natural_person")),
        "A6": BrokenInput(
            fires: .report(seed002.setting(.applications, "carried_forward", "natural_person", to: "200")),
            silent: .report(seed002), at: (.applications, "carried_forward", "natural_person")),
        // The year before carried 3 natural-person applications forward (and balances: 159 + 0 = 156 + 3).
        "A7": BrokenInput(
            fires: .years(
                previous: seed002PreviousYear
                    .setting(.applications, "new_received", "natural_person", to: "159")
                    .setting(.applications, "new_received", "total", to: "163")
                    .setting(.applications, "carried_forward", "natural_person", to: "3")
                    .setting(.applications, "carried_forward", "total", to: "3"),
                current: seed002),
            silent: .years(previous: seed002PreviousYear, current: seed002), at: (.applications, "carried_over", "natural_person")),
        "R1": BrokenInput(
            fires: .report(seed002.setting(.appeals, "review", "total", to: "12")), silent: .report(seed002),
            at: (.appeals, "review", "total")),
        "R2": BrokenInput(
            fires: .report(seed002.setting(.appeals, "litigation_direct", "total", to: "4")), silent: .report(seed002),
            at: (.appeals, "litigation_direct", "total")),
        "R3": BrokenInput(
            fires: .report(seed002.setting(.appeals, "litigation_after_review", "total", to: "1")), silent: .report(seed002),
            at: (.appeals, "litigation_after_review", "total")),
        // 40 suits after reconsideration against 13 reconsiderations: above 2 × 13 + 5 = 31.
        "R4": BrokenInput(
            fires: .report(
                seed002.setting(.appeals, "litigation_after_review", "upheld", to: "40")
                    .setting(.appeals, "litigation_after_review", "total", to: "40")),
            silent: .report(seed002), at: (.appeals, "litigation_after_review", "total")),
        // 20 in force last year + 2 issued − 1 repealed = 21, but seed 002 line 23 says 22.
        "D1": BrokenInput(
            fires: .years(previous: seed002PreviousYear.setting(.activeDisclosure, "normative_documents", "in_force", to: "20"), current: seed002),
            silent: .years(previous: seed002PreviousYear, current: seed002), at: (.activeDisclosure, "normative_documents", "in_force")),
        // 3 regulations repealed, but none were in force last year and none were issued.
        "D2": BrokenInput(
            fires: .years(previous: seed002PreviousYear, current: seed002.setting(.activeDisclosure, "regulations", "repealed", to: "3")),
            silent: .years(previous: seed002PreviousYear, current: seed002), at: (.activeDisclosure, "regulations", "repealed")),
        "D3": BrokenInput(
            fires: .report(seed001.setting(.activeDisclosure, "normative_documents", "new_published", to: "6")),
            silent: .report(seed001), at: (.activeDisclosure, "normative_documents", "new_published")),
        "D4": BrokenInput(
            fires: .report(seed001.setting(.activeDisclosure, "licensing", "decisions", to: "-3")),
            silent: .report(seed001), at: (.activeDisclosure, "licensing", "decisions")),
        "D5": BrokenInput(
            fires: .report(seed002.setting(.activeDisclosure, "fees", "amount_10k_yuan", to: "-668.57")),
            silent: .report(seed002), at: (.activeDisclosure, "fees", "amount_10k_yuan")),
        "negative_count": BrokenInput(
            fires: .report(seed001.setting(.appeals, "review", "upheld", to: "-1")),
            silent: .report(seed001), at: (.appeals, "review", "upheld")),
        "fractional_count": BrokenInput(
            fires: .report(seed002.setting(.activeDisclosure, "penalty", "decisions", to: "2542.5")),
            silent: .report(seed002), at: (.activeDisclosure, "penalty", "decisions")),
        "report_year_range": BrokenInput(
            fires: .report(seed001.withMetadata { $0.reportYear = 2007 }), silent: .report(seed001)),
        "date_too_early": BrokenInput(
            fires: .report(seed001.withMetadata { $0.signedDate = CivilDate(year: 2019, month: 6, day: 30) }),
            silent: .report(seed001)),
        "date_window": BrokenInput(
            fires: .report(seed002.withMetadata { $0.publishedDate = CivilDate(year: 2023, month: 5, day: 1) }),
            silent: .report(seed002)),
        "template_year_mismatch": BrokenInput(
            fires: .report(seed002.withMetadata { $0.template = .pre2019 }),
            silent: .report(seed002.withMetadata { $0.template = .t2021 })),
        "template_year_late": BrokenInput(
            fires: .report(
                seed001.withMetadata {
                    $0.reportYear = 2021
                    $0.signedDate = CivilDate(year: 2022, month: 1, day: 20)
                }),
            silent: .report(seed001)),
        // Line 13's nine areas add up to 311; a total of 300 is exceeded.
        "inconsistent_breakdown": BrokenInput(
            fires: .report(withFigure(seed001, at: 9, value: 300)), silent: .report(seed001),
            at: (.figures, "key_areas.total", nil)),
        // Seed 001 itself: eight categories, 679 of 915 (report-formats §5.4). Seed 000 adds up exactly.
        "partial_breakdown": BrokenInput(
            fires: .report(seed001), silent: .report(SeedReports.seed000()), at: (.figures, "proactive.cumulative", nil)),
    ]

    static func withFigure(_ report: ExtractedReport, at index: Int, value: Double) -> ExtractedReport {
        var copy = report
        copy.figures[index].value = value
        return copy
    }
}
