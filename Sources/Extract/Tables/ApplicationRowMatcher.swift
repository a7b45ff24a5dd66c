import NianbaoCore

/// Recognises the row and group labels of the section 三 table (report-formats §2.3, §4.2): keyword first,
/// because ordinals ("1.", "2.") repeat in every group; the ordinal and the current group only when no
/// keyword survived (garbled labels).
enum ApplicationRowMatcher {
    /// The groups whose sub-rows share ordinals.
    enum Group: Sendable { case results, denied, unable, notProcessed, other }

    struct Entry {
        var keywords: [[Unicode.Scalar]]
        var row: String?
        var group: Group?
        /// Only inside a group (the header also has a "总计" column, and "其他" is an organisation column).
        var needsGroup: Bool = false
    }

    private static func k(_ words: String...) -> [[Unicode.Scalar]] { words.map { Array($0.unicodeScalars) } }

    static let entries: [Entry] = [
        Entry(keywords: k("本年新收", "新收政府信息", "新收申请"), row: "new_received"),
        Entry(keywords: k("上年结转"), row: "carried_over"),
        Entry(keywords: k("本年度办理结果", "办理结果"), group: .results),
        Entry(keywords: k("予以公开"), row: "granted", group: .results),
        Entry(keywords: k("部分公开"), row: "partial", group: .results),
        Entry(keywords: k("不予公开"), group: .denied),
        Entry(keywords: k("国家秘密"), row: "denied.state_secret", group: .denied),
        Entry(keywords: k("禁止公开", "其他法律行政法规"), row: "denied.law_forbidden", group: .denied),
        Entry(keywords: k("三安全", "一稳定", "危及"), row: "denied.three_security_one_stability", group: .denied),
        Entry(keywords: k("第三方"), row: "denied.third_party_rights", group: .denied),
        Entry(keywords: k("内部事务", "内容事务", "三类内部"), row: "denied.internal_affairs", group: .denied),
        Entry(keywords: k("过程性"), row: "denied.process_info", group: .denied),
        Entry(keywords: k("执法案卷"), row: "denied.law_enforcement_file", group: .denied),
        Entry(keywords: k("行政查询"), row: "denied.admin_query", group: .denied),
        Entry(keywords: k("无法提供"), group: .unable),
        Entry(keywords: k("不掌握"), row: "unable.not_held", group: .unable),
        Entry(keywords: k("另行制作", "没有现成"), row: "unable.needs_creation", group: .unable),
        Entry(keywords: k("仍不明确", "补正后"), row: "unable.unclear_after_correction", group: .unable),
        Entry(keywords: k("不予处理"), group: .notProcessed),
        Entry(keywords: k("信访", "举报投诉"), row: "not_processed.petition_complaint", group: .notProcessed),
        Entry(keywords: k("重复申请"), row: "not_processed.duplicate", group: .notProcessed),
        Entry(keywords: k("出版物"), row: "not_processed.publication", group: .notProcessed),
        Entry(keywords: k("大量反复"), row: "not_processed.excessive", group: .notProcessed),
        Entry(keywords: k("重新出具", "确认或"), row: "not_processed.confirm_reissue", group: .notProcessed),
        Entry(keywords: k("其他处理"), row: "other", group: .other),
        Entry(keywords: k("逾期不补正", "不补正"), row: "other.correction_overdue", group: .other),
        Entry(keywords: k("缴纳费用", "收费通知"), row: "other.fee_unpaid", group: .other),
        Entry(keywords: k("总计", "合计"), row: "total", group: .results, needsGroup: true),
        Entry(keywords: k("结转下年", "下年度继续", "继续办理"), row: "carried_forward"),
    ]

    /// Row codes in template order; rows are passed around by their index here, not by their code.
    static let rowCodes = Codes.applicationRows.map(\.code)

    /// The index of a row code in `rowCodes`.
    static func rowIndex(_ code: String?) -> Int? { code.flatMap { rowCodes.firstIndex(of: $0) } }

    /// `rowIndex` of each entry's row.
    private static let entryRows = entries.map { rowIndex($0.row) }

    struct Match {
        /// Index of the row in `rowCodes`.
        var rowIndex: Int?
        var group: Group?
        /// Where the match ends in the label buffer; later matches win.
        var end: Int

        var row: String? { rowIndex.map { ApplicationRowMatcher.rowCodes[$0] } }
    }

    /// Longest label that is still a table cell; longer text is narrative and never starts a row.
    static let maxLabelLength = 60

    /// Every keyword of `entries` in order, with its entry, and a filter on keywords' last scalars.
    private struct Keywords {
        var words: [[Unicode.Scalar]] = []
        var entry: [Int] = []
        var needsGroup: [Bool] = []
        /// Hash of a keyword's last two scalars → the keywords (the first 64, of two scalars or more) that end so.
        var lastPairs = [UInt64](repeating: 0, count: 1024)
        /// Bucket of a keyword's last scalar → the keywords (the first 64) that end with it.
        var lastScalars = [UInt64](repeating: 0, count: 256)
        /// Keywords of one scalar.
        var singles: UInt64 = 0
        /// Keywords a "?" may stand in (longer than two scalars).
        var wildcardable: UInt64 = 0

        init() {
            for (e, item) in entries.enumerated() {
                for word in item.keywords where !word.isEmpty {
                    let k = words.count
                    words.append(word)
                    entry.append(e)
                    needsGroup.append(item.needsGroup)
                    guard k < 64, let last = word.last else { continue }
                    let bit: UInt64 = 1 << UInt64(k)
                    lastScalars[KeywordSet.key(last)] |= bit
                    if word.count == 1 { singles |= bit } else { lastPairs[KeywordSet.key(word[word.count - 2], last)] |= bit }
                    if word.count > 2 { wildcardable |= bit }
                }
            }
        }
    }
    private static let keywords = Keywords()

    /// Matches whose keyword ends inside the newest label (the last `newCount` scalars of `buffer`),
    /// in order of their end.
    static func matches(in buffer: [Unicode.Scalar], newCount: Int, group: Group?) -> [Match] {
        var found: [Match] = []
        let newStart = buffer.count - newCount
        let keywords = self.keywords
        let entries = self.entries
        let entryRows = self.entryRows
        // A match ends inside the newest label on the keyword's last two scalars (one may be a "?"): keywords
        // that end on no pair of the label cannot match, and are nearly all of them.
        var candidates: UInt64 = 0
        for i in max(0, newStart)..<buffer.count {
            let c = buffer[i]
            candidates |= keywords.lastScalars[KeywordSet.key(c)] & keywords.singles
            if i > 0 {
                let p = buffer[i - 1]
                candidates |= keywords.lastPairs[KeywordSet.key(p, c)]
                if p == "?" { candidates |= keywords.lastScalars[KeywordSet.key(c)] & keywords.wildcardable }
            }
            if c == "?" { candidates |= keywords.wildcardable }
        }
        var bestEnd: Int?
        var bestEntry = -1
        var skipTotal: Bool?
        let count = keywords.words.count
        // Candidates in keyword order, so an entry's keywords come together; keywords past the first 64 always.
        var k = -1
        while true {
            if k + 1 < min(64, count) {
                let rest = candidates >> UInt64(k + 1)
                k = rest == 0 ? max(64, k + 1) : k + 1 + rest.trailingZeroBitCount
            } else {
                k = max(64, k + 1)
            }
            guard k < count else { break }
            let e = keywords.entry[k]
            if e != bestEntry {
                if let end = bestEnd { found.append(Match(rowIndex: entryRows[bestEntry], group: entries[bestEntry].group, end: end)) }
                bestEnd = nil
                bestEntry = e
            }
            if keywords.needsGroup[k] && group == nil {
                let skip = skipTotal ?? !startsWithSeven(buffer, from: newStart)
                skipTotal = skip
                if skip { continue }
            }
            if let end = LabelText.lastMatchEnd(buffer, keywords.words[k], endingAfter: newStart) { bestEnd = max(bestEnd ?? 0, end) }
        }
        if let end = bestEnd { found.append(Match(rowIndex: entryRows[bestEntry], group: entries[bestEntry].group, end: end)) }
        if found.isEmpty || group == .other {
            let newest = Array(buffer[newStart...])
            if found.isEmpty, let fallback = ordinalMatch(newest, group: group) {
                found.append(Match(rowIndex: rowIndex(fallback.row), group: fallback.group, end: buffer.count))
            }
            if group == .other, found.allSatisfy({ $0.rowIndex == nil }), isMiscLabel(newest) {
                found.append(Match(rowIndex: miscRow, group: .other, end: buffer.count))
            }
        }
        return found.count > 1 ? found.sorted { $0.end < $1.end } : found
    }

    private static func startsWithSeven(_ buffer: [Unicode.Scalar], from start: Int) -> Bool {
        let label = Array(buffer[start...])
        if let ordinal = LabelText.leadingOrdinal(label), ordinal.kind == .paren, ordinal.value == 7 { return true }
        return false
    }

    /// "3.其他" (2021 sub-row), also as bare "其他" under "(六)其他处理".
    private static func isMiscLabel(_ label: [Unicode.Scalar]) -> Bool {
        var body = label
        if let ordinal = LabelText.leadingOrdinal(label), ordinal.kind == .arabic {
            guard ordinal.value == 3 else { return false }
            body = Array(label.drop { $0 != "." && $0 != "、" && $0 != "," && $0 != ")" }.dropFirst())
        }
        return body == miscLabels.0 || body == miscLabels.1
    }

    private static let miscRow = rowIndex("other.misc")

    private static let miscLabels = (Array("其他".unicodeScalars), Array("其他情形".unicodeScalars))

    private static let subRows: [Group: [String]] = [
        .denied: [
            "denied.state_secret", "denied.law_forbidden", "denied.three_security_one_stability",
            "denied.third_party_rights", "denied.internal_affairs", "denied.process_info",
            "denied.law_enforcement_file", "denied.admin_query",
        ],
        .unable: ["unable.not_held", "unable.needs_creation", "unable.unclear_after_correction"],
        .notProcessed: [
            "not_processed.petition_complaint", "not_processed.duplicate", "not_processed.publication",
            "not_processed.excessive", "not_processed.confirm_reissue",
        ],
        .other: ["other.correction_overdue", "other.fee_unpaid", "other.misc"],
    ]

    /// Ordinal plus group when the keyword was lost: "(三)" opens 不予公开, "2." inside it is law_forbidden.
    private static func ordinalMatch(_ label: [Unicode.Scalar], group: Group?) -> (row: String?, group: Group?)? {
        guard label.count <= maxLabelLength, let ordinal = LabelText.leadingOrdinal(label) else { return nil }
        switch ordinal.kind {
        case .section:
            // A long "三、…" line is a section heading, not the row group "三、本年度办理结果".
            guard label.count <= 24 else { return nil }
            switch ordinal.value {
            case 1: return ("new_received", nil)
            case 2: return ("carried_over", nil)
            case 3: return (nil, .results)
            case 4: return group == nil ? nil : ("carried_forward", nil)
            default: return nil
            }
        case .paren:
            switch ordinal.value {
            case 1: return ("granted", .results)
            case 2: return ("partial", .results)
            case 3: return (nil, .denied)
            case 4: return (nil, .unable)
            case 5: return (nil, .notProcessed)
            case 6: return ("other", .other)
            case 7: return ("total", .results)
            default: return nil
            }
        case .arabic:
            guard let group, let rows = subRows[group], ordinal.value >= 1, ordinal.value <= rows.count else { return nil }
            return (rows[ordinal.value - 1], group)
        }
    }
}
