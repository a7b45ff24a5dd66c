import NianbaoCore

/// The row and column codes of one template table with the small integer positions grids are indexed by.
/// A class so a grid copy retains one reference, not each array.
final class GridLayout: Sendable {
    let rowCodes: [String]
    let columnCodes: [String]
    /// Positions of the `total` row and column; -1 when the table has none.
    let totalRow: Int
    let totalColumn: Int
    private let rowPositions: [String: Int]

    init(rows: [String], columns: [String]) {
        rowCodes = rows
        columnCodes = columns
        totalRow = rows.firstIndex(of: "total") ?? -1
        totalColumn = columns.firstIndex(of: "total") ?? -1
        rowPositions = Dictionary(rows.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    /// Section 三 rows with the group rows a report may print (A5) after them.
    static let applications = GridLayout(
        rows: ApplicationCodes.rows + ApplicationCodes.subtotals.map(\.row), columns: ApplicationCodes.columns)
    static let activeDisclosure = GridLayout(rows: DisclosureCodes.items, columns: Codes.activeColumns.map(\.code))
    static let appeals = GridLayout(rows: AppealsCodes.groups, columns: Codes.appealsOutcomes.map(\.code))
    static let none = GridLayout(rows: [], columns: [])

    static func of(_ name: TableName) -> GridLayout {
        switch name {
        case .applications: return applications
        case .activeDisclosure: return activeDisclosure
        case .appeals: return appeals
        case .figures: return none
        }
    }

    /// The position of a row code, or -1. Extract writes cells row by row in template order, so the row is
    /// nearly always the previous cell's (`hint`) or a later one: comparing a few codes (equal ones share
    /// storage, so that is a pointer compare) is cheaper than hashing every cell's code.
    func row(_ code: String, near hint: Int) -> Int {
        var i = hint
        while i < rowCodes.count {
            if rowCodes[i].isSameCode(code) { return i }
            i += 1
        }
        return rowPositions[code] ?? -1
    }

    /// The position of a column code, or -1; the search starts after the previous cell's column.
    func column(_ code: String, after hint: Int) -> Int {
        let count = columnCodes.count
        guard count > 0 else { return -1 }
        var i = hint + 1 < count ? hint + 1 : 0
        for _ in 0..<count {
            if columnCodes[i].isSameCode(code) { return i }
            i = i + 1 < count ? i + 1 : 0
        }
        return -1
    }
}

extension String {
    /// `==` behind a length test: codes of other lengths, most of them, are told apart without a call into
    /// the string comparison, and equal codes from the same catalogue string compare by pointer.
    @inline(__always)
    func isSameCode(_ other: String) -> Bool { utf8.count == other.utf8.count && self == other }
}

extension Array where Element == String {
    /// The position of a code, compared with `isSameCode`.
    @inline(__always)
    func position(ofCode code: String) -> Int? {
        for i in indices where self[i].isSameCode(code) { return i }
        return nil
    }
}

/// A table indexed by row and column position (GridLayout) so checks find cells without hashing codes; a
/// report has ~200 cells and the checks read each several times. Positions outside the layout, and codes
/// the catalogue does not know, simply have no cell.
struct TableGrid {
    private(set) var table: NormalizedTable
    let layout: GridLayout
    /// Per row, one slot per column plus a last one for "the row has any cell": the position of the first
    /// such cell in `table.cells` (matching NormalizedTable.cell(_:_:) when Extract emitted a duplicate), or -1.
    private var slots: [Int]
    private let stride: Int

    init(_ table: NormalizedTable) {
        self.table = table
        layout = GridLayout.of(table.name)
        stride = layout.columnCodes.count + 1
        var slots = [Int](repeating: -1, count: layout.rowCodes.count * stride)
        var row = 0
        var column = -1
        let layout = layout
        let stride = stride
        // Cells are read in place: a copy would retain each cell's strings.
        table.cells.withUnsafeBufferPointer { cells in
            for position in cells.indices {
                let r = layout.row(cells[position].rowCode, near: row)
                guard r >= 0 else { continue }
                row = r
                let rowSlot = r * stride + stride - 1
                if slots[rowSlot] < 0 { slots[rowSlot] = position }
                let c = layout.column(cells[position].columnCode, after: column)
                guard c >= 0 else { continue }
                column = c
                if slots[r * stride + c] < 0 { slots[r * stride + c] = position }
            }
        }
        self.slots = slots
    }

    var name: TableName { table.name }

    @inline(__always)
    func position(_ row: Int, _ column: Int) -> Int? {
        guard row >= 0, row < layout.rowCodes.count, column >= 0, column < stride - 1 else { return nil }
        let position = slots[row * stride + column]
        return position >= 0 ? position : nil
    }

    func cell(_ row: Int, _ column: Int) -> ValueCell? {
        position(row, column).map { table.cells[$0] }
    }

    func hasRow(_ row: Int) -> Bool {
        row >= 0 && row < layout.rowCodes.count && slots[row * stride + stride - 1] >= 0
    }

    /// A blank total that §3.4 says to compute: present, blank and not derived yet.
    func needsValue(_ row: Int, _ column: Int) -> Bool {
        guard let position = position(row, column) else { return false }
        return table.cells[position].kind == .blank && !table.cells[position].derived
    }

    /// Replaces a blank total with the sum of its parts (report-formats §3.4).
    mutating func setDerived(_ row: Int, _ column: Int, value: Double) {
        guard let position = position(row, column) else { return }
        table.cells[position].value = value
        table.cells[position].derived = true
    }

    /// The value an identity may use (ValueCell.identityValue); nil when the cell is missing or unusable.
    @inline(__always)
    func value(_ row: Int, _ column: Int) -> Double? {
        guard let position = position(row, column) else { return nil }
        return table.cells[position].identityValue(isTotal: row == layout.totalRow || column == layout.totalColumn)
    }

    /// A cell that was read as a number; bounds are only checked on printed values.
    func number(_ row: Int, _ column: Int) -> Double? {
        guard let position = position(row, column), table.cells[position].kind == .number else { return nil }
        return table.cells[position].value
    }

    /// A filled cell's value: nil when blank and not derived, like any total.
    func filled(_ row: Int, _ column: Int) -> Double? {
        guard let position = position(row, column), table.cells[position].isFilled else { return nil }
        return table.cells[position].value
    }

    /// The sum of cells in one row, in the order given; nil (not assessable) when a cell is missing or unreadable.
    func sum(row: Int, columns: [Int]) -> Double? {
        var sum = 0.0
        for column in columns {
            guard let value = value(row, column) else { return nil }
            sum += value
        }
        return sum
    }

    /// The sum of cells in one column, in the order given; nil when a cell is missing or unreadable.
    func sum(rows: [Int], column: Int) -> Double? {
        var sum = 0.0
        for row in rows {
            guard let value = value(row, column) else { return nil }
            sum += value
        }
        return sum
    }

    /// Calls `body` with every number cell whose value `matches`, in table order. Cells are read in place and
    /// only a match is copied (a copy retains the cell's four strings).
    @inline(__always)
    func forEachNumber(where matches: (Double) -> Bool, _ body: (ValueCell, Double) -> Void) {
        table.cells.withUnsafeBufferPointer { cells in
            for i in cells.indices where cells[i].kind == .number {
                if let value = cells[i].value, matches(value) { body(cells[i], value) }
            }
        }
    }

    /// The line of a cell, for rejects.
    func line(_ row: Int, _ column: Int) -> Int? { position(row, column).flatMap { table.cells[$0].line } }

    func rowCode(_ row: Int) -> String { layout.rowCodes[row] }
    func columnCode(_ column: Int) -> String { layout.columnCodes[column] }

    /// One cell as a term labelled with its row code, for messages.
    func term(row: Int, column: Int) -> Term? {
        value(row, column).map { Term(label: rowCode(row), value: $0) }
    }

    /// One term per column of a row, labelled with the column code, for messages.
    func terms(row: Int, columns: [Int]) -> [Term?] {
        columns.map { column in value(row, column).map { Term(label: columnCode(column), value: $0) } }
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

    /// The value an identity may use: details count blanks and "/" as 0; totals (cells in a `total` row or
    /// column) must be filled, as a blank total means "not filled", not 0.
    @inline(__always)
    func identityValue(isTotal: Bool) -> Double? {
        if isTotal && !isFilled { return nil }
        return summand
    }
}
