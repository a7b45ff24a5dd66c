import NianbaoCore
import Testing

@testable import Extract

/// Builds a section 三 table in the whole-row-per-line layout (L4) with some rows replaced.
enum ApplicationsText {
    static let labels: [(String, String)] = [
        ("new_received", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量"),
        ("granted", "三、本年度办理结果 | (一)予以公开"), ("partial", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"),
        ("denied.state_secret", "(三)不予公开 | 1.属于国家秘密"), ("denied.law_forbidden", "2.其他法律行政法规禁止公开"),
        ("denied.three_security_one_stability", "3.危及\"三安全一稳定\""), ("denied.third_party_rights", "4.保护第三方合法权益"),
        ("denied.internal_affairs", "5.属于三类内容事务信息"), ("denied.process_info", "6.属于四类过程性信息"),
        ("denied.law_enforcement_file", "7.属于行政执法案卷"), ("denied.admin_query", "8.属于行政查询事项"),
        ("unable.not_held", "(四)无法提供 | 1.本机关不掌握相关政府信息"), ("unable.needs_creation", "2.没有现成信息需要另行制作"),
        ("unable.unclear_after_correction", "3.补正后申请内容仍不明确"),
        ("not_processed.petition_complaint", "(五)不予处理 | 1.信访举报投诉类申请"), ("not_processed.duplicate", "2.重复申请"),
        ("not_processed.publication", "3.要求提供公开出版物"), ("not_processed.excessive", "4.无正当理由大量反复申请"),
        ("not_processed.confirm_reissue", "5.要求行政机关确认或重新出具已获取信息"), ("other", "(六)其他处理"),
        ("total", "(七)合计"), ("carried_forward", "四、结转下年度继续办理"),
    ]

    /// Rows not given in `values` are all zeros; a value string is the cell part after the label.
    static func make(_ values: [String: String]) -> String {
        var lines = ["三、收到和处理政府信息公开申请情况", "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | ||||||||",
            "自然人 | 法人或者其他组织 | 总计 | |||||||", "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||"]
        for (code, label) in labels {
            lines.append("\(label) | \(values[code] ?? "0 | 0 | 0 | 0 | 0 | 0 | 0") | ||")
        }
        lines.append("四、政府信息公开行政复议、行政诉讼情况")
        return lines.joined(separator: "\n")
    }
}

@Suite("Tables: run-together and split cells (issue 3)")
struct TablesRunTogetherTests {
    /// new_received = 11 natural persons + 1 other organisation = 12, as are the granted and total rows.
    static let elevenAndOne = "11 | 0 | 0 | 0 | 0 | 1 | 12"
    static let base = ["new_received": elevenAndOne, "granted": elevenAndOne, "total": elevenAndOne]

    @Test func runIsSplitTheOnlyWayA4Allows() {
        // Issue text: "640020470" = 64|0|0|2|0|4|70 (64+0+0+2+0+4 = 70; the last cell must be 0, 70 or 470,
        // and only 70 is reachable as a sum of the six cells before it).
        let e = SeedSupport.extract(ApplicationsText.make(["new_received": "640020470"]))
        #expect(e.row(.applications, "new_received") == ["64", "0", "0", "2", "0", "4", "70"])
        #expect(e.ruleIDs() == ["run_together_split"])
        #expect(e.findings.rejects.first?.rowCode == "new_received")
        #expect(e.findings.rejects.first?.severity == .warning)
    }

    @Test func runWithSeveralA4SplitsIsDecidedByColumnIdentities() {
        // "110000112" fits A4 as 11|0|0|0|0|1|12 and as 1|10|0|0|0|1|12; A1 (new + carried over = total +
        // carried forward) with total row 11|…|12 leaves only the first.
        var rows = Self.base
        rows["new_received"] = "110000112"
        let e = SeedSupport.extract(ApplicationsText.make(rows))
        #expect(e.row(.applications, "new_received") == ["11", "0", "0", "0", "0", "1", "12"])
        #expect(e.ruleIDs() == ["run_together_split"])
    }

    @Test func twoAmbiguousRunsAreRejectedNotGuessed() {
        var rows = Self.base
        rows["new_received"] = "110000112"
        rows["total"] = "110000112"
        let e = SeedSupport.extract(ApplicationsText.make(rows))
        #expect(e.row(.applications, "new_received") == ["", "", "", "", "", "", ""])
        #expect(e.row(.applications, "total") == ["", "", "", "", "", "", ""])
        #expect(e.ruleIDs() == ["run_together_ambiguous", "run_together_ambiguous"])
        #expect(e.findings.rejects.allSatisfy { $0.severity == .error && $0.actual == "110000112" })
    }

    @Test func runWithNoValidSplitIsRejected() {
        // "1234567" can only be 1|2|3|4|5|6|7, and 1+2+3+4+5+6 = 21 ≠ 7.
        let e = SeedSupport.extract(ApplicationsText.make(["partial": "1234567"]))
        #expect(e.row(.applications, "partial") == ["", "", "", "", "", "", ""])
        #expect(e.ruleIDs() == ["run_together_ambiguous"])
    }

    @Test func numberSplitOverTwoCellsIsJoinedWhenA4Decides() {
        // "1 | 2 | 0 | 0 | 0 | 0 | 0 | 12": joining 1|2 gives 12+0+…+0 = 12; joining 2|0 gives 1+20 = 21 ≠ 12;
        // "00" and "012" are not numbers a table prints.
        let e = SeedSupport.extract(ApplicationsText.make(["granted": "1 | 2 | 0 | 0 | 0 | 0 | 0 | 12"]))
        #expect(e.row(.applications, "granted") == ["12", "0", "0", "0", "0", "0", "12"])
        #expect(e.ruleIDs() == ["split_cells_merged"])
    }

    @Test func appealsRunIsSplitByR1ToR3() {
        // Seed 002's row run together: group one must be 5|0|5|3|13 (5+0+5+3 = 13; "5|0|5|3|1" fails R1),
        // which leaves ten single digits.
        let text = """
            四、政府信息公开行政复议、行政诉讼情况
            行政复议 | 行政诉讼
            结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
            结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
            5053130003300000
            五、存在的主要问题及改进情况
            """
        let e = SeedSupport.extract(text)
        SeedTables.expectAppeals(e, SeedTables.appeals002)
        #expect(e.ruleIDs() == ["run_together_split"])
        #expect(e.line(.appeals, "review", "total") == 5)
    }

    @Test func activeRunHasNoIdentityAndIsRejected() {
        let text = """
            二、主动公开政府信息情况
            第二十条第(一)项 | |||
            信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
            规章 | 000 |
            行政规范性文件 | 2 | 1 | 22 |
            """
        let e = SeedSupport.extract(text)
        #expect(e.table(.activeDisclosure)?.cells.map(\.raw) == ["", "", "", "2", "1", "22"])
        #expect(e.ruleIDs().filter { $0 != "table_incomplete" } == ["run_together_ambiguous"])
    }

    @Test func splitterEnumeratesEverySplitWithoutLeadingZeros() {
        let digits = Array("1001".unicodeScalars)
        let all = DigitRunSplitter.splits([digits], into: 3, identity: .none).candidates
        // "1|0|01" and "10|0|1"… by hand: 1|0|01 ✗ (leading zero), 10|0|1 ✓, 1|00|1 ✗, 100|1 needs 2 cells.
        #expect(all == [["10", "0", "1"]])
    }
}

@Suite("Tables: row rules fire on broken input and stay silent otherwise")
struct TablesRowRuleTests {
    @Test func spaceSeparatedRowWithDroppedBlanksIsAmbiguous() {
        // L7: "2.重复申请 5 5" — five blanks were dropped; only the total, printed last, has a known column.
        let text = ApplicationsText.make([:]).replacingOccurrences(of: "2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||", with: "2.重复申请   5   5")
        let e = SeedSupport.extract(text)
        #expect(e.row(.applications, "not_processed.duplicate") == ["", "", "", "", "", "", "5"])
        #expect(e.ruleIDs() == ["ambiguous_columns"])
    }

    @Test func blankTotalBeforePaddingIsKept() {
        // "(一)予以公开 | 19 | 1 | 0 | 0 | 0 | 0 |  |": the blank total is the last cell, not span padding.
        let e = SeedSupport.extract(ApplicationsText.make(["granted": "19 | 1 | 0 | 0 | 0 | 0 | "]))
        #expect(e.row(.applications, "granted") == ["19", "1", "0", "0", "0", "0", ""])
        #expect(e.findings.rejects.isEmpty)
    }

    @Test func extraCellsOnOneLineKeepTheLastAndWarn() {
        let text = """
            二、主动公开政府信息情况
            第二十条第(五)项 | |||
            信息内容 | 本年处理决定数量 | ||
            行政许可 | 5 | 7 | ||
            """
        let e = SeedSupport.extract(text)
        #expect(e.raw(.activeDisclosure, "licensing", "decisions") == "7")
        #expect(e.ruleIDs().contains("extra_cells"))
    }

    @Test func colspanCopiesOfOneValueAreNotExtraCells() {
        let text = """
            二、主动公开政府信息情况
            第二十条第(五)项 | 第二十条第(五)项 | 第二十条第(五)项 | 第二十条第(五)项
            信息内容 | 本年处理决定数量 | 本年处理决定数量 | 本年处理决定数量
            行政许可 | 558794 | 558794 | 558794
            """
        let e = SeedSupport.extract(text)
        #expect(e.raw(.activeDisclosure, "licensing", "decisions") == "558794")
        #expect(!e.ruleIDs().contains("extra_cells"))
    }

    @Test func missingRowsMakeTheTableIncomplete() {
        let text = ApplicationsText.make([:]).replacingOccurrences(of: "2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n", with: "")
        let e = SeedSupport.extract(text)
        #expect(e.table(.applications)?.cells.count == 22 * 7)
        #expect(e.ruleIDs() == ["table_incomplete"])
        #expect(e.findings.rejects.first?.message.contains("not_processed.duplicate") == true)
    }

    @Test func completeTableIsSilent() {
        let e = SeedSupport.extract(ApplicationsText.make(TablesRunTogetherTests.base))
        #expect(e.findings.rejects.isEmpty)
        #expect(e.row(.applications, "total") == ["11", "0", "0", "0", "0", "1", "12"])
        // "(七)合计", "法人或者其他组织", "内容事务", straight quotes: all variants of report-formats §4.2.
        #expect(e.table(.applications)?.cells.count == 23 * 7)
    }
}
