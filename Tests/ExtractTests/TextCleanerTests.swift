import NianbaoCore
import Testing

@testable import Extract

@Suite("Text clean-up (report-formats §4.1)")
struct TextCleanerTests {
    @Test func pinyinGlossesAreRemovedButOrdinalsStay() {
        // seed 002 line 1: "2021年江夏區(qū)政府信息公開工作年度報(bào)告"
        #expect(TextCleaner.removePinyinGlosses("江夏區(qū)政府年度報(bào)告") == "江夏區政府年度報告")
        #expect(TextCleaner.removePinyinGlosses("政(zheng)(zheng)府(fu)(fu)") == "政府")
        #expect(TextCleaner.removePinyinGlosses("(一)予以公开 (1) (本列数据) 國(GB)") == "(一)予以公开 (1) (本列数据) 國(GB)")
    }

    @Test func questionMarkDebrisAroundNumbersIsDropped() {
        // seed 002: "規章 | 0 | ? ? 0 | ?0 |" and "????? 22"
        #expect(TextCleaner.removeQuestionMarkDebris("規章 | 0 | ? ? 0 | ?0 |") == "規章 | 0 |   0 | 0 |")
        #expect(TextCleaner.removeQuestionMarkDebris("????? 22") == " 22")
        // A lost character between Han characters stays for fuzzy matching.
        #expect(TextCleaner.removeQuestionMarkDebris("請?zhí)峁") == "請?zhí)峁")
    }

    @Test func fullWidthFormsBecomeASCII() {
        #expect(TextCleaner.cleanLine("（一）予以公开　１２") == "(一)予以公开 12")
    }

    @Test func traditionalDocumentIsConvertedWithLinesKept() {
        let lines = [
            TextLine(number: 1, text: "首頁 > 專欄設置 > 政府網站年度工作報表 |"),
            TextLine(number: 2, text: "2021年江夏區(qū)政府信息公開工作年度報(bào)告"),
            TextLine(number: 5, text: "(七)總計(jì) | 156 | 2 | 0 | 0 | 2 | 0 | 160 | ||"),
        ]
        let text = TextCleaner().clean(lines)
        #expect(text.script == .traditional)
        #expect(text.lines.map(\.number) == [2, 5])
        #expect(text.lines[0].text == "2021年江夏区政府信息公开工作年度报告")
        #expect(text.lines[1].text == "(七)总计 | 156 | 2 | 0 | 0 | 2 | 0 | 160 | ||")
    }

    @Test func simplifiedDocumentIsLeftAlone() {
        let text = TextCleaner().clean([TextLine(number: 1, text: "遂宁经济技术开发区管理委员会政府信息公开工作年度报告")])
        #expect(text.script == .simplified)
        #expect(text.lines[0].text == "遂宁经济技术开发区管理委员会政府信息公开工作年度报告")
    }

    @Test func weatherAndBreadcrumbLinesAreBoilerplate() {
        // seed 003 lines 1-2
        #expect(TextCleaner.isBoilerplate("铁山 27℃~21℃ | 空气质量: 优"))
        #expect(TextCleaner.isBoilerplate("当前位置:首页 > 政务公开 > 公开年报"))
        #expect(!TextCleaner.isBoilerplate("2015年度铁山区政府信息公开工作报告"))
    }
}
