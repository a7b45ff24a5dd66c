/// Turns the name part of a title or opening sentence into the reporting body's name.
///
/// Rule (documented choice): annual reports are made by people's governments and their departments
/// (Regulations on Open Government Information, art. 49–50), so a bare administrative region in a title
/// ("江夏区2021年政府信息公开…", "2015年度铁山区政府信息公开工作报告") names that region's people's government:
/// `江夏区人民政府`, `铁山区人民政府`. The same reporter then compares equal across years however its titles are
/// worded. Zones (开发区, 新区, 园区 …) are governed by a 管委会 whose name we cannot know, so they stay as written.
enum AgencyName {
    /// Markers that end the name part of a title; the earliest one found wins.
    private static let titleStops: [[Unicode.Scalar]] = ["政府信息公开", "政务信息公开", "政务公开", "信息公开", "年度报告", "工作报告", "年报"]
        .map { Array($0.unicodeScalars) }

    /// Region words whose government is a 人民政府. Longer suffixes first.
    private static let regionSuffixes = ["自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "区", "县", "旗", "盟", "镇", "乡"]
    private static let zoneSuffixes = ["开发区", "新区", "园区", "高新区", "经济区", "试验区", "示范区", "保税区", "合作区", "景区", "管理区", "风景区"]

    /// Last characters of names of government bodies and offices.
    private static let organEndings: Set<Unicode.Scalar> = Set("府室会局心办厅委院所站队处科部馆署社司组镇乡区县市旗盟处".unicodeScalars)

    private static let trimmedMarks: Set<Unicode.Scalar> = ["的", "-", "—"]
    /// "我区", "本局", "全市", "各部门", "该单位" point at a body without naming it.
    private static let deicticFirsts: Set<Unicode.Scalar> = Set("我本全各该".unicodeScalars)
    private static let sentenceMarks: Set<Unicode.Scalar> = Set(",。;:、《》()!?“”\"".unicodeScalars)

    /// The agency named by a report title, or nil when the title names none ("2019年政府信息公开工作年度报告").
    static func fromTitle(_ title: String) -> String? {
        let scalars = removingYears(ScalarText.scalars(title))
        var end = scalars.count
        for stop in titleStops {
            if let index = ScalarText.firstIndex(of: stop, in: scalars), index < end { end = index }
        }
        return normalised(ScalarText.string(scalars[0..<end]))
    }

    /// Completes and checks a candidate name: nil unless it reads as the name of a body.
    static func normalised(_ candidate: String) -> String? {
        var name = ScalarText.string(ScalarText.trimmed(ScalarText.scalars(candidate)[...], also: trimmedMarks))
        guard looksLikeOrganName(name) else { return nil }
        // Appending 政府 keeps a plain name plain.
        let plain = ScalarText.isPlain(name)
        if ScalarText.hasSuffix(name, "人民", textIsPlain: plain) { name += "政府" }
        if ScalarText.hasSuffix(name, "政府", textIsPlain: plain) && !ScalarText.hasSuffix(name, "人民政府", textIsPlain: plain) {
            let region = String(name.dropLast(2))
            if isBareRegion(region) { name = region + "人民政府" }
        }
        if ScalarText.hasSuffix(name, "街道", textIsPlain: plain) { return name + "办事处" }
        if isBareRegion(name) { return name + "人民政府" }
        return name
    }

    /// A short name without sentence punctuation or digits, ending like a body or region, not "我区"/"本局".
    static func looksLikeOrganName(_ name: String) -> Bool {
        let scalars = ScalarText.scalars(name)
        guard (2...40).contains(scalars.count), let first = scalars.first, let last = scalars.last else { return false }
        if deicticFirsts.contains(first) { return false }
        if scalars.contains(where: { sentenceMarks.contains($0) || ScalarText.isASCIIDigit($0) || ScalarText.isSpace($0) }) {
            return false
        }
        return organEndings.contains(last) || ScalarText.hasSuffix(name, "人民") || ScalarText.hasSuffix(name, "街道")
    }

    /// A region name with no organ after it: "江夏区", "威海市", but not "遂宁经济技术开发区".
    static func isBareRegion(_ name: String) -> Bool {
        guard name.unicodeScalars.count >= 2 else { return false }
        guard suffixesArePlain, ScalarText.isPlain(name) else {
            guard regionSuffixes.contains(where: { name.hasSuffix($0) }) else { return false }
            return !zoneSuffixes.contains { name.hasSuffix($0) }
        }
        // Plain strings compare as their UTF-8 (see `ScalarText.isPlain`): 25 suffix tests on one buffer.
        return name.withUTF8Bytes { bytes in
            guard regionSuffixBytes.contains(where: { UTF8Scan.hasSuffix(bytes, $0) }) else { return false }
            return !zoneSuffixBytes.contains { UTF8Scan.hasSuffix(bytes, $0) }
        }
    }

    private static let regionSuffixBytes = regionSuffixes.map { Array($0.utf8) }
    private static let zoneSuffixBytes = zoneSuffixes.map { Array($0.utf8) }
    private static let suffixesArePlain = (regionSuffixes + zoneSuffixes).allSatisfy { ScalarText.isPlain($0) }

    /// Drops "2021年", "2015年度", "二〇一九年度" so that a year before or after the name does not end up in it.
    private static func removingYears(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            var j = i
            while j < s.count, ScalarText.isASCIIDigit(s[j]) || ChineseDate.chineseDigit(s[j]) != nil { j += 1 }
            if j - i == 4 || (j - i == 2 && ScalarText.isASCIIDigit(s[i])), j < s.count, s[j] == "年" {
                i = j + 1
                if i < s.count, s[i] == "度" { i += 1 }
                continue
            }
            out.append(s[i])
            i += 1
        }
        return out
    }
}
