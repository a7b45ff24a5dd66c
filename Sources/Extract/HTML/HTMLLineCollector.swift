import CLibXML2
import NianbaoCore

/// Walks a libxml2 tree and collects text lines; tables go through `HTMLTableGrid`.
struct HTMLLineCollector {
    private(set) var lines: [TextLine] = []
    /// UTF-8 of the line being collected: text nodes are appended as bytes and the String is made once per line.
    private var buffer: [UInt8] = []
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
        let text = Self.trimmedString(&buffer, collapsing: false, replacingPipes: false)
        if !text.isEmpty { lines.append(TextLine(number: bufferLine, text: text)) }
        buffer.removeAll(keepingCapacity: true)
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
            let bytes = UnsafeBufferPointer(start: content, count: Int(max(0, xmlStrlen(content))))
            // Only spaces and line breaks (or nothing): a separator, never the start of a line.
            guard bytes.contains(where: { !Self.isLayoutSpace($0) }) else {
                if !buffer.isEmpty { buffer.append(0x20) }
                return
            }
            if buffer.isEmpty { bufferLine = Int(xmlGetLineNo(node)) }
            Self.appendCollapsed(bytes, to: &buffer)
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
            return String(unsafeUninitializedCapacity: hi - lo) { out in
                for i in lo..<hi {
                    let byte = bytes[i]
                    out[i - lo] = replacingPipes && byte == UInt8(ascii: "|") ? UInt8(ascii: "/") : byte
                }
                return hi - lo
            }
        }
    }
}
