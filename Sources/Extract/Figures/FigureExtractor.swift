import NianbaoCore

/// Extracts figures stated in running text (report-formats §2.5, §5.3) and their "其中" breakdowns (§5.4).
///
/// Each prose line is scanned once for numbers (`NumberScanner`); a number becomes a figure only when the words
/// before it name a catalogued metric (`MetricRules`), so dates, document numbers, phones and postcodes fall away.
/// Lines with "|" are table rows: the template tables belong to `TableExtractor`, and only pre-2019 statistics rows
/// are read here (`StatisticsTableReader`). See `FigureMetrics` for units, `.part`, `.share` and `.cumulative`.
enum FigureExtractor {
    static func extract(_ text: CleanText, metadata: ReportMetadata) -> (figures: [Figure], breakdowns: [FigureBreakdown]) {
        var figures: [Figure] = []
        var breakdowns: [FigureBreakdown] = []
        var statistics = StatisticsTableReader()
        for textLine in text.lines {
            let scalars = Array(textLine.text.unicodeScalars)
            if scalars.contains("|") {
                if StatisticsTableReader.mayBeStatisticsRow(scalars) {
                    figures += statistics.read(textLine.text, lineNumber: textLine.number)
                }
                continue
            }
            guard LineFigureReader.mayHoldFigures(scalars) else { continue }
            let (placed, lists) = LineFigureReader(line: scalars, lineNumber: textLine.number).read()
            var indexOfToken: [Int: Int] = [:]
            for p in placed {
                if let token = p.token { indexOfToken[token] = figures.count }
                figures.append(p.figure)
            }
            for list in lists {
                guard let total = indexOfToken[list.total] else { continue }
                let parts = list.parts.compactMap { indexOfToken[$0] }
                if parts.count == list.parts.count { breakdowns.append(FigureBreakdown(total: total, parts: parts)) }
            }
        }
        return (figures, breakdowns)
    }
}

/// Rules raised while reading figures: none; sums of breakdowns are checked by Validate.
enum FigureRules {
    static let all: [Rule] = []
}
