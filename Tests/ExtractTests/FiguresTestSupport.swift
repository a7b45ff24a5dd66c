import Foundation
import NianbaoCore

@testable import Extract

/// Shared helpers of the figures tests: seeds from data/reports, ad-hoc prose, and (metric, value) multisets.
enum FiguresTestSupport {
    struct Pair: Hashable, Comparable, CustomStringConvertible {
        let metric: String
        let value: Double

        init(_ metric: String, _ value: Double) {
            self.metric = metric
            self.value = value
        }

        static func < (a: Pair, b: Pair) -> Bool { (a.metric, a.value) < (b.metric, b.value) }
        var description: String { "\(metric)=\(value)" }
    }

    static let reportsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../data/reports").standardized

    /// Seed whose file name starts with `prefix` ("000"), cleaned as the Extractor does.
    static func seed(_ prefix: String) throws -> (figures: [Figure], breakdowns: [FigureBreakdown]) {
        let names = try FileManager.default.contentsOfDirectory(atPath: reportsFolder.path)
        guard let name = names.first(where: { $0.hasPrefix(prefix) }) else { throw CocoaError(.fileNoSuchFile) }
        let text = try String(contentsOf: reportsFolder.appendingPathComponent(name), encoding: .utf8)
        return FigureExtractor.extract(TextCleaner().clean(TextLines.split(text)), metadata: ReportMetadata())
    }

    /// Figures of a few lines of prose.
    static func prose(_ lines: String...) -> (figures: [Figure], breakdowns: [FigureBreakdown]) {
        let text = lines.enumerated().map { TextLine(number: $0.offset + 1, text: $0.element) }
        return FigureExtractor.extract(TextCleaner().clean(text), metadata: ReportMetadata())
    }

    static func pairs(_ figures: [Figure]) -> [Pair] { figures.map { Pair($0.metric, $0.value) }.sorted() }

    static func figure(_ figures: [Figure], _ metric: String, _ value: Double) -> Figure? {
        figures.first { $0.metric == metric && $0.value == value }
    }

    /// (total value, part values) of each breakdown, for readable expectations.
    static func sums(_ r: (figures: [Figure], breakdowns: [FigureBreakdown])) -> [(Double, [Double])] {
        r.breakdowns.map { b in (r.figures[b.total].value, b.parts.map { r.figures[$0].value }) }
    }
}
