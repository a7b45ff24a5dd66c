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
        return text.withUTF8Bytes { bytes in
            let head = UnsafeBufferPointer(rebasing: bytes[..<min(bytes.count, 4096)])
            // Every marker starts with "<": memchr finds the candidates.
            var from = 0
            while let index = UTF8Scan.firstIndex(of: UInt8(ascii: "<"), in: head, from: from) {
                if markers.contains(where: { matches($0, head, at: index, end: head.count) }) { return true }
                from = index + 1
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

    /// libxml2 sets up its globals (the dictionary lock among them) on first use unless `xmlInitParser` ran first,
    /// and two threads parsing their first page at once could both do it: one took a lock the other had replaced and
    /// a run hung for good (8 runs in 100 over 600 hostile files). A static is initialised once, the others waiting.
    private static let libxml2Initialised: Void = xmlInitParser()

    static func lines(from html: String) -> [TextLine] {
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
                | HTML_PARSE_COMPACT.rawValue)
        guard !html.isEmpty else { return [] }
        _ = libxml2Initialised
        guard let context = htmlNewParserCtxt() else { return TextLines.split(html) }
        defer { htmlFreeParserCtxt(context) }
        // The parser's events go to the collector instead of building a tree that was walked once and freed: the
        // tree cost as much again as parsing. No document is made, so libxml2 has nothing to free either.
        if let sax = context.pointee.sax {
            sax.pointee.startDocument = nil
            sax.pointee.endDocument = nil
            sax.pointee.startElement = { context, name, attributes in
                HTMLText.collector(context)?.pointee.startElement(name, attributes, line: HTMLText.line(context))
            }
            sax.pointee.endElement = { context, _ in HTMLText.collector(context)?.pointee.endElement() }
            sax.pointee.characters = { context, bytes, count in
                guard let bytes, count > 0 else { return }
                HTMLText.collector(context)?.pointee.text(
                    UnsafeBufferPointer(start: bytes, count: Int(count)), kind: .text, line: HTMLText.line(context))
            }
            sax.pointee.cdataBlock = { context, bytes, count in
                guard let bytes, count > 0 else { return }
                HTMLText.collector(context)?.pointee.text(
                    UnsafeBufferPointer(start: bytes, count: Int(count)), kind: .cdata, line: HTMLText.line(context))
            }
            sax.pointee.comment = { context, _ in HTMLText.collector(context)?.pointee.otherNode() }
            sax.pointee.processingInstruction = { context, _, _ in HTMLText.collector(context)?.pointee.otherNode() }
            sax.pointee.internalSubset = { context, _, _, _ in HTMLText.collector(context)?.pointee.doctype() }
        }
        var collector = HTMLLineCollector()
        withUnsafeMutablePointer(to: &collector) { pointer in
            context.pointee._private = UnsafeMutableRawPointer(pointer)
            // libxml2 reads the String's own UTF-8; it copies what it keeps.
            html.withUTF8Bytes { buffer in
                guard let base = buffer.baseAddress else { return }
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    if let document = htmlCtxtReadMemory(context, $0, Int32(clamping: buffer.count), nil, "UTF-8", options) {
                        xmlFreeDoc(document)
                    }
                }
            }
            context.pointee._private = nil
        }
        collector.finish()
        return collector.lines
    }

    private static func collector(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<HTMLLineCollector>? {
        context?.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private?.assumingMemoryBound(to: HTMLLineCollector.self)
    }

    /// The parser's current line, as the tree builder stored it in a node (an unsigned short, 65535 past that).
    private static func line(_ context: UnsafeMutableRawPointer?) -> Int {
        guard let input = context?.assumingMemoryBound(to: xmlParserCtxt.self).pointee.input else { return 0 }
        return min(Int(input.pointee.line), 65535)
    }
}
