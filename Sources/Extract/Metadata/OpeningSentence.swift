/// The opening sentence that names the reporter and year: "现将金台区人民政府2017年度…予以总结报告",
/// "现公布威海市文登区政务服务中心2016年政府信息公开工作报告", "由XX编制的2019年度…".
struct OpeningSentence: Equatable {
    var agency: String?
    var year: Int?

    private static let leads: [[Unicode.Scalar]] = ["现将", "现公布", "现予公布", "现发布"].map { Array($0.unicodeScalars) }
    private static let compiled: [Unicode.Scalar] = Array("编制".unicodeScalars)
    private static let leadBytes = ["现将", "现公布", "现予公布", "现发布"].map { Array($0.utf8) }
    private static let compiledBytes = Array("编制".utf8)

    static func find(in head: [String]) -> OpeningSentence? {
        let leadBytes = Self.leadBytes
        let compiledBytes = Self.compiledBytes
        for line in head {
            // Most head lines hold no lead and no 编制 (a UTF-8 byte match is a scalar match), so the copy is skipped.
            guard mayHoldLeadOrCompiled(line, leadBytes, compiledBytes) else { continue }
            let s = ScalarText.scalars(line)
            for lead in leads {
                guard let index = ScalarText.firstIndex(of: lead, in: s) else { continue }
                if let found = read(s, nameStart: index + lead.count) { return found }
            }
            if let index = ScalarText.firstIndex(of: compiled, in: s) {
                // "由XX编制的2019年度…": the name sits between the nearest 由 and 编制.
                var start = index
                while start > 0, index - start < 30, s[start - 1] != "由" { start -= 1 }
                if start > 0, s[start - 1] == "由" {
                    let agency = AgencyName.normalised(ScalarText.string(s[start..<index]))
                    let year = MetadataReader.firstYear(in: s, from: index, within: 12)
                    if agency != nil || year != nil { return OpeningSentence(agency: agency, year: year) }
                }
            }
        }
        return nil
    }

    /// Whether a lead or 编制 occurs: a memchr-driven search per word beat checking each E7 byte (现 and 编
    /// start with E7, as does 的) against all five.
    private static func mayHoldLeadOrCompiled(_ line: String, _ leads: [[UInt8]], _ compiled: [UInt8]) -> Bool {
        var line = line
        return line.withUTF8 { bytes in
            UTF8Scan.contains(bytes, compiled) || leads.contains { UTF8Scan.contains(bytes, $0) }
        }
    }

    /// The name runs from after the lead to the year; the year must come before the sentence ends.
    private static func read(_ s: [Unicode.Scalar], nameStart: Int) -> OpeningSentence? {
        var end = nameStart
        while end < s.count, !isSentenceEnd(s[end]) { end += 1 }
        let sentence = Array(s[nameStart..<end])
        guard let year = MetadataReader.firstYear(in: sentence, from: 0, within: sentence.count) else { return nil }
        var yearStart = 0
        while yearStart < sentence.count, MetadataReader.firstYear(in: sentence, from: yearStart, within: 1) != year {
            yearStart += 1
        }
        let agency = AgencyName.normalised(ScalarText.string(sentence[0..<yearStart]))
        return OpeningSentence(agency: agency, year: year)
    }

    private static func isSentenceEnd(_ s: Unicode.Scalar) -> Bool {
        s == "," || s == "。" || s == ";"
    }

}
