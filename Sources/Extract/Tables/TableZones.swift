import NianbaoCore

/// Bounds the three template tables in a document (report-formats §1.3, §4.2, §4.5 step 2): section headings
/// with their variants, else table cues. Zones are half-open line-index ranges into `CleanText.lines`.
struct TableZones: Sendable {
    var active: Range<Int>?
    var applications: Range<Int>?
    var appeals: Range<Int>?

    private static func s(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }
    /// Headings are short; a sentence listing the parts of the report is not one.
    static let maxHeadingLength = 48

    init(_ lines: [TextLine]) {
        let compact = lines.map { LabelText.compact($0.text) }
        func heading(_ numeral: Unicode.Scalar, _ any: [String], from start: Int = 0, excluding: [String] = []) -> Int? {
            let words = any.map(Self.s)
            let excluded = excluding.map(Self.s)
            for i in start..<compact.count {
                let c = compact[i]
                guard c.count >= 3, c.count <= Self.maxHeadingLength, c[0] == numeral,
                    c[1] == "、" || c[1] == "." || c[1] == "," || c[1] == " "
                else { continue }
                if words.contains(where: { LabelText.contains(c, $0) }) && !excluded.contains(where: { LabelText.contains(c, $0) }) {
                    return i
                }
            }
            return nil
        }
        func cue(_ any: [String], from start: Int = 0) -> Int? {
            let words = any.map(Self.s)
            guard start < compact.count else { return nil }
            for i in start..<compact.count where words.contains(where: { LabelText.contains(compact[i], $0) }) {
                return i
            }
            return nil
        }

        let activeStart = heading("二", ["主动公开"]) ?? cue(["第二十条"])
        let applicationsStart =
            heading("三", ["申请情况", "申请的情况", "处理政府信息公开申请", "依申请公开"], from: activeStart ?? 0, excluding: ["办理结果"])
            ?? cue(["勾稽关系", "申请人情况", "本年新收"], from: activeStart ?? 0)
        let appealsFrom = applicationsStart ?? activeStart ?? 0
        let appealsStart = heading("四", ["复议", "诉讼"], from: appealsFrom) ?? cue(["结果维持", "尚未审结"], from: appealsFrom)
        let lastStart = appealsStart ?? applicationsStart ?? activeStart ?? 0
        let end = heading("五", ["问题", "改进", "其他"], from: lastStart) ?? heading("六", ["其他"], from: lastStart) ?? compact.count

        // A heading line is not part of its table: "三、…" would read as the ordinal of a row group.
        func body(_ start: Int) -> Int {
            let c = compact[start]
            return c.count >= 2 && LabelText.chineseNumeral(c[0]) != nil && c[1] == "、" ? start + 1 : start
        }
        if let activeStart {
            let activeEnd = applicationsStart ?? appealsStart ?? heading("三", ["申请"], from: activeStart + 1) ?? end
            if activeEnd > body(activeStart) { active = body(activeStart)..<activeEnd }
        }
        if let applicationsStart {
            let applicationsEnd = appealsStart ?? end
            if applicationsEnd > body(applicationsStart) { applications = body(applicationsStart)..<applicationsEnd }
        }
        if let appealsStart {
            let appealsEnd = end > appealsStart ? end : compact.count
            if appealsEnd > body(appealsStart) { appeals = body(appealsStart)..<appealsEnd }
        }
    }
}
