import NianbaoCore

/// Extracts figures stated in running text (report-formats §5.3) and their "其中" breakdowns (§5.4).
enum FigureExtractor {
    static func extract(_ text: CleanText, metadata: ReportMetadata) -> (figures: [Figure], breakdowns: [FigureBreakdown]) {
        ([], [])
    }
}

/// Rules raised while reading figures.
enum FigureRules {
    static let all: [Rule] = []
}
