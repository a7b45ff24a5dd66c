import NianbaoCore

/// Turns the lines of a table zone into a stream of cells, whatever the layout (report-formats §4.3):
/// pipes (L2–L5, and HTML rows flattened by `HTMLText`), tabs (L6), runs of spaces (L7), one cell per line.
/// Row boundaries are not kept: the readers anchor rows on labels.
enum ZoneTokenizer {
    static func tokens(_ lines: ArraySlice<TextLine>) -> [CellToken] {
        let pipeIsSeparator = lonePipeSeparatesCells(lines)
        var out: [CellToken] = []
        var lastWasSeparator = false
        for line in lines {
            let text = line.text.trimmingSpaces()
            if text.isEmpty { continue }
            let compact = LabelText.compact(text)
            if CellValueShape.isPageFooter(compact) { continue }
            if compact.allSatisfy({ $0 == "|" }) {
                // L3: a lone "|" is an empty cell, or in the alternating shape ("0" / "|") a separator;
                // "||" and "|||" are span padding. "| |" (L2) is an empty cell at a row start.
                if pipeIsSeparator {
                    if lastWasSeparator { out.append(CellToken(text: "", line: line.number)) }
                    lastWasSeparator = true
                } else if compact.count == 1 || text.contains(" ") {
                    out.append(CellToken(text: "", line: line.number))
                }
                continue
            }
            lastWasSeparator = false
            if text.unicodeScalars.contains("|") {
                if isMarkdownSeparator(compact) { continue }
                appendPipeCells(text, line: line.number, to: &out)
            } else if text.unicodeScalars.contains("\t") {
                appendCells(
                    text.unicodeScalars.split(separator: "\t", omittingEmptySubsequences: false).map { Substring($0).trimmingSpaces() },
                    line: line.number, to: &out)
            } else {
                appendSpaceSeparated(text, line: line.number, to: &out)
            }
        }
        return out
    }

    /// In the alternating L3 shape most content lines carry no pipe and "|" lines stand between cells.
    private static func lonePipeSeparatesCells(_ lines: ArraySlice<TextLine>) -> Bool {
        var lone = 0
        var withPipe = 0
        var withoutPipe = 0
        for line in lines {
            let t = line.text.trimmingSpaces()
            if t.isEmpty { continue }
            if t == "|" {
                lone += 1
            } else if t.unicodeScalars.contains("|") {
                withPipe += 1
            } else {
                withoutPipe += 1
            }
        }
        return lone > 0 && withoutPipe > 2 * withPipe && lone * 2 >= withoutPipe
    }

    private static func isMarkdownSeparator(_ c: [Unicode.Scalar]) -> Bool {
        c.contains("-") && c.allSatisfy { $0 == "|" || $0 == "-" || $0 == ":" }
    }

    /// "| a | b |" or "a | b | ||": a leading pipe marks a row start (L2/L5) and the text after the last pipe
    /// is the terminator, not a cell.
    private static func appendPipeCells(_ text: String, line: Int, to out: inout [CellToken]) {
        var body = Substring(text)
        if body.hasPrefix("|") { body = body.dropFirst() }
        // Split on scalars: a Character split runs grapheme breaking and String comparison on every character.
        var pieces = body.unicodeScalars.split(separator: "|", omittingEmptySubsequences: false).map { Substring($0).trimmingSpaces() }
        if pieces.count > 1, let last = pieces.last, last.isEmpty { pieces.removeLast() }
        appendCells(pieces, line: line, to: &out)
    }

    /// Empty cells at the end of a multi-cell line are span padding or a blank last column: kept as padding
    /// so a reader can restore a blank total but ignores "| ||".
    private static func appendCells(_ pieces: [String], line: Int, to out: inout [CellToken]) {
        var end = pieces.count
        while end > 0 && pieces[end - 1].isEmpty { end -= 1 }
        for (i, piece) in pieces.enumerated() {
            out.append(CellToken(text: piece, line: line, isPadding: i >= end && pieces.count > 1))
        }
    }

    /// L7: labels contain spaces, so split from the right: trailing number-like words are values.
    private static func appendSpaceSeparated(_ text: String, line: Int, to out: inout [CellToken]) {
        let words = text.unicodeScalars.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\u{A0}" }).map(Substring.init)
        var firstValue = words.count
        while firstValue > 0, CellValueShape.isValue(LabelText.compact(words[firstValue - 1])) { firstValue -= 1 }
        if firstValue == words.count {
            out.append(CellToken(text: text, line: line))
            return
        }
        if firstValue > 0 {
            out.append(CellToken(text: words[0..<firstValue].joined(separator: " "), line: line))
        }
        for word in words[firstValue...] { out.append(CellToken(text: String(word), line: line)) }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and no-break spaces.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            s == " " || s == "\t" || s == "\u{A0}" || s == "\u{3000}" || s == "\r" || s == "\n"
        }
        // Cleaned lines and most cells have nothing to trim.
        if let head = scalars.first, let tail = scalars.last, !isSpace(head), !isSpace(tail) { return String(self) }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
