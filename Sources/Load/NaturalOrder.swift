import NianbaoCore

/// Template row order, then column order (output-contract: natural order), whatever order cells arrived in.
///
/// Positions are those of `Codes.order`, found mostly without hashing: cells arrive in template order,
/// so a cell's row code is usually the previous cell's or the next one, and its column code the next
/// column or the first. Only a missed guess asks `Codes.order`.
struct NaturalOrder {
    /// Codes of a table in template order; nil where a code repeats an earlier one, so a guess can
    /// only land on the first position of a code, which is the one `Codes.order` gives.
    private struct Lists {
        let rows: [String?]
        let columns: [String?]

        init(_ rows: [CodeEntry], _ columns: [CodeEntry]) {
            func firsts(_ entries: [CodeEntry]) -> [String?] {
                var seen: Set<String> = []
                return entries.map { seen.insert($0.code).inserted ? $0.code : nil }
            }
            self.rows = firsts(rows)
            self.columns = firsts(columns)
        }
    }

    private let applications = Lists(Codes.applicationRows, Codes.applicationColumns)
    private let activeDisclosure = Lists(Codes.activeItems, Codes.activeColumns)
    private let appeals = Lists(Codes.appealsGroups, Codes.appealsOutcomes)
    private let none = Lists([], [])

    /// Row and column position of every cell of the last table, in arrival order.
    private(set) var rows: [Int] = []
    private(set) var columns: [Int] = []

    /// Fills `rows` and `columns` for `table`; returns the cells' indices in natural order, or nil when
    /// they arrived in it (Extract emits template order; only cells Validate derived and appended are not).
    mutating func order(_ table: NormalizedTable) -> [Int]? {
        let lists: Lists
        switch table.name {
        case .applications: lists = applications
        case .activeDisclosure: lists = activeDisclosure
        case .appeals: lists = appeals
        case .figures: lists = none
        }
        rows.removeAll(keepingCapacity: true)
        columns.removeAll(keepingCapacity: true)
        var row = 0
        var column = -1
        var sorted = true
        let name = table.name
        // Cells are read in place: copying one would retain and release its strings.
        table.cells.withUnsafeBufferPointer { cells in
            for index in cells.indices {
                let nextRow = Self.locate(cells[index].rowCode, in: lists.rows, near: row) { Codes.order(ofRow: $0, in: name) }
                let nextColumn = Self.locate(cells[index].columnCode, in: lists.columns, near: column + 1) {
                    Codes.order(ofColumn: $0, in: name)
                }
                if index > 0, nextRow < row || (nextRow == row && nextColumn < column) { sorted = false }
                row = nextRow
                column = nextColumn
                rows.append(row)
                columns.append(column)
            }
        }
        if sorted { return nil }
        // Ties keep arrival order, as the original (row, column, offset) sort did.
        return rows.indices.sorted { (rows[$0], columns[$0], $0) < (rows[$1], columns[$1], $1) }
    }

    /// Position `guess`, the one before it, or 0, when the code sits there; otherwise `lookUp`.
    @inline(__always)
    private static func locate(_ code: String, in list: [String?], near guess: Int, lookUp: (String) -> Int) -> Int {
        if guess < list.count, list[guess] == code { return guess }
        if guess > 0, guess - 1 < list.count, list[guess - 1] == code { return guess - 1 }
        if guess + 1 < list.count, list[guess + 1] == code { return guess + 1 }
        if !list.isEmpty, list[0] == code { return 0 }
        return lookUp(code)
    }
}
