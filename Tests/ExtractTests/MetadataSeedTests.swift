import Foundation
import NianbaoCore
import Testing

@testable import Extract

/// Golden metadata of the five seeds, written from reading /work/shared/seeds and report-formats §6/§8.
@Suite("Metadata of the seeds (report-formats §6, §8)")
struct MetadataSeedTests {
    static func metadata(_ seed: String) throws -> ReportMetadata {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/reports/\(seed)")
        let text = try String(contentsOf: url, encoding: .utf8)
        return MetadataReader.read(TextCleaner().clean(TextLines.split(text)))
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) -> CivilDate? { CivilDate(year: year, month: month, day: day) }

    @Test func seed000TraditionalWithoutTitle() throws {
        let m = try Self.metadata("000_9f31b223519cc5ad.txt")
        // Line 1 is the breadcrumb "首頁 > 專欄設置 > 政府網站年度工作報表 |", dropped by the cleaner: no title.
        #expect(m.title == nil)
        // "現將金臺區人民政府2017年度主動公開政府信息…"
        #expect(m.agency == "金台区人民政府")
        // Last lines: "金臺區人民政府辦公室" / "2018年1月9日"
        #expect(m.signingOffice == "金台区人民政府办公室")
        #expect(m.publishingUnit == nil)
        // "本報告中所列數據的統計時限自2017年1月1日至2017年12月31日" (the body also says "2018年,区政府…")
        #expect(m.reportYear == 2017)
        #expect(m.publishedDate == nil)
        #expect(m.signedDate == Self.date(2018, 1, 9))
        #expect(m.contractDate == Self.date(2018, 1, 9))
    }

    @Test func seed001TitleSplitOverTwoLines() throws {
        let m = try Self.metadata("001_21879049c23c2b1b.txt")
        // Lines 1-2: "遂宁经济技术开发区管理委员会" / "政府信息公开工作年度报告"
        #expect(m.title == "遂宁经济技术开发区管理委员会政府信息公开工作年度报告")
        #expect(m.agency == "遂宁经济技术开发区管理委员会")
        // Last lines: "遂宁经济技术开发区党政办公室" / "2020年1月20日"
        #expect(m.signingOffice == "遂宁经济技术开发区党政办公室")
        #expect(m.publishingUnit == nil)
        // No statistics sentence, no year in the title, no opening "现将": signature year 2020 − 1.
        #expect(m.reportYear == 2019)
        #expect(m.publishedDate == nil)
        #expect(m.signedDate == Self.date(2020, 1, 20))
    }

    @Test func seed002RegionReportWithPublishingUnit() throws {
        let m = try Self.metadata("002_cbaa75f9e60907ca.txt")
        // Line 1: "2021年江夏區(qū)政府信息公開工作年度報(bào)告" (the page title comes before line 3's heading)
        #expect(m.title == "2021年江夏区政府信息公开工作年度报告")
        // A bare region in the title names its people's government; the body agrees: "江夏區人民政府認真貫徹…"
        #expect(m.agency == "江夏区人民政府")
        // The report ends with the (四) paragraph and blank lines: no signature.
        #expect(m.signingOffice == nil)
        // Line 2: "發布日期:2022-02-18 15:15 文章來源:江夏區行政審批局?"
        #expect(m.publishingUnit == "江夏区行政审批局")
        // "本報告數據統計期限為2021年1月1日至2021年12月31日"
        #expect(m.reportYear == 2021)
        #expect(m.publishedDate == Self.date(2022, 2, 18))
        #expect(m.signedDate == nil)
    }

    @Test func seed003LostSeparatorsResolvedByHeaderDate() throws {
        let m = try Self.metadata("003_bcaed67771fabe68.txt")
        #expect(m.title == "2015年度铁山区政府信息公开工作报告")
        // Title names the bare region 铁山区 (the body only says "我区").
        #expect(m.agency == "铁山区人民政府")
        #expect(m.signingOffice == nil)
        // "发布时间:2016-01-28  来源:  " — the 来源 field is empty.
        #expect(m.publishingUnit == nil)
        #expect(m.reportYear == 2015)
        #expect(m.publishedDate == Self.date(2016, 1, 28))
        // Last line "2016125": 2016-01-25 is 3 days before the header date, 2016-12-05 is after it.
        #expect(m.signedDate == Self.date(2016, 1, 25))
    }

    @Test func seed004ChineseNumeralSignature() throws {
        let m = try Self.metadata("004_860089b39a16652d.txt")
        #expect(m.title == "威海市文登区政务服务中心2016年政府信息公开工作年度报告")
        #expect(m.agency == "威海市文登区政务服务中心")
        // The line before "一七年一月八日" is the statistics paragraph, not an office.
        #expect(m.signingOffice == nil)
        #expect(m.publishingUnit == nil)
        // "本报告中所列数据的统计时限自2016年1月1日起至2016年12月31日止"
        #expect(m.reportYear == 2016)
        // "发布日期:2017-01-21 10:24:00"
        #expect(m.publishedDate == Self.date(2017, 1, 21))
        // "一七年一月八日": two-numeral year ⇒ 2017
        #expect(m.signedDate == Self.date(2017, 1, 8))
    }

    @Test func everySeedLooksLikeAReport() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/reports")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") }
        #expect(names.count == 5)
        for name in names {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            #expect(MetadataReader.looksLikeReport(TextCleaner().clean(TextLines.split(text))), "\(name)")
        }
    }
}
