import NianbaoCore

/// report-formats §3.4: "when a total is blank, compute it, mark it derived, and do not raise an identity
/// error for it". Only cells the table already has are filled in; no template row is added.
enum BlankTotals {
    static func derive(_ grid: inout TableGrid) {
        switch grid.name {
        case .applications: deriveApplications(&grid)
        case .appeals: deriveAppeals(&grid)
        case .activeDisclosure, .figures: break
        }
    }

    private static func needsValue(_ cell: ValueCell?) -> Bool {
        guard let cell else { return false }
        return cell.kind == .blank && !cell.derived
    }

    /// Order matters: group rows first, then each row's 总计 column, then the （七）总计 row, whose parts in
    /// the 总计 column may themselves have just been derived.
    private static func deriveApplications(_ grid: inout TableGrid) {
        var subtotals = ApplicationCodes.subtotals
        if ApplicationCodes.hasOtherSubRows(grid) {
            subtotals.append(("other", ApplicationCodes.otherSubRows))
        }
        for (row, children) in subtotals where grid.hasRow(row) {
            for column in ApplicationCodes.applicantColumns where needsValue(grid.cell(row, column)) {
                if let sum = grid.term(row, rows: children, column: column) {
                    grid.setDerived(row, column, value: sum.value)
                }
            }
        }
        for row in ApplicationCodes.rows + subtotals.map(\.row) where row != "total" {
            if needsValue(grid.cell(row, "total")),
                let sum = grid.term(row, row: row, columns: ApplicationCodes.applicantColumns)
            {
                grid.setDerived(row, "total", value: sum.value)
            }
        }
        for column in ApplicationCodes.columns where needsValue(grid.cell("total", column)) {
            let parts = ApplicationCodes.resultTerms(grid, column: column)
            let known = parts.compactMap { $0 }
            if known.count == parts.count {
                grid.setDerived("total", column, value: known.reduce(0) { $0 + $1.value })
            }
        }
    }

    private static func deriveAppeals(_ grid: inout TableGrid) {
        for group in AppealsCodes.groups where needsValue(grid.cell(group, "total")) {
            if let sum = grid.term(group, row: group, columns: AppealsCodes.leaves) {
                grid.setDerived(group, "total", value: sum.value)
            }
        }
    }
}
