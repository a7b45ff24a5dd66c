import Foundation
import Testing
import NianbaoCore
@testable import Load

/// Row groups of all tables share one memory bound, so a run's buffers do not grow with the number of tables
/// an archive fills.
@Suite("row-group budget")
struct RowGroupBudgetTests {
    /// A report with `rows` applications rows and a few active-disclosure rows; quarantined when asked.
    static func report(_ n: Int, rows: Int, quarantined: Bool = false) -> CheckedReport {
        let cells = (0..<rows).map { i in
            ValueCell(rowCode: "r\(i % 40)", columnCode: "total", value: Double(n * 1000 + i), kind: .number, raw: "\(n * 1000 + i)", line: i + 1)
        }
        let disclosure = (0..<3).map { i in
            ValueCell(rowCode: "regulations", columnCode: "c\(i)", value: Double(i), kind: .number, raw: "\(i)", line: i + 1)
        }
        let header = ReportHeader(reportID: String(format: "%016x", n), sourcePath: "a/\(n).txt", sourceBytes: 10_000)
        let normalized = NormalizedReport(
            header: header,
            tables: [
                NormalizedTable(name: .applications, template: .t2021, cells: cells),
                NormalizedTable(name: .activeDisclosure, template: .t2021, cells: disclosure),
            ])
        return CheckedReport(
            report: normalized, rejects: [], quarantined: quarantined ? [.applications] : [], status: quarantined ? .rejected : .ok)
    }

    static func rowGroups(of file: String) throws -> [Int] {
        // Rows per row group as pyarrow reads them from the footer (empty when pyarrow cannot read the file).
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(Array(bytes.suffix(4)) == Array("PAR1".utf8))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys, pyarrow.parquet as pq; m = pq.ParquetFile(sys.argv[1]).metadata; print(' '.join(str(m.row_group(i).num_rows) for i in range(m.num_row_groups)))", file]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    @Test func theLargestTableIsWrittenOutOnceAllTogetherPassTheBudget() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-budget-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var config = LoadConfig(writeCSV: false, createdBy: "test")
        config.rowGroupBudget = 64 << 10
        let loader = try Loader(directory: dir, config: config, rules: [])
        var batch = PreparedRows()
        for n in 0..<400 {
            loader.preparer.prepare(Self.report(n, rows: 50, quarantined: n % 10 == 0), into: &batch)
            if n % 16 == 15 {
                try loader.append(batch)
                batch = PreparedRows()
            }
        }
        try loader.append(batch)
        let summary = try loader.finish()
        #expect(summary.rows["applications"] == 360 * 50)
        #expect(summary.rows["quarantine/applications"] == 40 * 50)
        #expect(summary.rows["active_disclosure"] == 400 * 3)

        let applications = try Self.rowGroups(of: "\(dir)/applications/part-00000.parquet")
        #expect(applications.reduce(0, +) == 360 * 50)
        // ~18,000 rows of ~40 bytes against a 64 KB budget: many row groups, each far below the 131,072-row limit.
        #expect(applications.count > 10)
        // The small tables fill slowly and are written out only when they are the largest, so they get few.
        let disclosure = try Self.rowGroups(of: "\(dir)/active_disclosure/part-00000.parquet")
        #expect(disclosure.reduce(0, +) == 1200)
        #expect(disclosure.count < applications.count)

        // Without a shared bound each table alone may hold the whole budget: one row group each here.
        let wide = dir + "-wide"
        defer { try? FileManager.default.removeItem(atPath: wide) }
        config.rowGroupBudget = 64 << 20
        let unbounded = try Loader(directory: wide, config: config, rules: [])
        var all = PreparedRows()
        for n in 0..<400 { unbounded.preparer.prepare(Self.report(n, rows: 50, quarantined: n % 10 == 0), into: &all) }
        try unbounded.append(all)
        _ = try unbounded.finish()
        #expect(try Self.rowGroups(of: "\(wide)/applications/part-00000.parquet") == [360 * 50])
    }
}
