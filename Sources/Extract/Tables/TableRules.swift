import NianbaoCore

/// Rules raised while reading template tables (report-formats §4.3–4.5; issue 3).
enum TableRules {
    static let runTogetherSplit = Rule(
        id: "run_together_split", stage: .extract, severity: .warning,
        title: "a row printed as one digit run was split into cells; the table's identities chose the split",
        spec: "report-formats §3.1–3.2, §4.3; issue 3")
    static let runTogetherAmbiguous = Rule(
        id: "run_together_ambiguous", stage: .extract, severity: .error,
        title: "a row printed as one digit run has no split, or several, that satisfy the table's identities",
        spec: "report-formats §3.1–3.2, §4.3; issue 3")
    static let splitCellsMerged = Rule(
        id: "split_cells_merged", stage: .extract, severity: .warning,
        title: "a number printed over two cells was joined; the table's identities chose the join",
        spec: "report-formats §3.1–3.2, §4.3; issue 3")
    static let ambiguousColumns = Rule(
        id: "ambiguous_columns", stage: .extract, severity: .error,
        title: "a row has a different number of cells than the template has columns and no placement is certain",
        spec: "report-formats §4.3 L7, §4.5 step 5")
    static let extraCells = Rule(
        id: "extra_cells", stage: .extract, severity: .warning,
        title: "a row has more value cells than the template has columns; the layout rule chose which to keep",
        spec: "report-formats §4.3 L4")
    static let tableIncomplete = Rule(
        id: "table_incomplete", stage: .extract, severity: .warning,
        title: "a template table was found but some of its rows are missing",
        spec: "report-formats §2")

    static let all: [Rule] = [
        runTogetherSplit, runTogetherAmbiguous, splitCellsMerged, ambiguousColumns, extraCells, tableIncomplete,
    ]
}
