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
        let tables = TableExtractor.extract(text, reportYear: metadata.reportYear, findings: &findings)
        metadata.template = TemplateDetector.detect(text, tables: tables, reportYear: metadata.reportYear)
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
        var text = text
        return text.withUTF8 { bytes in
            var lines: [TextLine] = []
            var number = 0
            var start = 0
            var index = 0
            func emit(_ end: Int) {
                number += 1
                lines.append(TextLine(number: number, text: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)))
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A {
                    emit(index)
                    start = index + 1
                } else if byte == 0x0D {
                    emit(index)
                    if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                    start = index + 1
                }
                index += 1
            }
            emit(bytes.count)
            return lines
        }
    }
}
