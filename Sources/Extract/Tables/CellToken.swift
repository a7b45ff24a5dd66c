/// One table cell as read from a layout (report-formats §4.3): where it was read and what it looks like.
/// Readers print value cells and only match label cells, so a value keeps its text and a label keeps only its
/// compact form, in the scalar buffer of its `ZoneCells`: no String and no array per label.
struct CellToken: Sendable {
    /// Value cells: the text with the ends trimmed, empty for a blank cell. Label cells: empty.
    var text: String
    /// Label cells: where `LabelText.compact` of the text lies in `ZoneCells.scalars`.
    var compactRange: Range<Int>
    /// `TextLine.number` of the line the cell was read from.
    var line: Int
    /// True when the cell looks like a value (number, blank, "/" …), false for a label.
    var isValue: Bool
    /// A trailing empty cell of a multi-cell line: span padding ("| ||") or a blank last column.
    var isPadding: Bool
    /// A value cell whose compact form is empty.
    var isBlank: Bool
    /// A value cell of ASCII digits only (candidate for a run-together row).
    var isDigitRun: Bool

    /// A value cell; `compact` is `LabelText.compact(text)`, for its shape.
    init<C: RandomAccessCollection<Unicode.Scalar>>(value text: String, compact: C, line: Int, isPadding: Bool = false)
    where C.Index == Int {
        self.text = text
        self.compactRange = 0..<0
        self.line = line
        self.isValue = true
        self.isPadding = isPadding
        self.isBlank = compact.isEmpty
        self.isDigitRun = CellValueShape.isDigitRun(compact)
    }

    /// A value cell read from its text (blank cells, pieces of split digit runs).
    init(value text: String, line: Int, isPadding: Bool = false) {
        self.init(value: text, compact: LabelText.compact(text), line: line, isPadding: isPadding)
    }

    /// A label cell whose compact form is `compactRange` of its zone's scalars.
    init(labelAt compactRange: Range<Int>, line: Int) {
        self.text = ""
        self.compactRange = compactRange
        self.line = line
        self.isValue = false
        self.isPadding = false
        self.isBlank = false
        self.isDigitRun = false
    }

    /// The compact form of a value cell's text, for the rare readings that split or count digits.
    var valueScalars: [Unicode.Scalar] { LabelText.compact(text) }
}

/// The cells of one table zone, in reading order, and the compact forms of its labels back to back.
struct ZoneCells: Sendable {
    var tokens: [CellToken] = []
    var scalars: [Unicode.Scalar] = []

    /// The compact form of a label cell.
    @inline(__always)
    func label(_ token: CellToken) -> ArraySlice<Unicode.Scalar> { scalars[token.compactRange] }
}
