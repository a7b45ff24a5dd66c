import Foundation
import NianbaoCore

@testable import Extract

/// Loads seed reports from `data/reports` and table fixtures from `Fixtures/tables`, and runs the extraction
/// steps the way `Extractor` does.
enum SeedSupport {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let reportsFolder = testsFolder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("data/reports")
    static let fixturesFolder = testsFolder.appendingPathComponent("Fixtures/tables")

    /// The seed whose file name starts with `number` ("001").
    static func seedURL(_ number: String) throws -> URL {
        let names = try FileManager.default.contentsOfDirectory(atPath: reportsFolder.path)
        guard let name = names.sorted().first(where: { $0.hasPrefix(number + "_") }) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return reportsFolder.appendingPathComponent(name)
    }

    static func seedText(_ number: String) throws -> String {
        try String(contentsOf: seedURL(number), encoding: .utf8)
    }

    static func fixtureText(_ name: String) throws -> String {
        try String(contentsOf: fixturesFolder.appendingPathComponent(name), encoding: .utf8)
    }

    /// Decoded text → lines (HTML or plain) → cleaned text, as `Extractor` does.
    static func clean(_ text: String) -> CleanText {
        let lines = HTMLText.looksLikeHTML(text) ? HTMLText.lines(from: text) : TextLines.split(text)
        return TextCleaner().clean(lines)
    }

    struct Extraction {
        var tables: [ExtractedTable]
        var findings: Findings
        var text: CleanText

        func table(_ name: TableName) -> ExtractedTable? { tables.first { $0.name == name } }

        /// raw text of a cell, nil when the table or cell is absent.
        func raw(_ name: TableName, _ row: String, _ column: String) -> String? {
            table(name)?.cells.first { $0.rowCode == row && $0.columnCode == column }?.raw
        }

        func line(_ name: TableName, _ row: String, _ column: String) -> Int? {
            table(name)?.cells.first { $0.rowCode == row && $0.columnCode == column }?.line
        }

        /// The raw cells of one row in column order.
        func row(_ name: TableName, _ row: String) -> [String] {
            table(name)?.cells.filter { $0.rowCode == row }.map(\.raw) ?? []
        }

        func ruleIDs() -> [String] { findings.rejects.map(\.ruleID) }
    }

    static func extract(_ text: String, reportYear: Int? = nil) -> Extraction {
        let clean = clean(text)
        var findings = Findings(reportID: nil, sourcePath: "test")
        let tables = TableExtractor.extract(clean, reportYear: reportYear, findings: &findings)
        return Extraction(tables: tables, findings: findings, text: clean)
    }

    static func seed(_ number: String, reportYear: Int? = nil) throws -> Extraction {
        extract(try seedText(number), reportYear: reportYear)
    }

    static func fixture(_ name: String, reportYear: Int? = nil) throws -> Extraction {
        extract(try fixtureText(name), reportYear: reportYear)
    }
}
