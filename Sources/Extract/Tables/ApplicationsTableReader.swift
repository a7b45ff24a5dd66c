import NianbaoCore

/// Reads the section 三 application table from a cell stream with a label-anchored state machine
/// (report-formats §2.3, §4.5): a label that names a row starts it, group labels only set context, and the
/// value cells that follow belong to the row. Spanned labels repeated by HTML grids are harmless.
enum ApplicationsTableReader {
    static let columns = Codes.applicationColumns.map(\.code)
    static let otherSubRows = ["other.correction_overdue", "other.fee_unpaid", "other.misc"]
    /// Fewer matched rows than this is a mention in prose, not a table.
    static let minimumRows = 3

    static func read(_ cells: ZoneCells, findings: inout Findings) -> ExtractedTable? {
        let rows = collectRows(cells)
        guard rows.filter({ !$0.value.isEmpty }).count >= minimumRows else { return nil }
        let hasSubRows = otherSubRows.contains { rows[$0]?.isEmpty == false }
        let template: Template = hasSubRows ? .t2021 : .t2019
        var codes = Codes.applicationRows.map(\.code)
        if hasSubRows {
            // The printed （六） subtotal is kept when it carries values; otherwise validation derives it.
            if !(rows["other"]?.contains { !$0.isPadding && !$0.isBlank } ?? false) { codes.removeAll { $0 == "other" } }
        } else {
            codes.removeAll { otherSubRows.contains($0) }
        }

        var readings: [String: RowReading] = [:]
        readings.reserveCapacity(codes.count)
        var missing: [String] = []
        for code in codes {
            guard let cells = rows[code], !cells.isEmpty else {
                missing.append(code)
                continue
            }
            readings[code] = RowValueResolver.resolve(cells, columns: columns.count, identity: .lastIsSum)
        }
        decideByColumnIdentities(&readings, template2021: hasSubRows)

        var out: [RawCell] = []
        for code in codes {
            guard let reading = readings[code] else { continue }
            for note in reading.notes {
                findings.add(
                    note.rule, note.message, table: .applications, row: code, expected: note.expected, actual: note.actual,
                    line: note.line)
            }
            for (i, column) in columns.enumerated() {
                let cell = reading.cells[i]
                out.append(RawCell(rowCode: code, columnCode: column, raw: cell?.text ?? "", line: cell?.line))
            }
        }
        if !missing.isEmpty {
            findings.add(
                TableRules.tableIncomplete, "application table lacks rows: \(missing.joined(separator: ", "))",
                table: .applications, expected: "\(codes.count) rows", actual: "\(codes.count - missing.count) rows")
        }
        return ExtractedTable(name: .applications, template: template, cells: out)
    }

    /// Row code → the cells that followed its label.
    static func collectRows(_ cells: ZoneCells) -> [String: [CellToken]] {
        // Rows by number while reading, so value cells do not hash a row code each.
        var rowNumbers: [String: Int] = [:]
        var rowCells: [[CellToken]] = []
        var group: ApplicationRowMatcher.Group?
        var buffer: [Unicode.Scalar] = []
        buffer.reserveCapacity(2 * ApplicationRowMatcher.maxLabelLength + ApplicationRowMatcher.maxLabelLength)
        var lastWasValue = true
        var pending: Int?
        for token in cells.tokens {
            if token.isValue {
                lastWasValue = true
                if let pending { rowCells[pending].append(token) }
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
                if let p = pending, !rowCells[p].isEmpty { pending = nil }
                continue
            }
            var row: String?
            for match in matches {
                if let g = match.group { group = g }
                if let r = match.row { row = r }
            }
            guard let row else {
                pending = nil
                continue
            }
            if let existing = rowNumbers[row] {
                if rowCells[existing].contains(where: { !$0.isPadding }) {
                    // Already read: a repeated header or a mention further down, not a second row.
                    pending = nil
                } else {
                    // Padding read after a header word that looked like this row is dropped.
                    rowCells[existing].removeAll(keepingCapacity: true)
                    pending = existing
                }
            } else {
                rowNumbers[row] = rowCells.count
                pending = rowCells.count
                // Room for a row's cells and some padding, so appending does not regrow the array four times.
                var cells: [CellToken] = []
                cells.reserveCapacity(columns.count + 2)
                rowCells.append(cells)
            }
        }
        var rows: [String: [CellToken]] = [:]
        rows.reserveCapacity(rowNumbers.count)
        for (row, number) in rowNumbers { rows[row] = rowCells[number] }
        return rows
    }

    /// When one row's run-together digits split several ways that each satisfy A4, the column identities
    /// A1 and A2 over the other rows may single one out (issue 3).
    static func decideByColumnIdentities(_ readings: inout [String: RowReading], template2021: Bool) {
        // Counted before filtering: nearly always no row is open, and filtering builds a dictionary.
        guard readings.values.contains(where: { !$0.candidates.isEmpty }) else { return }
        let open = readings.filter { !$0.value.candidates.isEmpty }
        guard open.count == 1, let (code, reading) = open.first else { return }
        var fitting: [[CellToken]] = []
        for candidate in reading.candidates {
            var trial = readings
            trial[code]?.cells = candidate
            if columnIdentitiesHold(trial, template2021: template2021, involving: code) == true { fitting.append(candidate) }
        }
        guard fitting.count == 1, let chosen = fitting.first else { return }
        readings[code]?.cells = chosen
        readings[code]?.candidates = []
        let shown = chosen.map(\.text).joined(separator: "|")
        let line = chosen.first?.line
        readings[code]?.notes = [
            RowNote(
                rule: TableRules.runTogetherSplit, message: "split into \(shown) by A4 with the column identities A1/A2",
                actual: reading.notes.first?.actual, line: line)
        ]
    }

    private static let resultRows2019 = Codes.applicationRows.map(\.code).filter {
        $0 == "granted" || $0 == "partial" || $0.hasPrefix("denied.") || $0.hasPrefix("unable.")
            || $0.hasPrefix("not_processed.")
    }

    /// nil when no identity involving `code` can be evaluated; blanks count 0 (report-formats §3.4).
    static func columnIdentitiesHold(_ readings: [String: RowReading], template2021: Bool, involving code: String) -> Bool? {
        /// nil when the cell is unknown: row missing, column unplaced or text unreadable.
        func value(_ row: String, _ column: Int) -> Int? {
            guard let cell = readings[row]?.cells[column] else { return nil }
            return cell.isBlank ? 0 : Int(cell.text)
        }
        var evaluated = false
        let a1Rows = ["new_received", "carried_over", "total", "carried_forward"]
        var a2Parts = resultRows2019
        a2Parts += template2021 && readings["other"] == nil ? otherSubRows : ["other"]
        for column in 0..<columns.count {
            if a1Rows.contains(code) {
                let v = a1Rows.compactMap { value($0, column) }
                if v.count == a1Rows.count {
                    evaluated = true
                    if v[0] + v[1] != v[2] + v[3] { return false }
                }
            }
            if code == "total" || a2Parts.contains(code) {
                let parts = a2Parts.compactMap { value($0, column) }
                if parts.count == a2Parts.count, let total = value("total", column) {
                    evaluated = true
                    if parts.reduce(0, +) != total { return false }
                }
            }
        }
        return evaluated ? true : nil
    }
}
