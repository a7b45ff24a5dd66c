import NianbaoCore
import Testing

@testable import Extract

@Suite("Metadata fields (report-formats §6)")
struct MetadataFieldTests {
    static func read(_ lines: [String]) -> ReportMetadata {
        MetadataReader.read(CleanText(lines: lines.enumerated().map { TextLine(number: $0 + 1, text: $1) }, script: .simplified))
    }

    static func clean(_ lines: [String]) -> CleanText {
        CleanText(lines: lines.enumerated().map { TextLine(number: $0 + 1, text: $1) }, script: .simplified)
    }

    @Test func bodyYearDoesNotBecomeTheReportYear() {
        // Seed 000's trap: the body says "2018年" in a 2017 report signed 2018年1月9日.
        let m = Self.read([
            "一、概述",
            "(一)政府网站。2018年,区政府及政府部门、镇、街道办事处主动公开的政府信息主要涉及行政法规。",
            "金台区人民政府办公室",
            "2018年1月9日",
        ])
        #expect(m.reportYear == 2017)
        #expect(m.signedDate == CivilDate(year: 2018, month: 1, day: 9))
    }

    @Test func reportYearPriority() {
        // The statistics sentence beats the title year.
        let stated = Self.read([
            "2018年政府信息公开工作年度报告",
            "本报告数据统计期限为2017年1月1日至2017年12月31日。",
        ])
        #expect(stated.reportYear == 2017)
        // The title year beats the publication year.
        let titled = Self.read(["某某县2015年政府信息公开工作年度报告", "发布日期:2017-03-01"])
        #expect(titled.reportYear == 2015)
        // The opening sentence beats the publication year.
        let opened = Self.read(["发布日期:2019/3/1", "现将本局2017年度政府信息公开工作情况报告如下。"])
        #expect(opened.reportYear == 2017)
        // Only the publication date: its year − 1.
        let published = Self.read(["发布时间:2013/3/1", "一、概述"])
        #expect(published.reportYear == 2012)
        #expect(published.publishedDate == CivilDate(year: 2013, month: 3, day: 1))
    }

    @Test func statisticsSentenceVariants() {
        func year(_ line: String) -> Int? { MetadataReader.statisticsPeriodYear([TextLine(number: 1, text: line)]) }
        #expect(year("本报告中所列数据的统计时限自2017年1月1日至2017年12月31日。") == 2017)
        #expect(year("统计期限从2014年1月1日到12月31日止。") == 2014)
        #expect(year("本报告数据统计期限为2021年1月1日至2021年12月31日") == 2021)
        #expect(year("2018年共报送统计报表12份。") == nil)
    }

    @Test func publishedDateLabels() {
        #expect(Self.read(["日期:2019年03月04日"]).publishedDate == CivilDate(year: 2019, month: 3, day: 4))
        #expect(Self.read(["成文日期: 2016-01-28"]).publishedDate == CivilDate(year: 2016, month: 1, day: 28))
        // An unrelated label with a date is not the publication date.
        #expect(Self.read(["截止日期:2019-03-04"]).publishedDate == nil)
        #expect(Self.read(["会议时间:2019-03-04"]).publishedDate == nil)
        // A lost space glues the previous field's value to the label.
        #expect(Self.read(["来源:江夏区行政审批局发布日期:2022-02-18"]).publishedDate == CivilDate(year: 2022, month: 2, day: 18))
    }

    @Test func publishingUnitFromSourceFields() {
        #expect(Self.read(["发布日期:2022-02-18 15:15 文章来源:江夏区行政审批局"]).publishingUnit == "江夏区行政审批局")
        #expect(Self.read(["发布机构: 某某市统计局  发布时间:2020-01-31"]).publishingUnit == "某某市统计局")
        #expect(Self.read(["发布时间:2016-01-28  来源:"]).publishingUnit == nil)
        #expect(Self.read(["来源:本站"]).publishingUnit == nil)
        #expect(Self.read(["来源:江夏区行政审批局发布日期:2022-02-18"]).publishingUnit == "江夏区行政审批局")
    }

    @Test func agencyFromTitleVariants() {
        #expect(AgencyName.fromTitle("2021年江夏区政府信息公开工作年度报告") == "江夏区人民政府")
        #expect(AgencyName.fromTitle("江夏区2021年政府信息公开工作年度报告") == "江夏区人民政府")
        #expect(AgencyName.fromTitle("某某市人民政府2019年政府信息公开工作年度报告") == "某某市人民政府")
        #expect(AgencyName.fromTitle("某某市人民政府信息公开工作年度报告") == "某某市人民政府")
        #expect(AgencyName.fromTitle("某某市人民政府办公室2019年政府信息公开工作年度报告") == "某某市人民政府办公室")
        #expect(AgencyName.fromTitle("某某市教育局2020年度政务公开工作年度报告") == "某某市教育局")
        #expect(AgencyName.fromTitle("高新技术开发区2019年政府信息公开工作年度报告") == "高新技术开发区")
        #expect(AgencyName.fromTitle("某某街道2019年政府信息公开工作年度报告") == "某某街道办事处")
        #expect(AgencyName.fromTitle("二〇一九年某某县政府信息公开工作年度报告") == "某某县人民政府")
        #expect(AgencyName.fromTitle("2019年政府信息公开工作年度报告") == nil)
    }

    @Test func agencyFromOpeningSentenceWhenTitleIsSilent() {
        let m = Self.read(["现公布威海市文登区政务服务中心2016年政府信息公开工作报告。"])
        #expect(m.agency == "威海市文登区政务服务中心")
        #expect(m.reportYear == 2016)
        // "我区" names nobody.
        let we = Self.read(["现将我区贯彻落实2015年度政府政务信息公开工作情况汇报如下。"])
        #expect(we.agency == nil)
        #expect(we.reportYear == 2015)
        let compiled = Self.read(["本报告由某某县人民政府办公室编制的2018年度政府信息公开工作年度报告。"])
        #expect(compiled.agency == "某某县人民政府办公室")
    }

    @Test func signingOfficeEqualToAgencyIsNotRepeated() {
        let m = Self.read(["某某市统计局2019年政府信息公开工作年度报告", "一、总体情况", "某某市统计局", "2020年1月15日"])
        #expect(m.agency == "某某市统计局")
        #expect(m.signingOffice == nil)
        #expect(m.signedDate == CivilDate(year: 2020, month: 1, day: 15))
    }

    @Test func titleIsAShortLineNotASentence() {
        #expect(TitleFinder.isTitle("2015年度铁山区政府信息公开工作报告"))
        // seed 001 line 9 mentions a report inside a sentence.
        #expect(!TitleFinder.isTitle("完成了2018年政务公开工作年度报告的撰写和公开;完成了政务新媒体统计"))
        #expect(!TitleFinder.isTitle("根据市政府办公室《关于做好2015年政府信息公开年度报告公布》精神"))
    }

    @Test func looksLikeReportRejectsOtherText() {
        let prose = Self.clean([
            "春天来了,山上的花都开了,孩子们在田野里奔跑。",
            "傍晚的时候,村口的老槐树下坐满了乘凉的人。",
        ])
        #expect(!MetadataReader.looksLikeReport(prose))
        let page = Self.clean(["<html><head><title>首页</title></head>", "<body>欢迎访问本站,联系我们,网站地图</body></html>"])
        #expect(!MetadataReader.looksLikeReport(page))
        let untitled = Self.clean([
            "一、主动公开政府信息情况",
            "全年主动公开政府信息1381条。",
            "二、依申请公开政府信息情况",
            "全年共受理依申请公开12件,均已按时答复,公开率100%。",
        ])
        #expect(MetadataReader.looksLikeReport(untitled))
    }
}
