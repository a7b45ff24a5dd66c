import NianbaoCore

/// Reads the section 四 table (report-formats §2.4, §4.3 L8): after the header, the first fifteen value cells
/// are the one data row, in the column order review, direct suit, suit after review × five outcomes.
enum AppealsTableReader {
    static let groups = Codes.appealsGroups.map(\.code)
    static let outcomes = Codes.appealsOutcomes.map(\.code)
    static var width: Int { groups.count * outcomes.count }

    private static let headerCues: [[Unicode.Scalar]] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "复议后起诉", "直接起诉", "行政复议", "行政诉讼"]
        .map { Array($0.unicodeScalars) }

    static func read(_ cells: ZoneCells, template: Template, findings: inout Findings) -> ExtractedTable? {
        var sawHeader = false
        var values: [CellToken] = []
        for token in cells.tokens {
            if !token.isValue {
                if !values.isEmpty { break }
                if !sawHeader, token.compactRange.count <= 30 {
                    let label = Array(cells.label(token))
                    if headerCues.contains(where: { LabelText.contains(label, $0) }) { sawHeader = true }
                }
                continue
            }
            guard sawHeader else { continue }
            // Blank cells before the first number belong to the header's span padding.
            if values.isEmpty && token.isBlank { continue }
            values.append(token)
        }
        guard sawHeader, values.contains(where: { !$0.isBlank }) else { return nil }
        let reading = RowValueResolver.resolve(values, columns: width, identity: .groupsOfFive)
        for note in reading.notes {
            findings.add(note.rule, note.message, table: .appeals, expected: note.expected, actual: note.actual, line: note.line)
        }
        var cells: [RawCell] = []
        for (g, group) in groups.enumerated() {
            for (o, outcome) in outcomes.enumerated() {
                let cell = reading.cells[g * outcomes.count + o]
                cells.append(RawCell(rowCode: group, columnCode: outcome, raw: cell?.text ?? "", line: cell?.line))
            }
        }
        return ExtractedTable(name: .appeals, template: template, cells: cells)
    }
}
