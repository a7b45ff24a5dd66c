import CLibXML2
import NianbaoCore

/// Walks a libxml2 tree and collects text lines; tables go through `HTMLTableGrid`.
struct HTMLLineCollector {
    private(set) var lines: [TextLine] = []
    private var buffer = ""
    private var bufferLine = 0

    static let skipped: Set<String> = ["script", "style", "noscript", "template", "iframe", "object", "svg", "select", "button"]
    static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header", "footer",
        "blockquote", "pre", "dd", "dt", "dl", "center", "form", "nav", "aside", "main", "hr", "caption", "figure",
        "address", "title", "body", "html", "head", "tr", "td", "th", "tbody", "thead", "tfoot",
    ]

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
            let text = String(cString: content)
            if text.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }) {
                if !buffer.isEmpty { buffer += " " }
                return
            }
            if buffer.isEmpty { bufferLine = Int(xmlGetLineNo(node)) }
            buffer += Self.collapse(text)
        case XML_ELEMENT_NODE:
            let name = Self.name(node)
            if Self.skipped.contains(name) { return }
            if name == "table" {
                flush()
                for row in HTMLTableGrid(table: node).lines() { lines.append(row) }
                return
            }
            if name == "br" {
                flush()
                return
            }
            let isBlock = Self.blocks.contains(name)
            if isBlock { flush() }
            walk(node)
            if isBlock { flush() }
        default:
            return
        }
    }

    static func name(_ node: xmlNodePtr) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    /// Line breaks inside a text node are layout, not content.
    static func collapse(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = false
        for s in text.unicodeScalars {
            if s == "\n" || s == "\r" || s == "\t" || s == " " {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(s)
                lastWasSpace = false
            }
        }
        return String(out)
    }
}
