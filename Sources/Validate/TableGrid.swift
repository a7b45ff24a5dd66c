import NianbaoCore

/// A table indexed by row so checks find cells without scanning the table; a report has ~200 cells and the
/// checks read each several times. Only the row code is hashed: column codes are at most 15 bytes (Swift's
/// inline small strings), so comparing them directly is cheaper than hashing them.
struct TableGrid {
    private(set) var table: NormalizedTable
    /// Row code → positions of that row's cells in `table.cells`, in table order.
    private var rows: [String: [Int]] = [:]

    init(_ table: NormalizedTable) {
        self.table = table
        for (position, cell) in table.cells.enumerated() {
            rows[cell.rowCode, default: []].append(position)
        }
    }

    var name: TableName { table.name }

    /// The first cell at row and column, matching NormalizedTable.cell(_:_:) when Extract emitted a duplicate.
    func cell(_ row: String, _ column: String) -> ValueCell? {
        position(row, column).map { table.cells[$0] }
    }

    func hasRow(_ row: String) -> Bool { rows[row] != nil }

    /// Replaces a blank total with the sum of its parts (report-formats §3.4).
    mutating func setDerived(_ row: String, _ column: String, value: Double) {
        guard let position = position(row, column) else { return }
        table.cells[position].value = value
        table.cells[position].derived = true
    }

    private func position(_ row: String, _ column: String) -> Int? {
        guard let positions = rows[row] else { return nil }
        return positions.first { table.cells[$0].columnCode == column }
    }

    /// One term per column of a row, labelled with the column code; the row is hashed once.
    func terms(row: String, columns: [String]) -> [Term?] {
        guard let positions = rows[row] else { return columns.map { _ in nil } }
        return columns.map { column in
            guard let position = positions.first(where: { table.cells[$0].columnCode == column }),
                let value = table.cells[position].identityValue
            else { return nil }
            return Term(label: column, value: value)
        }
    }

    /// The sum of cells in one row as a single term; the row is hashed once.
    func term(_ label: String, row: String, columns: [String]) -> Term? {
        guard let positions = rows[row] else { return nil }
        var sum = 0.0
        for column in columns {
            guard let position = positions.first(where: { table.cells[$0].columnCode == column }),
                let value = table.cells[position].identityValue
            else { return nil }
            sum += value
        }
        return Term(label: label, value: sum)
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

    /// One cell as a term, labelled with its row code.
    func term(row: String, column: String) -> Term? {
        term(row, rows: [row], column: column)
    }

    /// The line of a cell, for rejects.
    func line(_ row: String, _ column: String) -> Int? { cell(row, column)?.line }
}
