import NianbaoCore

/// Reads title, agency, report year and dates (report-formats §6).
enum MetadataReader {
    static func read(_ text: CleanText) -> ReportMetadata {
        ReportMetadata()
    }

    /// True when the text reads like an annual report even without tables or figures.
    static func looksLikeReport(_ text: CleanText) -> Bool {
        text.lines.contains { $0.text.contains("年度报告") || $0.text.contains("工作报告") || $0.text.contains("信息公开") }
    }
}
