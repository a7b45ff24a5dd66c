import NianbaoCore

/// Decides the template generation of a document (report-formats §1.2): rules in order, tables first.
enum TemplateDetector {
    private static func words(_ list: [String]) -> [[Unicode.Scalar]] { list.map { Array($0.unicodeScalars) } }

    static let vocabulary2021 = words(["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"])
    static let vocabulary2019 = words([
        "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "其他对外管理服务事项", "第二十条第(九)项",
        "政府集中采购", "采购项目数量",
    ])
    static let applicationVocabulary = words(["本年新收政府信息公开申请数量", "三安全一稳定", "本机关不掌握相关政府信息", "结转下年度继续办理"])
    static let oldVocabulary = words([
        "同意公开", "同意部分公开", "不同意公开", "信息不存在", "非本机关", "非本部门掌握", "申请内容不明确", "收费及减免", "概述",
        "需要说明的事项与附表",
    ])

    static let notice2021 = words(["〔2021〕30号", "[2021]30号", "(2021)30号"])
    static let notice2019 = words(["〔2019〕60号", "[2019]60号", "(2019)60号"])
    static let regulation2007 = words(["第492号"])
    static let regulation2019 = words(["第711号"])

    /// Every list the rules look for, searched in one pass; `Lists` holds each list's bits.
    private static let keywords = KeywordSet(
        vocabulary2021 + vocabulary2019 + applicationVocabulary + notice2021 + notice2019 + oldVocabulary + regulation2007
            + regulation2019)
    private struct Lists {
        var v2021: UInt64 = 0, v2019: UInt64 = 0, application: UInt64 = 0, notice2021: UInt64 = 0, notice2019: UInt64 = 0
        var old: UInt64 = 0, r2007: UInt64 = 0, r2019: UInt64 = 0
    }
    private static let lists: Lists = {
        var next = 0
        func bits(_ list: [[Unicode.Scalar]]) -> UInt64 {
            defer { next += list.count }
            return list.isEmpty ? 0 : ((~0 as UInt64) >> UInt64(64 - list.count)) << UInt64(next)
        }
        var l = Lists()
        l.v2021 = bits(vocabulary2021)
        l.v2019 = bits(vocabulary2019)
        l.application = bits(applicationVocabulary)
        l.notice2021 = bits(notice2021)
        l.notice2019 = bits(notice2019)
        l.old = bits(oldVocabulary)
        l.r2007 = bits(regulation2007)
        l.r2019 = bits(regulation2019)
        return l
    }()

    static func detect(_ text: CleanText, tables: [ExtractedTable], reportYear: Int?) -> Template {
        let active = tables.first { $0.name == .activeDisclosure }?.template
        let applications = tables.first { $0.name == .applications }?.template
        // Searched only when a rule needs the text: most template reports are decided by their tables.
        var present: UInt64?
        func mentions(_ list: UInt64) -> Bool {
            let found = present ?? keywordsPresent(in: text.lines)
            present = found
            return found & list != 0
        }
        let l = lists
        // Rules 1–2: active-disclosure columns, from the table or, failing that, the text.
        let activeShape = active ?? (mentions(l.v2021) ? .t2021 : mentions(l.v2019) ? .t2019 : nil)
        if let activeShape {
            if let applications, applications != activeShape { return .hybrid }
            return activeShape
        }
        let year = reportYear ?? yearFromTitle(text.lines)
        // Rule 3: application table without active columns.
        if let applications {
            // Some template tables in a 2019–2020 report without its section 二 table: a hybrid.
            if applications == .t2019, let year, (2019...2020).contains(year) { return .hybrid }
            if applications == .t2021 { return .t2021 }
            if let year { return year >= 2021 ? .t2021 : .t2019 }
            return applications
        }
        if mentions(l.application) {
            if let year { return year >= 2021 ? .t2021 : .t2019 }
        }
        // Rule 4: the notice the report cites.
        if mentions(l.notice2021) { return .t2021 }
        if mentions(l.notice2019) { return .t2019 }
        // Rule 5: pre-2019 vocabulary, or the 2007 regulation cited without its 2019 revision.
        if mentions(l.old) || mentions(l.r2007) && !mentions(l.r2019) { return .pre2019 }
        // Rule 6: the year.
        guard let year else { return .unknown }
        if year <= 2018 { return .pre2019 }
        return year <= 2020 ? .t2019 : .t2021
    }

    /// The bits of `keywords` found in the lines, each compacted into one scratch buffer and searched while its
    /// scalars are still in cache (no keyword spans two lines).
    private static func keywordsPresent(in lines: [TextLine]) -> UInt64 {
        var longest = 0
        for line in lines { longest = max(longest, line.text.utf8.count) }
        var scratch = [Unicode.Scalar](repeating: "\0", count: longest)
        let keywords = self.keywords
        return scratch.withUnsafeMutableBufferPointer { scratch in
            var found: UInt64 = 0
            for line in lines {
                let n = line.text.withUTF8Bytes { LabelText.writeCompact($0, to: scratch, at: 0) }
                found |= keywords.present(in: UnsafeBufferPointer(rebasing: scratch[0..<n]), wanted: ~found)
            }
            return found
        }
    }

    /// "2015年度…报告" in the first lines, for when metadata has no year.
    static func yearFromTitle(_ lines: [TextLine]) -> Int? {
        for line in lines.prefix(6) where line.text.contains("报告") || line.text.contains("年报") {
            let scalars = Array(line.text.unicodeScalars)
            var i = 0
            while i + 4 < scalars.count {
                if scalars[i..<i + 4].allSatisfy(LabelText.isDigit), scalars[i + 4] == "年",
                    i == 0 || !LabelText.isDigit(scalars[i - 1]),
                    let year = Int(String(String.UnicodeScalarView(scalars[i..<i + 4]))), (2007...2099).contains(year)
                {
                    return year
                }
                i += 1
            }
        }
        return nil
    }
}
