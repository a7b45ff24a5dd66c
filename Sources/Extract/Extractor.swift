import NianbaoCore

/// Extract stage: file bytes → decoded text → cleaned lines → metadata, template tables, figures.
/// Keeps nothing across reports, so reports are extracted in parallel.
public struct Extractor: Sendable {
    private let cleaner: TextCleaner

    public init() {
        cleaner = TextCleaner()
    }

    /// Every rule this stage can report, for `nianbao rules` and configuration checks.
    public static let rules: [Rule] = DecodeRules.all + TableRules.all + FigureRules.all

    /// Always returns a report; one whose file was unreadable has `header.isReadable == false`
    /// and `findings` says why.
    public func extract(_ file: SourceFile, findings: inout Findings) -> ExtractedReport {
        var header = ReportHeader(reportID: file.reportID, sourcePath: file.relativePath, sourceBytes: file.bytes.count)
        guard let decoded = TextDecoder.decode(file.bytes, findings: &findings) else {
            header.isReadable = false
            return ExtractedReport(header: header)
        }
        header.encoding = decoded.encoding
        let rawLines = HTMLText.looksLikeHTML(decoded.text) ? HTMLText.lines(from: decoded.text) : TextLines.split(decoded.text)
        let text = cleaner.clean(rawLines)
        header.script = text.script
        var metadata = MetadataReader.read(text)
        let (tables, template) = TableExtractor.extractWithTemplate(text, reportYear: metadata.reportYear, findings: &findings)
        metadata.template = template
        let (figures, breakdowns) = FigureExtractor.extract(text, metadata: metadata)
        header.metadata = metadata
        if tables.isEmpty && figures.isEmpty && !MetadataReader.looksLikeReport(text) {
            findings.add(DecodeRules.noReportFound, "no annual-report heading, table or figure was found in the text")
            header.isReadable = false
        }
        return ExtractedReport(header: header, tables: tables, figures: figures, breakdowns: breakdowns)
    }
}

/// Splits plain text into numbered lines (CRLF, LF and CR endings).
enum TextLines {
    /// A byte scan: splitting by Character treats "\r\n" as one grapheme that is not "\n", so CRLF files used to
    /// come out as a single line (and CR-only files too), and grapheme breaking cost more than the rest of clean-up.
    static func split(_ text: String) -> [TextLine] {
        text.withUTF8Bytes { bytes in
            var lines: [TextLine] = []
            // Line breaks are ASCII, so every line is whole scalars of valid text: copied without a second check.
            func add(_ start: Int, _ end: Int) {
                let line = String(knownValidUTF8: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                lines.append(TextLine(number: lines.count + 1, text: line))
            }
            // Text without a CR (nearly all of it) is split with memchr, which reads 32 bytes a step.
            if !UTF8Scan.contains(bytes, byte: 0x0D) {
                var start = 0
                while let index = UTF8Scan.firstIndex(of: 0x0A, in: bytes, from: start) {
                    add(start, index)
                    start = index + 1
                }
                add(start, bytes.count)
                return lines
            }
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A {
                    add(start, index)
                    start = index + 1
                } else if byte == 0x0D {
                    add(start, index)
                    if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                    start = index + 1
                }
                index += 1
            }
            add(start, bytes.count)
            return lines
        }
    }
}
