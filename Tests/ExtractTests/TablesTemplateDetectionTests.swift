import NianbaoCore
import Testing

@testable import Extract

@Suite("Tables: template detection (report-formats §1.2)")
struct TablesTemplateDetectionTests {
    private func detect(_ text: String, reportYear: Int? = nil) -> Template {
        let e = SeedSupport.extract(text, reportYear: reportYear)
        return TemplateDetector.detect(e.text, tables: e.tables, reportYear: reportYear)
    }

    @Test func seeds() throws {
        // 000: "收費及減免" and "概述" (rule 5). 001: "本年新制作数量" (rule 2). 002: 2021 columns with a single
        // "(六)其他處理" row (hybrid). 003: no vocabulary; title "2015年度…工作报告" (rule 6). 004: "收费及减免".
        let expected: [(String, Template)] = [("000", .pre2019), ("001", .t2019), ("002", .hybrid), ("003", .pre2019), ("004", .pre2019)]
        for (seed, template) in expected {
            #expect(detect(try SeedSupport.seedText(seed)) == template, "seed \(seed)")
        }
    }

    @Test func seedsWithTheirMetadataYears() throws {
        // Years from the seeds' titles / statistics periods: 2017, 2019, 2021, 2015, 2016.
        let expected: [(String, Int, Template)] = [
            ("000", 2017, .pre2019), ("001", 2019, .t2019), ("002", 2021, .hybrid), ("003", 2015, .pre2019), ("004", 2016, .pre2019),
        ]
        for (seed, year, template) in expected {
            #expect(detect(try SeedSupport.seedText(seed), reportYear: year) == template, "seed \(seed)")
        }
    }

    @Test func applicationTableAloneIsDecidedBySubRowsThenYear() {
        let table = ApplicationsText.make([:])
        #expect(detect(table, reportYear: 2022) == .t2021)
        // Only some template tables in a 2019–2020 report: hybrid.
        #expect(detect(table, reportYear: 2020) == .hybrid)
        let subRows = table.replacingOccurrences(
            of: "(六)其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||",
            with: """
                (六)其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
                2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
                3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0
                """)
        #expect(detect(subRows, reportYear: 2020) == .t2021)
    }

    @Test func citedNoticeDecidesWithoutTables() {
        #expect(detect("根据国办公开办函〔2021〕30号的规定编制本报告。") == .t2021)
        #expect(detect("根据国办公开办函〔2019〕60号的规定编制本报告。") == .t2019)
    }

    @Test func oldVocabularyAndYearFallback() {
        #expect(detect("全年同意公开12件,不同意公开1件。") == .pre2019)
        #expect(detect("本报告由区政府办公室编制。", reportYear: 2012) == .pre2019)
        #expect(detect("本报告由区政府办公室编制。", reportYear: 2020) == .t2019)
        #expect(detect("本报告由区政府办公室编制。") == .unknown)
    }

    @Test func activeColumnsInTextDecide() {
        #expect(detect("现行有效件数") == .t2021)
        #expect(detect("对外公开总数量") == .t2019)
    }
}
