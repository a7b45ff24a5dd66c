import Foundation
import Testing

@testable import Pipeline

@Suite("facts table: where each agency's reports of a year are in the spool")
struct FactsTableTests {
    static func withTable(capacity: Int, _ body: (inout FactsTable, String) throws -> Void) throws {
        let dir = try Harness.tempDir("facts").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var table = try FactsTable(directory: dir, capacity: capacity)
        defer { table.close() }
        try body(&table, dir)
    }

    @Test func eachAgencyYearGivesBackItsRangesInTheOrderAdded() throws {
        try Self.withTable(capacity: 30) { table, dir in
            var added: [String: [Range<Int>]] = [:]
            for i in 0..<30 {
                let agency = ["甲局", "乙局", "丙区人民政府"][i % 3]
                let year = 2019 + i % 4
                let range = (100 * i)..<(100 * i + 37 + i)
                try table.add(agency: agency, year: year, at: range)
                added["\(agency)|\(year)", default: []].append(range)
            }
            for (key, ranges) in added {
                let parts = key.split(separator: "|")
                #expect(table.ranges(agency: String(parts[0]), year: Int(parts[1]) ?? 0) == ranges)
            }
            #expect(table.ranges(agency: "甲局", year: 2018).isEmpty)
            #expect(table.ranges(agency: "丁局", year: 2020).isEmpty)
            // The file is gone from the folder as soon as it is open: a killed run leaves nothing behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        }
    }

    @Test func aProbePastTheLastSlotGoesOnAtTheFirst() throws {
        // 64 slots; an agency whose own slot is near the end fills past it, so its entries wrap to slot 0.
        let agency = try #require((0..<200).map { "局\($0)" }.first { Int(truncatingIfNeeded: FactsTable.key(agency: $0, year: 2020)) & 63 >= 60 })
        try Self.withTable(capacity: 32) { table, _ in
            let ranges = (0..<12).map { (10 * $0)..<(10 * $0 + 5) }
            for range in ranges { try table.add(agency: agency, year: 2020, at: range) }
            try table.add(agency: "别的局", year: 2020, at: 500..<510)
            #expect(table.ranges(agency: agency, year: 2020) == ranges)
            #expect(table.ranges(agency: "别的局", year: 2020) == [500..<510])
        }
    }

    @Test func aTableFullerThanItWasSizedForIsRefused() throws {
        try Self.withTable(capacity: 1) { table, _ in
            for i in 0..<64 { try table.add(agency: "甲局", year: 2020, at: i..<(i + 1)) }
            #expect(table.ranges(agency: "甲局", year: 2020).count == 64)
            #expect(throws: PipelineError.self) { try table.add(agency: "甲局", year: 2020, at: 64..<65) }
        }
    }
}
