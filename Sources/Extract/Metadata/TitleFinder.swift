/// Finds the report title among the first lines: the first short line holding 年度报告, 工作报告 or 年报.
enum TitleFinder {
    private static let markers = ["年度报告", "工作报告", "年报"].map { Array($0.utf8) }
    /// Sentence punctuation and page-field colons: a line with these is prose or a header, not a title.
    private static let proseMarks = [",", "。", ";", ":", "《"].map { Array($0.utf8) }

    static func find(in head: [String]) -> String? {
        findWithAgency(in: head)?.title
    }

    /// The title and `AgencyName.fromTitle` of it, which deciding on a split title has mostly computed already.
    static func findWithAgency(in head: [String]) -> (title: String, agency: String?)? {
        for (index, line) in head.enumerated() where isTitle(line) {
            let agency = AgencyName.fromTitle(line)
            // Seed 001 splits the title: "遂宁经济技术开发区管理委员会" / "政府信息公开工作年度报告".
            if agency == nil, index > 0, line.hasPrefix("政") || line.hasPrefix("信息"),
                let office = SignatureBlock.officeLine(head[index - 1])
            {
                let title = office + line
                return (title, AgencyName.fromTitle(title))
            }
            return (line, agency)
        }
        return nil
    }

    static func isTitle(_ line: String) -> Bool {
        // Byte checks first: most head lines are long paragraphs, and stdlib substring search is slow.
        guard line.utf8.count <= 240, markers.contains(where: { ScalarText.contains(line, $0) }) else { return false }
        return line.withUTF8Bytes { bytes in
            // Scalars are counted by their lead bytes, and a mark's UTF-8 occurs only where the mark does.
            var scalars = 0
            for byte in bytes where byte & 0xC0 != 0x80 { scalars += 1 }
            guard scalars <= 60 else { return false }
            return !proseMarks.contains { UTF8Scan.contains(bytes, $0) }
        }
    }
}
