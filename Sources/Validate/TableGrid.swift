import NianbaoCore

/// A table indexed by (row, column) so checks look cells up in constant time; a report has ~200 cells
/// and the checks read each several times.
struct TableGrid {
    private struct CellKey: Hashable {
        let row: String
        let column: String
    }

    private(set) var table: NormalizedTable
    private var index: [CellKey: Int] = [:]
    private(set) var rowCodes: Set<String> = []

    init(_ table: NormalizedTable) {
        self.table = table
        index.reserveCapacity(table.cells.count)
        for (position, cell) in table.cells.enumerated() {
            // The first cell wins when Extract emitted a duplicate, matching NormalizedTable.cell(_:_:).
            let key = CellKey(row: cell.rowCode, column: cell.columnCode)
            if index[key] == nil { index[key] = position }
            rowCodes.insert(cell.rowCode)
        }
    }

    var name: TableName { table.name }

    func cell(_ row: String, _ column: String) -> ValueCell? {
        index[CellKey(row: row, column: column)].map { table.cells[$0] }
    }

    func hasRow(_ row: String) -> Bool { rowCodes.contains(row) }

    /// Replaces a blank total with the sum of its parts (report-formats §3.4).
    mutating func setDerived(_ row: String, _ column: String, value: Double) {
        guard let position = index[CellKey(row: row, column: column)] else { return }
        table.cells[position].value = value
        table.cells[position].derived = true
    }
}

/// One side's summand in an identity, with the name it is printed under in messages.
struct Term {
    let label: String
    let value: Double
}

extension ValueCell {
    /// A total is usable when it was printed as a number or derived from its parts.
    var isFilled: Bool { kind == .number || derived }

    /// Cells in a `total` row or column are totals: a blank one means "not filled", not 0.
    var isTotal: Bool { rowCode == "total" || columnCode == "total" }

    /// The value an identity may use: details count blanks and "/" as 0; totals must be filled.
    var identityValue: Double? {
        if isTotal && !isFilled { return nil }
        return summand
    }
}

extension TableGrid {
    /// The sum of cells in one column as a single term; nil (not assessable) when a cell is missing or unreadable.
    func term(_ label: String, rows: [String], column: String) -> Term? {
        var sum = 0.0
        for row in rows {
            guard let value = cell(row, column)?.identityValue else { return nil }
            sum += value
        }
        return Term(label: label, value: sum)
    }

    /// The sum of cells in one row as a single term.
    func term(_ label: String, row: String, columns: [String]) -> Term? {
        var sum = 0.0
        for column in columns {
            guard let value = cell(row, column)?.identityValue else { return nil }
            sum += value
        }
        return Term(label: label, value: sum)
    }

    /// One cell as a term, labelled with its row code.
    func term(row: String, column: String) -> Term? {
        term(row, rows: [row], column: column)
    }

    /// The line of a cell, for rejects.
    func line(_ row: String, _ column: String) -> Int? { cell(row, column)?.line }
}
