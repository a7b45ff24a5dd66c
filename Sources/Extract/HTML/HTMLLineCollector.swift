import CLibXML2
import NianbaoCore

/// Collects text lines from libxml2's parse events, giving what a walk of the tree libxml2 would have built gave
/// (HTMLTreeSemanticsTests): the tree's text nodes end where a node of another kind begins, the root's children
/// are walked, and a table is read only through its own rows and cells, by `HTMLTableGrid`.
struct HTMLLineCollector {
    private(set) var lines: [TextLine] = []
    /// UTF-8 of the line being collected: text nodes are appended as bytes and the String is made once per line.
    private var buffer: [UInt8] = []
    private var bufferLine = 0

    /// What the content of an open element is to the walk.
    private enum Context {
        /// Text and blocks become lines.
        case normal
        /// Skipped elements, and what a table does not read (text between rows, elements that are not rows or cells).
        case ignored
        /// A table or row group: only its rows are read.
        case table
        /// A row: only its cells are read.
        case row
        /// A cell's descendants: all text, with spaces for blocks.
        case cell
    }

    private enum EndAction {
        case none, flush, finishTable, finishCell, cellSpace
    }

    private var open: [(context: Context, end: EndAction)] = []
    private var sawRoot = false
    /// A doctype, comment or processing instruction before the root is the document's first node; elements after
    /// the root then stand beside it and are not walked, while otherwise libxml2 adds them to the root.
    private var rootIsFirstNode = true

    /// The text node being reported in pieces (the parser cuts text at entities and every 1,000 bytes), in normal
    /// context only: elsewhere text is either dropped or appended as it comes.
    enum TextKind { case text, cdata }
    private var pendingKind: TextKind?
    private var pending: [UInt8] = []
    private var pendingLine = 0

    private var grid = HTMLTableGrid()
    private var cell: [UInt8] = []
    private var cellSpans = (rows: 1, columns: 1)

    // MARK: - Events

    mutating func startElement(_ name: UnsafePointer<xmlChar>?, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, line: Int) {
        endTextNode()
        let parent: Context
        if let top = open.last {
            parent = top.context
        } else if !sawRoot {
            sawRoot = true
            // The root's children are walked, not the root itself.
            open.append((.normal, .none))
            return
        } else {
            parent = rootIsFirstNode ? .normal : .ignored
        }
        let tag = Self.tag(name)
        switch parent {
        case .ignored:
            open.append((.ignored, .none))
        case .normal:
            switch tag {
            case .skipped:
                open.append((.ignored, .none))
            case .table:
                flush()
                grid = HTMLTableGrid()
                open.append((.table, .finishTable))
            case .br:
                flush()
                open.append((.ignored, .none))
            default:
                if tag.isBlock { flush() }
                open.append((.normal, tag.isBlock ? .flush : .none))
            }
        case .table:
            switch tag {
            case .tr:
                grid.startRow(line: line)
                open.append((.row, .none))
            case .rowGroup:
                open.append((.table, .none))
            default:
                open.append((.ignored, .none))
            }
        case .row:
            guard tag == .cell else {
                open.append((.ignored, .none))
                return
            }
            cell.removeAll(keepingCapacity: true)
            let rows = Self.intAttribute(attributes, "rowspan") ?? 1
            let columns = Self.intAttribute(attributes, "colspan") ?? 1
            cellSpans = (min(max(rows, 1), HTMLTableGrid.maxRowSpan), min(max(columns, 1), HTMLTableGrid.maxColumnSpan))
            open.append((.cell, .finishCell))
        case .cell:
            if tag == .skipped {
                open.append((.ignored, .none))
                return
            }
            if tag == .br || tag.isBlock { cell.append(0x20) }
            open.append((.cell, tag.isBlock ? .cellSpace : .none))
        }
    }

    mutating func endElement() {
        endTextNode()
        guard let (_, end) = open.popLast() else { return }
        switch end {
        case .none:
            break
        case .flush:
            flush()
        case .finishTable:
            lines.append(contentsOf: grid.lines())
        case .finishCell:
            // One String per cell: collapsing the whole cell covers the pieces' own collapsing, and a "|" inside a
            // cell would read as a cell boundary.
            grid.addCell(Self.trimmedString(&cell, collapsing: true, replacingPipes: true), rows: cellSpans.rows, columns: cellSpans.columns)
        case .cellSpace:
            cell.append(0x20)
        }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, kind: TextKind, line: Int) {
        switch open.last?.context {
        case .normal?:
            if pendingKind != kind {
                endTextNode()
                pendingKind = kind
                pendingLine = line
            }
            pending.append(contentsOf: bytes)
        case .cell?:
            cell.append(contentsOf: bytes)
        default:
            // No open element: libxml2 has no node to add the text to.
            return
        }
    }

    /// A comment or processing instruction: a node of its own, which ends a text node.
    mutating func otherNode() {
        endTextNode()
        if !sawRoot { rootIsFirstNode = false }
    }

    /// libxml2 puts the doctype before every other node, wherever it stood.
    mutating func doctype() {
        endTextNode()
        rootIsFirstNode = false
    }

    /// The end of the document: what a failed parse left open is closed as libxml2's tree would have held it.
    mutating func finish() {
        while !open.isEmpty { endElement() }
        endTextNode()
        flush()
    }

    // MARK: - Lines

    private mutating func endTextNode() {
        guard pendingKind != nil else { return }
        pendingKind = nil
        defer { pending.removeAll(keepingCapacity: true) }
        // Only spaces and line breaks (or nothing): a separator, never the start of a line.
        guard pending.contains(where: { !Self.isLayoutSpace($0) }) else {
            if !buffer.isEmpty { buffer.append(0x20) }
            return
        }
        if buffer.isEmpty { bufferLine = pendingLine }
        pending.withUnsafeBufferPointer { Self.appendCollapsed($0, to: &buffer) }
    }

    private mutating func flush() {
        let text = Self.trimmedString(&buffer, collapsing: false, replacingPipes: false)
        if !text.isEmpty { lines.append(TextLine(number: bufferLine, text: text)) }
        buffer.removeAll(keepingCapacity: true)
        bufferLine = 0
    }

    // MARK: - Tags

    /// What an element is to the collector and the table grid, read from its name without building a String.
    enum Tag {
        /// Never text: script, style and the like.
        case skipped
        case table, br, tr
        /// td, th.
        case cell
        /// thead, tbody, tfoot.
        case rowGroup
        /// Any other block element: a line of its own.
        case block
        case other

        var isBlock: Bool {
            switch self {
            case .tr, .cell, .rowGroup, .block: return true
            default: return false
            }
        }
    }

    static let skipped: Set<String> = ["script", "style", "noscript", "template", "iframe", "object", "svg", "select", "button"]
    static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header", "footer",
        "blockquote", "pre", "dd", "dt", "dl", "center", "form", "nav", "aside", "main", "hr", "caption", "figure",
        "address", "title", "body", "html", "head", "tr", "td", "th", "tbody", "thead", "tfoot",
    ]

    /// Tags by their ASCII name packed little-endian into a UInt64 ("blockquote", the only longer one, is packed from
    /// its first eight bytes and checked in full).
    private static let tags: [UInt64: Tag] = {
        var tags: [UInt64: Tag] = [:]
        for name in blocks { tags[pack(Array(name.utf8).prefix(8))] = .block }
        for name in skipped { tags[pack(Array(name.utf8).prefix(8))] = .skipped }
        for name in ["thead", "tbody", "tfoot"] { tags[pack(Array(name.utf8)[...])] = .rowGroup }
        for name in ["td", "th"] { tags[pack(Array(name.utf8)[...])] = .cell }
        tags[pack(Array("tr".utf8)[...])] = .tr
        tags[pack(Array("table".utf8)[...])] = .table
        tags[pack(Array("br".utf8)[...])] = .br
        return tags
    }()

    private static func pack<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var packed: UInt64 = 0
        for (shift, byte) in zip(stride(from: 0, to: 64, by: 8), bytes) {
            // ASCII lower-casing, which is what `lowercased()` does to the ASCII names that could match.
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            packed |= UInt64(lower) << UInt64(shift)
        }
        return packed
    }

    private static let blockquote = Array("blockquote".utf8)

    static func tag(_ name: UnsafePointer<xmlChar>?) -> Tag {
        guard let name else { return .other }
        var length = 0
        while name[length] != 0 {
            length += 1
            if length > blockquote.count { return .other }
        }
        let bytes = UnsafeBufferPointer(start: name, count: length)
        if length > 8 {
            guard length == blockquote.count else { return .other }
            for i in 0..<length {
                let byte = bytes[i]
                if (byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) != blockquote[i] { return .other }
            }
            return .block
        }
        return tags[pack(bytes)] ?? .other
    }

    /// The integer at the start of the attribute's value ("2", "3px"); nil when it has none, no value, or is absent.
    /// The parser has already dropped repeated attributes and lower-cased the names.
    static func intAttribute(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ name: StaticString) -> Int? {
        guard let attributes else { return nil }
        var i = 0
        while let attribute = attributes[i] {
            defer { i += 2 }
            guard xmlStrcasecmp(attribute, name.utf8Start) == 0 else { continue }
            guard let value = attributes[i + 1] else { return nil }
            var number = 0
            var length = 0
            while value[length] >= 0x30 && value[length] <= 0x39 {
                let (product, overflow) = number.multipliedReportingOverflow(by: 10)
                let (sum, overflowed) = product.addingReportingOverflow(Int(value[length] - 0x30))
                if overflow || overflowed { return nil }
                number = sum
                length += 1
            }
            return length > 0 ? number : nil
        }
        return nil
    }

    // MARK: - Bytes

    @inline(__always)
    static func isLayoutSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Line breaks inside a text node are layout, not content: runs of spaces, tabs and line breaks become one
    /// space; on bytes, as they are all ASCII.
    static func appendCollapsed(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + bytes.count)
        var lastWasSpace = false
        for byte in bytes {
            if isLayoutSpace(byte) {
                if !lastWasSpace { out.append(0x20) }
                lastWasSpace = true
            } else {
                out.append(byte)
                lastWasSpace = false
            }
        }
    }

    /// The String of `bytes` (UTF-8 that libxml2 produced from a valid String) without the spaces
    /// `trimmingSpaces()` drops at either end (space, tab, CR, LF, U+00A0, U+3000), optionally with layout-space
    /// runs collapsed first (in place) and "|" written as "/".
    static func trimmedString(_ bytes: inout [UInt8], collapsing: Bool, replacingPipes: Bool) -> String {
        if collapsing {
            var count = 0
            var lastWasSpace = false
            for i in bytes.indices {
                let byte = bytes[i]
                if isLayoutSpace(byte) {
                    if !lastWasSpace {
                        bytes[count] = 0x20
                        count += 1
                    }
                    lastWasSpace = true
                } else {
                    bytes[count] = byte
                    count += 1
                    lastWasSpace = false
                }
            }
            bytes.removeLast(bytes.count - count)
        }
        return bytes.withUnsafeBufferPointer { bytes in
            var lo = 0
            var hi = bytes.count
            while lo < hi {
                let byte = bytes[lo]
                if isLayoutSpace(byte) {
                    lo += 1
                } else if byte == 0xC2, hi - lo >= 2, bytes[lo + 1] == 0xA0 {
                    lo += 2
                } else if byte == 0xE3, hi - lo >= 3, bytes[lo + 1] == 0x80, bytes[lo + 2] == 0x80 {
                    lo += 3
                } else {
                    break
                }
            }
            // C2 and E3 are lead bytes, so C2 A0 or E3 80 80 at the end is that whole scalar.
            while hi > lo {
                let byte = bytes[hi - 1]
                if isLayoutSpace(byte) {
                    hi -= 1
                } else if byte == 0xA0, hi - lo >= 2, bytes[hi - 2] == 0xC2 {
                    hi -= 2
                } else if byte == 0x80, hi - lo >= 3, bytes[hi - 3] == 0xE3, bytes[hi - 2] == 0x80 {
                    hi -= 3
                } else {
                    break
                }
            }
            guard lo < hi else { return "" }
            return String(knownValidUTF8Capacity: hi - lo) { out in
                for i in lo..<hi {
                    let byte = bytes[i]
                    out[i - lo] = replacingPipes && byte == UInt8(ascii: "|") ? UInt8(ascii: "/") : byte
                }
                return hi - lo
            }
        }
    }
}
