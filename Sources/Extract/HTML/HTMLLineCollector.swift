import CLibXML2
import NianbaoCore

/// Walks a libxml2 tree and collects text lines; tables go through `HTMLTableGrid`.
struct HTMLLineCollector {
    private(set) var lines: [TextLine] = []
    private var buffer = ""
    private var bufferLine = 0

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

    static func tag(_ node: xmlNodePtr) -> Tag {
        guard let name = node.pointee.name else { return .other }
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

    mutating func flush() {
        let text = buffer.trimmingSpaces()
        if !text.isEmpty { lines.append(TextLine(number: bufferLine, text: text)) }
        buffer = ""
        bufferLine = 0
    }

    mutating func walk(_ node: xmlNodePtr) {
        var child = node.pointee.children
        while let current = child {
            visit(current)
            child = current.pointee.next
        }
    }

    private mutating func visit(_ node: xmlNodePtr) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            guard let content = node.pointee.content else { return }
            guard let text = Self.collapsedText(content) else {
                if !buffer.isEmpty { buffer += " " }
                return
            }
            if buffer.isEmpty { bufferLine = Int(xmlGetLineNo(node)) }
            buffer += text
        case XML_ELEMENT_NODE:
            let tag = Self.tag(node)
            switch tag {
            case .skipped:
                return
            case .table:
                flush()
                for row in HTMLTableGrid(table: node).lines() { lines.append(row) }
                return
            case .br:
                flush()
                return
            default:
                break
            }
            if tag.isBlock { flush() }
            walk(node)
            if tag.isBlock { flush() }
        default:
            return
        }
    }

    /// `collapse` of a text node's content, or nil when it is only spaces and line breaks (or empty).
    static func collapsedText(_ content: UnsafePointer<xmlChar>) -> String? {
        let bytes = UnsafeBufferPointer(start: content, count: Int(max(0, xmlStrlen(content))))
        guard bytes.contains(where: { !isLayoutSpace($0) }) else { return nil }
        return collapse(bytes)
    }

    @inline(__always)
    private static func isLayoutSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Line breaks inside a text node are layout, not content.
    static func collapse(_ text: String) -> String {
        var text = text
        return text.withUTF8 { collapse($0) }
    }

    /// Runs of spaces, tabs and line breaks become one space; on bytes, as they are all ASCII.
    static func collapse(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0
            var lastWasSpace = false
            for byte in bytes {
                if isLayoutSpace(byte) {
                    if !lastWasSpace {
                        out[count] = 0x20
                        count += 1
                    }
                    lastWasSpace = true
                } else {
                    out[count] = byte
                    count += 1
                    lastWasSpace = false
                }
            }
            return count
        }
    }
}
