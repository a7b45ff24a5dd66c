import NianbaoCore
import Testing

@testable import Extract

@Suite("HTML to lines (report-formats §4.3 L1)")
struct HTMLTextTests {
    @Test func detection() {
        #expect(HTMLText.looksLikeHTML("<!DOCTYPE html><html><body>年度报告</body></html>"))
        #expect(HTMLText.looksLikeHTML("<TABLE><TR><TD>1</TD></TR></TABLE>"))
        #expect(!HTMLText.looksLikeHTML("| 规章 |\n0 |\n"))
        #expect(!HTMLText.looksLikeHTML("2019年 a<b 的情况"))
    }

    @Test func rowspansRepeatAndColspansPad() {
        let html = """
            <html><body>
            <table>
            <tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">(一)予以公开</td><td>2</td></tr>
            <tr><td>(三)不予公开</td><td>1.属于国家秘密</td><td>&nbsp;</td></tr>
            </table>
            </body></html>
            """
        let lines = HTMLText.lines(from: html)
        #expect(lines.map(\.text) == [
            "三、本年度办理结果 | (一)予以公开 |  | 2",
            "三、本年度办理结果 | (三)不予公开 | 1.属于国家秘密 | ",  // &nbsp; alone is a blank cell
        ])
        #expect(lines.map(\.number) == [3, 4])  // the <tr> lines
    }

    /// Regression (synthetic archive): a 2019 two-value row whose last value spans the spare column was read as
    /// three values ("8 | 231万元 | 231万元") and the extractor kept the wrong two.
    @Test func aColumnSpannedValueIsWrittenOnce() {
        let html = """
            <table>
            <tr><td>政府集中采购</td><td>8</td><td colspan="2">231万元</td></tr>
            <tr><td>行政事业性收费</td><td>4</td><td colspan="2">-2</td></tr>
            </table>
            """
        #expect(HTMLText.lines(from: html).map(\.text) == ["政府集中采购 | 8 | 231万元 | ", "行政事业性收费 | 4 | -2 | "])
    }

    @Test func blocksBreaksScriptsAndCellMarkup() {
        let html = """
            <html><head><title>年报</title><script>var a = "<p>不要</p>";</script><style>p{}</style></head>
            <body><p>一、总体情况</p><div>第一行<br/>第二行</div>
            <table><tr><td><p>本年新</p><p>制作数量</p></td><td>自然<br>人</td></tr></table>
            </body></html>
            """
        let lines = HTMLText.lines(from: html)
        #expect(lines.map(\.text) == ["年报", "一、总体情况", "第一行", "第二行", "本年新 制作数量 | 自然 人"])
        #expect(lines.last?.number == 3)
    }

    @Test func brokenMarkupNeverCrashes() {
        let samples = ["<table><tr><td rowspan=99999 colspan=99999>x", "<td colspan=\"-3\">1</td>", "<html>", "<", "<table></table>"]
        for sample in samples { _ = HTMLText.lines(from: sample) }
        #expect(HTMLText.lines(from: "<table><tr><td rowspan=99999 colspan=99999>x").count == 1)
    }
}
