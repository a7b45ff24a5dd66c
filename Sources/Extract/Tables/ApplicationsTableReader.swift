import NianbaoCore

/// Reads the section 三 application table from a cell stream with a label-anchored state machine
/// (report-formats §2.3, §4.5): a label that names a row starts it, group labels only set context, and the
/// value cells that follow belong to the row. Spanned labels repeated by HTML grids are harmless.
enum ApplicationsTableReader {
    static let columns = Codes.applicationColumns.map(\.code)
    /// Rows by their index in `ApplicationRowMatcher.rowCodes`, so no row code is hashed while reading.
    private static let rowCodes = ApplicationRowMatcher.rowCodes
    private static func row(_ code: String) -> Int { ApplicationRowMatcher.rowIndex(code) ?? -1 }
    private static let otherRow = row("other")
    private static let otherSubRows = ["other.correction_overdue", "other.fee_unpaid", "other.misc"].map(row)
    /// Fewer matched rows than this is a mention in prose, not a table.
    static let minimumRows = 3

    static func read(_ cells: ZoneCells, findings: inout Findings) -> ExtractedTable? {
        let rows = collectRows(cells)
        guard rows.count(where: { $0?.isEmpty == false }) >= minimumRows else { return nil }
        let otherSubRows = self.otherSubRows
        let hasSubRows = otherSubRows.contains { rows[$0]?.isEmpty == false }
        let template: Template = hasSubRows ? .t2021 : .t2019
        var codes = Array(rowCodes.indices)
        if hasSubRows {
            // The printed （六） subtotal is kept when it carries values; otherwise validation derives it.
            if !(rows[otherRow]?.contains { !$0.isPadding && !$0.isBlank } ?? false) { codes.removeAll { $0 == otherRow } }
        } else {
            codes.removeAll { otherSubRows.contains($0) }
        }

        var readings = [RowReading?](repeating: nil, count: rowCodes.count)
        var missing: [String] = []
        for code in codes {
            guard let cells = rows[code], !cells.isEmpty else {
                missing.append(rowCodes[code])
                continue
            }
            readings[code] = RowValueResolver.resolve(cells, columns: columns.count, identity: .lastIsSum)
        }
        decideByColumnIdentities(&readings, template2021: hasSubRows)

        var out: [RawCell] = []
        out.reserveCapacity(codes.count * columns.count)
        for code in codes {
            guard let reading = readings[code] else { continue }
            let rowCode = rowCodes[code]
            for note in reading.notes {
                findings.add(
                    note.rule, note.message, table: .applications, row: rowCode, expected: note.expected, actual: note.actual,
                    line: note.line)
            }
            for (i, column) in columns.enumerated() {
                let cell = reading.cells[i]
                out.append(RawCell(rowCode: rowCode, columnCode: column, raw: cell?.text ?? "", line: cell?.line))
            }
        }
        if !missing.isEmpty {
            findings.add(
                TableRules.tableIncomplete, "application table lacks rows: \(missing.joined(separator: ", "))",
                table: .applications, expected: "\(codes.count) rows", actual: "\(codes.count - missing.count) rows")
        }
        return ExtractedTable(name: .applications, template: template, cells: out)
    }

    /// The cells that followed each row's label, by row index; nil for a row whose label was not read.
    static func collectRows(_ cells: ZoneCells) -> [[CellToken]?] {
        var rowCells = [[CellToken]?](repeating: nil, count: rowCodes.count)
        var group: ApplicationRowMatcher.Group?
        var buffer: [Unicode.Scalar] = []
        buffer.reserveCapacity(2 * ApplicationRowMatcher.maxLabelLength + ApplicationRowMatcher.maxLabelLength)
        var lastWasValue = true
        var pending: Int?
        for token in cells.tokens {
            if token.isValue {
                lastWasValue = true
                if let pending { rowCells[pending]?.append(token) }
                continue
            }
            let label = cells.label(token)
            if label.count > ApplicationRowMatcher.maxLabelLength {
                pending = nil
                lastWasValue = true
                continue
            }
            if lastWasValue {
                buffer.removeAll(keepingCapacity: true)
                lastWasValue = false
            }
            buffer.append(contentsOf: label)
            if buffer.count > 2 * ApplicationRowMatcher.maxLabelLength {
                buffer.removeFirst(buffer.count - 2 * ApplicationRowMatcher.maxLabelLength)
            }
            let matches = ApplicationRowMatcher.matches(in: buffer, newCount: label.count, group: group)
            if matches.isEmpty {
                // A label fragment after an empty row is its continuation; after values it ends the row.
                if let p = pending, rowCells[p]?.isEmpty == false { pending = nil }
                continue
            }
            var row: Int?
            for match in matches {
                if let g = match.group { group = g }
                if let r = match.rowIndex { row = r }
            }
            guard let row else {
                pending = nil
                continue
            }
            if let existing = rowCells[row] {
                if existing.contains(where: { !$0.isPadding }) {
                    // Already read: a repeated header or a mention further down, not a second row.
                    pending = nil
                } else {
                    // Padding read after a header word that looked like this row is dropped.
                    rowCells[row]?.removeAll(keepingCapacity: true)
                    pending = row
                }
            } else {
                pending = row
                // Room for a row's cells and some padding, so appending does not regrow the array four times.
                var cells: [CellToken] = []
                cells.reserveCapacity(columns.count + 2)
                rowCells[row] = cells
            }
        }
        return rowCells
    }

    /// When one row's run-together digits split several ways that each satisfy A4, the column identities
    /// A1 and A2 over the other rows may single one out (issue 3).
    static func decideByColumnIdentities(_ readings: inout [RowReading?], template2021: Bool) {
        let open = readings.indices.filter { readings[$0]?.candidates.isEmpty == false }
        guard open.count == 1, let code = open.first, let reading = readings[code] else { return }
        var fitting: [[CellToken]] = []
        for candidate in reading.candidates {
            var trial = readings
            trial[code]?.cells = candidate.map { Optional($0) }
            if columnIdentitiesHold(trial, template2021: template2021, involving: code) == true { fitting.append(candidate) }
        }
        guard fitting.count == 1, let chosen = fitting.first else { return }
        readings[code]?.cells = chosen.map { Optional($0) }
        readings[code]?.candidates = []
        let shown = chosen.map(\.text).joined(separator: "|")
        let line = chosen.first?.line
        readings[code]?.notes = [
            RowNote(
                rule: TableRules.runTogetherSplit, message: "split into \(shown) by A4 with the column identities A1/A2",
                actual: reading.notes.first?.actual, line: line)
        ]
    }

    private static let resultRows2019 = rowCodes.indices.filter {
        let code = rowCodes[$0]
        return code == "granted" || code == "partial" || code.hasPrefix("denied.") || code.hasPrefix("unable.")
            || code.hasPrefix("not_processed.")
    }
    private static let a1Rows = ["new_received", "carried_over", "total", "carried_forward"].map(row)
    private static let totalRow = row("total")

    /// nil when no identity involving row `code` can be evaluated; blanks count 0 (report-formats §3.4).
    static func columnIdentitiesHold(_ readings: [RowReading?], template2021: Bool, involving code: Int) -> Bool? {
        /// nil when the cell is unknown: row missing, column unplaced or text unreadable.
        func value(_ row: Int, _ column: Int) -> Int? {
            guard let cell = readings[row]?.cells[column] else { return nil }
            return cell.isBlank ? 0 : Int(cell.text)
        }
        var evaluated = false
        let a1Rows = self.a1Rows
        var a2Parts = resultRows2019
        a2Parts += template2021 && readings[otherRow] == nil ? otherSubRows : [otherRow]
        for column in 0..<columns.count {
            if a1Rows.contains(code) {
                let v = a1Rows.compactMap { value($0, column) }
                if v.count == a1Rows.count {
                    evaluated = true
                    if v[0] + v[1] != v[2] + v[3] { return false }
                }
            }
            if code == totalRow || a2Parts.contains(code) {
                let parts = a2Parts.compactMap { value($0, column) }
                if parts.count == a2Parts.count, let total = value(totalRow, column) {
                    evaluated = true
                    if parts.reduce(0, +) != total { return false }
                }
            }
        }
        return evaluated ? true : nil
    }
}
