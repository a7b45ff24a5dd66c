import NianbaoCore

/// Extracts the section 二, 三 and 四 template tables from cleaned text (report-formats §2, §4.3–4.5).
enum TableExtractor {
    static func extract(_ text: CleanText, reportYear: Int?, findings: inout Findings) -> [ExtractedTable] {
        []
    }
}

/// Decides the template generation of a document (report-formats §1.2).
enum TemplateDetector {
    static func detect(_ text: CleanText, tables: [ExtractedTable], reportYear: Int?) -> Template {
        .unknown
    }
}
