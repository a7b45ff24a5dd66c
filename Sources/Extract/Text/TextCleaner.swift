import NianbaoCore

/// Cleans lines before any matching (report-formats §4.1). Holds the shared OpenCC handle.
struct TextCleaner: Sendable {
    init() {}

    func clean(_ lines: [TextLine]) -> CleanText {
        CleanText(lines: lines, script: .simplified)
    }
}
