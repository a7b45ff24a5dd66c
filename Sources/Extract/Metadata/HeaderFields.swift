import NianbaoCore

/// Page fields above the report text: "发布日期:2022-02-18 15:15 文章来源:江夏区行政审批局", "发布时间:2016-01-28  来源:".
enum HeaderFields {
    /// Labels of the publication date, most specific first (report-formats §6).
    static let dateLabels: Set<String> = [
        "发布日期", "发布时间", "发文日期", "成文日期", "生成日期", "公文生成日期", "日期", "时间", "发表日期", "发表时间",
        "公开日期", "发稿时间", "印发日期",
    ]
    static let unitLabels: Set<String> = ["来源", "文章来源", "信息来源", "稿件来源", "发布机构", "发布单位", "发布部门", "来源单位"]
    /// Labels that can follow a value without a space, longest first.
    private static let gluedLabels = (dateLabels.union(unitLabels)).filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    /// Values of a 来源 field that name the website, not a body.
    private static let nonUnits: Set<String> = ["本站", "本网", "原创", "本站原创", "网站", "本网站"]

    struct Field {
        var label: String
        /// Index just after the colon.
        var valueStart: Int
    }

    /// Every "label:" in a line, where the label is the run of Han characters right before the colon.
    static func fields(_ s: [Unicode.Scalar]) -> [Field] {
        var found: [Field] = []
        for (index, scalar) in s.enumerated() where scalar == ":" || scalar == "：" {
            var start = index
            while start > 0, ScalarText.isHan(s[start - 1]), index - start < 12 { start -= 1 }
            guard start < index else { continue }
            found.append(Field(label: ScalarText.string(s[start..<index]), valueStart: index + 1))
        }
        return found
    }

    /// Specific labels also count at the end of a longer Han run ("…审批局发布日期:" when a space was lost);
    /// the bare 日期/时间 only on their own, or "截止日期" would count.
    static func isDateLabel(_ label: String) -> Bool {
        if dateLabels.contains(label) { return true }
        let plain = ScalarText.isPlain(label)
        return longDateLabels.contains { ScalarText.hasSuffix(label, $0, textIsPlain: plain) }
    }
    private static let longDateLabels = dateLabels.filter { $0.unicodeScalars.count >= 4 }

    static func publishedDate(in s: [Unicode.Scalar], fields: [Field]) -> ChineseDate? {
        for field in fields where isDateLabel(field.label) {
            var i = field.valueStart
            while i < s.count, ScalarText.isSpace(s[i]) { i += 1 }
            if let (date, _) = ChineseDate.parse(s, at: i) { return date }
        }
        return nil
    }

    /// The value of a 来源/发布机构 field up to the next space, or nil when empty or the website itself.
    static func publishingUnit(in s: [Unicode.Scalar], fields: [Field]) -> String? {
        for field in fields where unitLabels.contains(field.label) {
            var i = field.valueStart
            while i < s.count, ScalarText.isSpace(s[i]) { i += 1 }
            let start = i
            while i < s.count, !ScalarText.isSpace(s[i]), s[i] != "|", s[i] != ":", s[i] != "：" { i += 1 }
            var value = ScalarText.string(ScalarText.trimmed(s[start..<i], also: [",", ";", "。"]))
            if i < s.count, s[i] == ":" || s[i] == "：", let glued = gluedLabels.first(where: { value.hasSuffix($0) }) {
                // "江夏区行政审批局发布日期:…" lost the space before the next field.
                value = String(value.dropLast(glued.count))
            }
            if !value.isEmpty, !nonUnits.contains(value) { return value }
        }
        return nil
    }
}
