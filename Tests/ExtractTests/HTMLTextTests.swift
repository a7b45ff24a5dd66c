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
        // A marker after other "<"s is found; only the first 4 KB are read, and a marker cut by that edge is not one.
        #expect(HTMLText.looksLikeHTML("a<b, c < d <<TaBlE>"))
        let filler = String(repeating: "报", count: 1360)  // 4,080 bytes
        #expect(HTMLText.looksLikeHTML(filler + "<table>"))
        #expect(HTMLText.looksLikeHTML(filler + "1234567890<table>"))  // "<table" ends on byte 4,096
        #expect(!HTMLText.looksLikeHTML(filler + "12345678901<table>"))
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

/// What libxml2's tree made of a page, which the event walk must give line for line: text nodes end at every
/// element, comment and processing instruction (not at entities), a text line is numbered where its first
/// text node was first reported, and markup after `</html>` joins the page only when nothing precedes the root.
@Suite("HTML to lines: libxml2 tree semantics (issue 8)")
struct HTMLTreeSemanticsTests {
    private func lines(_ html: String) -> [String] { HTMLText.lines(from: html).map { "\($0.number): \($0.text)" } }

    @Test func aTextLineIsNumberedWhereItsFirstNodeWasReported() {
        // The parser reports text when it reaches "<" or "&", so a node that spans lines is numbered by its end,
        // and one cut by an entity by the entity's line.
        #expect(lines("<html><body><p>\n\n第一段\n</p><p>\n甲&amp;\n乙</p></body></html>") == ["4: 第一段", "5: 甲& 乙"])
    }

    @Test func commentsAndInstructionsEndTextNodesEntitiesDoNot() {
        // A blank node is a space, never a line start: after a comment the blank node is its own node.
        #expect(lines("<p>甲<!-- x -->\n乙&nbsp;丙<?php x ?>丁</p>") == ["1: 甲 乙\u{00A0}丙丁"])
        #expect(lines("<div>\n<!-- x -->\n\n甲</div>") == ["4: 甲"])
    }

    @Test func scriptAndStyleNeverReachTheLines() {
        #expect(lines("<div>甲<script>if (a < b) { document.write('<p>乙</p>') }</script>丙<style>p{}</style></div>") == ["1: 甲丙"])
    }

    @Test func contentAfterTheRootJoinsOnlyWhenTheRootComesFirst() {
        #expect(lines("<html><body><p>甲</p></body></html>\n<p>乙</p>") == ["1: 甲", "2: 乙"])
        #expect(lines("<!DOCTYPE html><html><body><p>甲</p></body></html>\n<p>乙</p>") == ["1: 甲"])
        #expect(lines("<!-- saved --><html><body><p>甲</p></body></html><p>乙</p>") == ["1: 甲"])
    }

    @Test func tablesKeepOnlyRowsAndCellsOfTheirOwn() {
        let html = """
            <table><caption>表一</caption>甲
            <tr>乙<td>1<table><tr><td>内</td><td>表</td></tr></table></td><th rowspan="x2">2</th><script>3</script></tr>
            <tbody><tr><td colspan=2>合计<br>数</td></tr></tbody><div><tr><td>丢</td></tr></div>
            </table>
            """
        #expect(lines(html) == ["2: 1 内 表 | 2", "3: 合计 数 | "])
    }

    @Test func unclosedAndMisnestedMarkupFollowsTheParser() {
        #expect(lines("<table><tr><td>1<td>2<tr><td>3</table>后") == ["1: 1 | 2", "1: 3", "1: 后"])
        // <div> closes the open <p>, so the later </p> closes nothing.
        #expect(lines("<p>甲<div>乙</p>丙</div>丁") == ["1: 甲", "1: 乙丙", "1: 丁"])
    }
}
