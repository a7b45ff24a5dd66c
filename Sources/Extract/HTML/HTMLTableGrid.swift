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
    func lines() -> [TextLine] {
        var grid: [[String?]] = Array(repeating: [], count: rows.count)
        for (r, row) in rows.enumerated() {
            var column = 0
            for cell in row.cells {
                while column < grid[r].count, grid[r][column] != nil { column += 1 }
                let lastRow = min(r + cell.rows, rows.count)
                for rr in r..<lastRow {
                    let needed = column + cell.columns
                    if grid[rr].count < needed { grid[rr].append(contentsOf: Array(repeating: nil, count: needed - grid[rr].count)) }
                    for cc in column..<needed { grid[rr][cc] = cc == column ? cell.text : "" }
                }
                column += cell.columns
            }
        }
        var out: [TextLine] = []
        for (r, row) in rows.enumerated() {
            let cells = grid[r].map { $0 ?? "" }
            guard cells.contains(where: { !$0.isEmpty }) else { continue }
            out.append(TextLine(number: row.line, text: cells.joined(separator: " | ")))
        }
        return out
    }
}
