/// One table cell as read from a layout (report-formats §4.3): its text, where it was read, what it looks like.
struct CellToken: Sendable, Hashable {
    /// Cell text with the ends trimmed; empty for a blank cell.
    var text: String
    /// The text without whitespace and quotes, for matching.
    var compact: [Unicode.Scalar]
    /// `TextLine.number` of the line the cell was read from.
    var line: Int
    /// True when the cell looks like a value (number, blank, "/" …), false for a label.
    var isValue: Bool
    /// A trailing empty cell of a multi-cell line: span padding ("| ||") or a blank last column.
    var isPadding: Bool

    init(text: String, line: Int, isPadding: Bool = false) {
        self.init(text: text, compact: LabelText.compact(text), line: line, isPadding: isPadding)
    }

    /// `compact` must be `LabelText.compact(text)`, already computed by the caller.
    init(text: String, compact: [Unicode.Scalar], line: Int, isPadding: Bool = false) {
        self.text = text
        self.compact = compact
        self.line = line
        self.isValue = CellValueShape.isValue(compact)
        self.isPadding = isPadding
    }

    var isBlank: Bool { compact.isEmpty }
    var isDigitRun: Bool { CellValueShape.isDigitRun(compact) }
    var hasDigits: Bool { compact.contains(where: LabelText.isDigit) }
}
