import CLibXML2
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

    init(table: xmlNodePtr) {
        collectRows(table)
    }

    /// `<tr>` elements of this table (through thead/tbody/tfoot), not of nested tables.
    private mutating func collectRows(_ node: xmlNodePtr) {
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            switch HTMLLineCollector.tag(current) {
            case .tr:
                rows.append(readRow(current))
            case .rowGroup:
                collectRows(current)
            default:
                continue
            }
        }
    }

    private func readRow(_ tr: xmlNodePtr) -> Row {
        var cells: [(String, Int, Int)] = []
        var text: [UInt8] = []
        var child = tr.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            guard HTMLLineCollector.tag(current) == .cell else { continue }
            text.removeAll(keepingCapacity: true)
            Self.appendText(of: current, to: &text)
            let rowSpan = min(max(Self.intAttribute(current, "rowspan") ?? 1, 1), Self.maxRowSpan)
            let columnSpan = min(max(Self.intAttribute(current, "colspan") ?? 1, 1), Self.maxColumnSpan)
            // One String per cell: collapsing the whole cell covers the pieces' own collapsing, and a "|" inside a
            // cell would read as a cell boundary.
            let cellText = HTMLLineCollector.trimmedString(&text, collapsing: true, replacingPipes: true)
            cells.append((cellText, rowSpan, columnSpan))
        }
        return Row(line: Int(xmlGetLineNo(tr)), cells: cells)
    }

    /// Cell text: `<br>` and block children become spaces, scripts are dropped, nested tables flattened.
    private static func appendText(of node: xmlNodePtr, to text: inout [UInt8]) {
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    text.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(max(0, xmlStrlen(content)))))
                }
            case XML_ELEMENT_NODE:
                let tag = HTMLLineCollector.tag(current)
                if tag == .skipped { continue }
                if tag == .br || tag.isBlock { text.append(0x20) }
                appendText(of: current, to: &text)
                if tag.isBlock { text.append(0x20) }
            default:
                continue
            }
        }
    }

    /// The attribute's integer value, read from the attribute's text children (no allocation to free).
    private static func intAttribute(_ node: xmlNodePtr, _ name: String) -> Int? {
        var attribute = node.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard let attrName = current.pointee.name, xmlStrcasecmp(attrName, name) == 0 else { continue }
            var value = ""
            var child = current.pointee.children
            while let text = child {
                if let content = text.pointee.content { value += String(cString: content) }
                child = text.pointee.next
            }
            let digits = value.unicodeScalars.prefix { $0.value >= 0x30 && $0.value <= 0x39 }
            return Int(String(String.UnicodeScalarView(digits.drop { _ in false })).trimmingSpaces())
        }
        return nil
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
