import NianbaoCore

/// One HTML table expanded into a grid (report-formats §4.3 L1). A row-spanned cell repeats on every row it
/// covers, so each row line carries its group labels; a column-spanned cell is written once and padded with
/// empty cells, as scrapers flatten it ("| ||"): repeating it would turn one value into two.
struct HTMLTableGrid {
    private struct Row {
        var line: Int
        var cells: [(text: String, rows: Int, columns: Int)]
    }

    private var rows: [Row] = []
    /// Spans beyond these are markup errors; clamping keeps a hostile page from allocating a huge grid.
    static let maxColumnSpan = 64
    static let maxRowSpan = 500

    /// A `<tr>` of this table (through thead/tbody/tfoot, not of nested tables), numbered by its start tag's line.
    mutating func startRow(line: Int) {
        rows.append(Row(line: line, cells: []))
    }

    mutating func addCell(_ text: String, rows rowSpan: Int, columns columnSpan: Int) {
        guard !rows.isEmpty else { return }
        rows[rows.count - 1].cells.append((text, rowSpan, columnSpan))
    }

    /// One line per row, cells joined by " | "; rowspans repeated, colspans padded.
    /// The grid holds positions in `texts`, and a row's line is written as bytes: a grid of Strings joined by
    /// `joined(separator:)` cost ~19,000 instructions a table, 1% of extraction.
    func lines() -> [TextLine] {
        let hole: Int32 = -1
        let padding: Int32 = -2
        var texts: [String] = []
        var grid: [[Int32]] = Array(repeating: [], count: rows.count)
        for (r, row) in rows.enumerated() {
            var column = 0
            for cell in row.cells {
                while column < grid[r].count, grid[r][column] != hole { column += 1 }
                let position = Int32(texts.count)
                texts.append(cell.text)
                let lastRow = min(r + cell.rows, rows.count)
                for rr in r..<lastRow {
                    let needed = column + cell.columns
                    if grid[rr].count < needed { grid[rr].append(contentsOf: repeatElement(hole, count: needed - grid[rr].count)) }
                    for cc in column..<needed { grid[rr][cc] = cc == column ? position : padding }
                }
                column += cell.columns
            }
        }
        var out: [TextLine] = []
        var line: [UInt8] = []
        for (r, row) in rows.enumerated() {
            guard grid[r].contains(where: { $0 >= 0 && !texts[Int($0)].isEmpty }) else { continue }
            line.removeAll(keepingCapacity: true)
            for (c, slot) in grid[r].enumerated() {
                if c > 0 { line.append(contentsOf: " | ".utf8) }
                if slot >= 0 { line.append(contentsOf: texts[Int(slot)].utf8) }
            }
            out.append(TextLine(number: row.line, text: String(knownValidUTF8: line)))
        }
        return out
    }
}
