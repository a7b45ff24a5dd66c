import NianbaoCore
import Testing

@testable import Extract

@Suite("Metadata dates (report-formats §6 date parsing rules)")
struct MetadataDateTests {
    static func parse(_ text: String) -> ChineseDate? {
        ChineseDate.parse(Array(text.unicodeScalars), at: 0)?.date
    }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> ChineseDate? {
        CivilDate(year: year, month: month, day: day).map(ChineseDate.day)
    }

    @Test func headerDateFormats() {
        #expect(Self.parse("2022-02-18 15:15") == Self.day(2022, 2, 18))
        #expect(Self.parse("2016-01-28") == Self.day(2016, 1, 28))
        #expect(Self.parse("2019年03月04日") == Self.day(2019, 3, 4))
        #expect(Self.parse("2013/3/1") == Self.day(2013, 3, 1))
        #expect(Self.parse("2017-01-21 10:24:00") == Self.day(2017, 1, 21))
    }

    @Test func signatureDateFormats() {
        #expect(Self.parse("2018年1月9日") == Self.day(2018, 1, 9))
        #expect(Self.parse("2020年1月20日") == Self.day(2020, 1, 20))
        #expect(Self.parse("2018 年 1 月 9 日") == Self.day(2018, 1, 9))
    }

    @Test func chineseNumeralDates() {
        // seed 004: two numerals for the year mean 20xx.
        #expect(Self.parse("一七年一月八日") == Self.day(2017, 1, 8))
        #expect(Self.parse("二〇一八年一月十五日") == Self.day(2018, 1, 15))
        #expect(Self.parse("二○一一年十二月二日") == Self.day(2011, 12, 2))
        #expect(Self.parse("二O一八年二月二十八日") == Self.day(2018, 2, 28))
        #expect(Self.parse("二零一九年三月三十一日") == Self.day(2019, 3, 31))
        #expect(Self.parse("二0一八年十月廿一日") == Self.day(2018, 10, 21))
    }

    @Test func monthOnlyDateHasNoDay() {
        #expect(Self.parse("2017年3月") == .month(year: 2017, month: 3))
        #expect(MetadataReader.resolve(.month(year: 2017, month: 3), publishedDate: nil, reportYear: 2016) == nil)
    }

    @Test func lostSeparatorsGiveEveryReading() {
        #expect(Self.parse("2016125") == .ambiguous([CivilDate(year: 2016, month: 1, day: 25), CivilDate(year: 2016, month: 12, day: 5)].compactMap { $0 }))
        // "2017210日": 21 is no month, so only 2017-02-10.
        #expect(Self.parse("2017210日") == Self.day(2017, 2, 10))
        #expect(Self.parse("2021926") == Self.day(2021, 9, 26))
        #expect(Self.parse("2018年1231日") == Self.day(2018, 12, 31))
    }

    @Test func impossibleDatesAndNonDatesAreRejected() {
        #expect(Self.parse("2019年2月30日") == nil)
        #expect(Self.parse("2019年13月1日") == nil)
        #expect(Self.parse("5722721") == nil)  // a phone number: year 5722
        #expect(Self.parse("2017年度") == nil)
        #expect(Self.parse("一中") == nil)
        #expect(Self.parse("OO年一月一日") == nil)  // letter O only counts among real numerals
    }

    @Test func ambiguousDateIsResolvedByTheHeaderDate() throws {
        let readings = try #require(Self.parse("2016125"))
        let header = CivilDate(year: 2016, month: 1, day: 28)
        #expect(MetadataReader.resolve(readings, publishedDate: header, reportYear: 2015) == CivilDate(year: 2016, month: 1, day: 25))
        // A page dated in December picks the December reading.
        let december = CivilDate(year: 2016, month: 12, day: 9)
        #expect(MetadataReader.resolve(readings, publishedDate: december, reportYear: 2015) == CivilDate(year: 2016, month: 12, day: 5))
    }

    @Test func ambiguousDateWithoutHeaderUsesTheDueSeason() throws {
        let readings = try #require(Self.parse("2016125"))
        #expect(MetadataReader.resolve(readings, publishedDate: nil, reportYear: 2015) == CivilDate(year: 2016, month: 1, day: 25))
        // Report year 2016 makes neither reading fall in Jan–Mar 2017: claim nothing.
        #expect(MetadataReader.resolve(readings, publishedDate: nil, reportYear: 2016) == nil)
        #expect(MetadataReader.resolve(readings, publishedDate: nil, reportYear: nil) == nil)
    }

    @Test func signatureLineWithOfficeOnTheSameLine() throws {
        let (office, date) = try #require(SignatureBlock.dateLine("金台区人民政府办公室 2018年1月9日"))
        #expect(office == "金台区人民政府办公室")
        #expect(date == Self.day(2018, 1, 9))
        // A sentence ending in a date is not a signature.
        #expect(SignatureBlock.dateLine("截至2017年12月31日") == nil)
        #expect(SignatureBlock.dateLine("本报告中所列数据的统计时限自2016年1月1日起至2016年12月31日止") == nil)
    }

    @Test func signatureIsTheLastDateLineWithItsOffice() {
        let block = SignatureBlock.find(in: ["无其他需要报告的事项", "遂宁经济技术开发区党政办公室", "2020年1月20日", "扫一扫在手机打开当前页"])
        #expect(block?.office == "遂宁经济技术开发区党政办公室")
        #expect(block?.date == Self.day(2020, 1, 20))
        // "无其他需要报告的事项" right above the date is no office.
        let bare = SignatureBlock.find(in: ["无其他需要报告的事项", "2020年1月20日"])
        #expect(bare?.office == nil)
        #expect(SignatureBlock.find(in: ["2017年,我区共受理申请12件。", "无其他需要报告的事项"]) == nil)
    }
}
