import CLibXML2
import NianbaoCore

/// Turns an HTML page into text lines (report-formats §4.3 L1): block elements become lines, each table row
/// becomes one line with its cells joined by " | " after rowspan/colspan are expanded into a full grid, so a
/// spanned label repeats on every row it covers. Line numbers are the source lines libxml2 reports.
enum HTMLText {
    /// Markers looked for in the first bytes; scraped text files never start with markup.
    private static let markers = ["<html", "<!doctype html", "<body", "<table", "<div", "<p>", "<p ", "<tr", "<meta", "<head"]
        .map { Array($0.utf8) }

    /// A case-insensitive byte search in the first 4 KB (markers are ASCII, so UTF-8 boundaries do not matter).
    static func looksLikeHTML(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let count = min(bytes.count, 4096)
            var index = 0
            while index < count {
                if bytes[index] == UInt8(ascii: "<"), markers.contains(where: { matches($0, bytes, at: index, end: count) }) {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    private static func matches(_ marker: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Bool {
        guard index + marker.count <= end else { return false }
        for offset in 1..<marker.count {
            let byte = bytes[index + offset]
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if lower != marker[offset] { return false }
        }
        return true
    }

    static func lines(from html: String) -> [TextLine] {
        // COMPACT keeps short text in the node itself (one allocation less per text node; `content` still points at it).
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
                | HTML_PARSE_COMPACT.rawValue)
        guard !html.isEmpty else { return [] }
        var source = html
        // libxml2 reads the String's own UTF-8; it copies what it keeps.
        let document: htmlDocPtr? = source.withUTF8 { buffer -> htmlDocPtr? in
            guard let base = buffer.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(clamping: buffer.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return TextLines.split(html) }
        defer { xmlFreeDoc(document) }
        var collector = HTMLLineCollector()
        if let root = xmlDocGetRootElement(document) { collector.walk(root) }
        collector.flush()
        return collector.lines
    }
}
