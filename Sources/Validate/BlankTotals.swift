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

    /// Order matters: group rows first, then each row's 总计 column, then the （七）总计 row, whose parts in
    /// the 总计 column may themselves have just been derived.
    private static func deriveApplications(_ grid: inout TableGrid) {
        let at = ApplicationCodes.at
        let otherSubRows = ApplicationCodes.hasOtherSubRows(grid)
        var subtotals = at.subtotals
        if otherSubRows { subtotals.append(at.otherGroup) }
        for (row, children) in subtotals where grid.hasRow(row) {
            for column in at.applicantColumns where grid.needsValue(row, column) {
                if let sum = grid.sum(rows: children, column: column) {
                    grid.setDerived(row, column, value: sum)
                }
            }
        }
        func deriveTotalColumn(_ row: Int) {
            if row != at.total, grid.needsValue(row, at.totalColumn), let sum = grid.sum(row: row, columns: at.applicantColumns) {
                grid.setDerived(row, at.totalColumn, value: sum)
            }
        }
        for row in at.rows { deriveTotalColumn(row) }
        for (row, _) in subtotals { deriveTotalColumn(row) }
        for column in at.columns where grid.needsValue(at.total, column) {
            if let sum = ApplicationCodes.resultSum(grid, column: column, at, otherSubRows: otherSubRows) {
                grid.setDerived(at.total, column, value: sum)
            }
        }
    }

    private static func deriveAppeals(_ grid: inout TableGrid) {
        let at = AppealsCodes.at
        for group in at.groups where grid.needsValue(group, at.totalColumn) {
            if let sum = grid.sum(row: group, columns: at.leaves) {
                grid.setDerived(group, at.totalColumn, value: sum)
            }
        }
    }
}
