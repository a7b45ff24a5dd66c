import NianbaoCore

/// Bounds the three template tables in a document (report-formats §1.3, §4.2, §4.5 step 2): section headings
/// with their variants, else table cues. Zones are half-open line-index ranges into `CleanText.lines`.
struct TableZones: Sendable {
    var active: Range<Int>?
    var applications: Range<Int>?
    var appeals: Range<Int>?

    /// Headings are short; a sentence listing the parts of the report is not one.
    static let maxHeadingLength = 48

    private static let activeHeading = KeywordSet(["主动公开"])
    private static let activeCue = KeywordSet(["第二十条"])
    private static let applicationsHeading = KeywordSet(["申请情况", "申请的情况", "处理政府信息公开申请", "依申请公开"])
    private static let applicationsHeadingExcluded = KeywordSet(["办理结果"])
    private static let applicationsCue = KeywordSet(["勾稽关系", "申请人情况", "本年新收"])
    private static let appealsHeading = KeywordSet(["复议", "诉讼"])
    private static let appealsCue = KeywordSet(["结果维持", "尚未审结"])
    private static let endHeading5 = KeywordSet(["问题", "改进", "其他"])
    private static let endHeading6 = KeywordSet(["其他"])
    private static let applicationsHeadingLoose = KeywordSet(["申请"])

    init(_ lines: [TextLine]) {
        // Headings are recognised by their first two compact scalars; only the lines those pick, and every line
        // a cue search reads, are compacted in full, each into the same scratch buffer.
        var heads: [(Unicode.Scalar?, Unicode.Scalar?)] = []
        heads.reserveCapacity(lines.count)
        var longest = 0
        for line in lines {
            let text = line.text
            heads.append(text.withUTF8Bytes { LabelText.compactHead($0) })
            longest = max(longest, text.utf8.count)
        }
        var scratch = [Unicode.Scalar](repeating: "\0", count: longest)
        self = scratch.withUnsafeMutableBufferPointer { scratch in
            func compact(_ i: Int) -> UnsafeBufferPointer<Unicode.Scalar> {
                let n = lines[i].text.withUTF8Bytes { LabelText.writeCompact($0, to: scratch, at: 0) }
                return UnsafeBufferPointer(rebasing: scratch[0..<n])
            }
            let count = lines.count
            func heading(_ numeral: Unicode.Scalar, _ any: KeywordSet, from start: Int, excluding: KeywordSet?) -> Int? {
                for i in start..<count {
                    guard heads[i].0 == numeral, let second = heads[i].1,
                        second == "、" || second == "." || second == "," || second == " "
                    else { continue }
                    let c = compact(i)
                    guard c.count >= 3, c.count <= Self.maxHeadingLength else { continue }
                    if any.any(in: c) && !(excluding?.any(in: c) ?? false) { return i }
                }
                return nil
            }
            func cue(_ any: KeywordSet, from start: Int) -> Int? {
                guard start < count else { return nil }
                for i in start..<count where any.any(in: compact(i)) { return i }
                return nil
            }
            func body(_ start: Int) -> Int {
                guard let first = heads[start].0, let second = heads[start].1 else { return start }
                return LabelText.chineseNumeral(first) != nil && second == "、" ? start + 1 : start
            }
            return TableZones(count: count, heading: heading, cue: cue, body: body)
        }
    }

    private init(
        count: Int, heading: (Unicode.Scalar, KeywordSet, Int, KeywordSet?) -> Int?, cue: (KeywordSet, Int) -> Int?,
        body: (Int) -> Int
    ) {
        let activeStart = heading("二", Self.activeHeading, 0, nil) ?? cue(Self.activeCue, 0)
        let applicationsStart =
            heading("三", Self.applicationsHeading, activeStart ?? 0, Self.applicationsHeadingExcluded)
            ?? cue(Self.applicationsCue, activeStart ?? 0)
        let appealsFrom = applicationsStart ?? activeStart ?? 0
        let appealsStart = heading("四", Self.appealsHeading, appealsFrom, nil) ?? cue(Self.appealsCue, appealsFrom)
        let lastStart = appealsStart ?? applicationsStart ?? activeStart ?? 0
        let end = heading("五", Self.endHeading5, lastStart, nil) ?? heading("六", Self.endHeading6, lastStart, nil) ?? count

        // A heading line is not part of its table: "三、…" would read as the ordinal of a row group.
        if let activeStart {
            let activeEnd = applicationsStart ?? appealsStart ?? heading("三", Self.applicationsHeadingLoose, activeStart + 1, nil) ?? end
            if activeEnd > body(activeStart) { active = body(activeStart)..<activeEnd }
        }
        if let applicationsStart {
            let applicationsEnd = appealsStart ?? end
            if applicationsEnd > body(applicationsStart) { applications = body(applicationsStart)..<applicationsEnd }
        }
        if let appealsStart {
            let appealsEnd = end > appealsStart ? end : count
            if appealsEnd > body(appealsStart) { appeals = body(appealsStart)..<appealsEnd }
        }
    }
}
