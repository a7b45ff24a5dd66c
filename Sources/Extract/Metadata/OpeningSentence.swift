/// The opening sentence that names the reporter and year: "现将金台区人民政府2017年度…予以总结报告",
/// "现公布威海市文登区政务服务中心2016年政府信息公开工作报告", "由XX编制的2019年度…".
struct OpeningSentence: Equatable {
    var agency: String?
    var year: Int?

    private static let leadWords = ["现将", "现公布", "现予公布", "现发布"].map { (bytes: Array($0.utf8), scalarCount: $0.unicodeScalars.count) }
    private static let compiledBytes = Array("编制".utf8)
    /// How far before 编制 the search for 由 can look: 30 scalars, and the one before them.
    private static let compiledLookBack = 31

    static func find(in head: [String]) -> OpeningSentence? {
        for line in head {
            if let found = line.withUTF8Bytes({ find(inLine: $0) }) { return found }
        }
        return nil
    }

    /// Leads and 编制 are found in the UTF-8 (a byte match is a scalar match, and the first byte match is the first
    /// scalar match); only the part of the line the rules read is decoded. Most head lines hold neither and decode
    /// nothing; lines that do are often whole paragraphs.
    private static func find(inLine bytes: UnsafeBufferPointer<UInt8>) -> OpeningSentence? {
        for lead in leadWords {
            guard let byteIndex = UTF8Scan.firstIndex(of: lead.bytes, in: bytes, from: 0) else { continue }
            // `read` looks only from the name start to the sentence end, so the scalars from the lead (which holds
            // no sentence end) up to the first sentence end are enough.
            let s = ScalarText.scalars(bytes, from: byteIndex, upTo: isSentenceEnd)
            if let found = read(s, nameStart: lead.scalarCount) { return found }
        }
        guard let byteIndex = UTF8Scan.firstIndex(of: compiledBytes, in: bytes, from: 0) else { return nil }
        // "由XX编制的2019年度…": the name sits between the nearest 由 and 编制. The scalars from `compiledLookBack`
        // before 编制 on (or from the line start) hold everything looked at, and `start > 0` still means that a
        // scalar precedes `start` in the line.
        var windowStart = byteIndex
        var index = 0
        while windowStart > 0, index < compiledLookBack {
            windowStart = UTF8Scan.scalarStart(before: windowStart, in: bytes)
            index += 1
        }
        let s = ScalarText.scalars(bytes, from: windowStart)
        var start = index
        while start > 0, index - start < 30, s[start - 1] != "由" { start -= 1 }
        guard start > 0, s[start - 1] == "由" else { return nil }
        let agency = AgencyName.normalised(ScalarText.string(s[start..<index]))
        let year = MetadataReader.firstYear(in: s, from: index, within: 12)
        return agency != nil || year != nil ? OpeningSentence(agency: agency, year: year) : nil
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
