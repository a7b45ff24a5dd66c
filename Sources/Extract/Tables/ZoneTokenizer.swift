import NianbaoCore

/// Turns the lines of a table zone into a stream of cells, whatever the layout (report-formats §4.3):
/// pipes (L2–L5, and HTML rows flattened by `HTMLText`), tabs (L6), runs of spaces (L7), one cell per line.
/// Row boundaries are not kept: the readers anchor rows on labels.
enum ZoneTokenizer {
    /// Byte range of a cell inside its line's UTF-8.
    private typealias Piece = (lo: Int, hi: Int)

    // Works on each line's UTF-8: '|', tab and the separators are ASCII or whole scalars, so byte splits fall on
    // scalar boundaries, and scalar/Character splitting with a String per piece was most of the table stage.
    static func tokens(_ lines: ArraySlice<TextLine>) -> [CellToken] {
        let pipeIsSeparator = lonePipeSeparatesCells(lines)
        var out: [CellToken] = []
        out.reserveCapacity(lines.count * 4)
        var pieces: [Piece] = []
        // The line's compact form; a single-cell line hands it to its token, other lines reuse the buffer.
        var compact: [Unicode.Scalar] = []
        var lastWasSeparator = false
        for line in lines {
            var text = line.text
            text.withUTF8 { all in
                let (lo, hi) = trimmedRange(all, 0, all.count)
                if lo == hi { return }
                let b = UnsafeBufferPointer(rebasing: all[lo..<hi])
                LabelText.compact(utf8: b, into: &compact)
                if CellValueShape.isPageFooter(compact) { return }
                if compact.allSatisfy({ $0 == "|" }) {
                    // L3: a lone "|" is an empty cell, or in the alternating shape ("0" / "|") a separator;
                    // "||" and "|||" are span padding. "| |" (L2) is an empty cell at a row start.
                    if pipeIsSeparator {
                        if lastWasSeparator { out.append(CellToken(text: "", line: line.number)) }
                        lastWasSeparator = true
                    } else if compact.count == 1 || b.contains(0x20) {
                        out.append(CellToken(text: "", line: line.number))
                    }
                    return
                }
                lastWasSeparator = false
                if b.contains(0x7C) {
                    if isMarkdownSeparator(compact) { return }
                    appendPipeCells(b, line: line, pieces: &pieces, to: &out)
                } else if b.contains(0x09) {
                    pieces.removeAll(keepingCapacity: true)
                    split(b, on: 0x09, from: 0, into: &pieces)
                    appendCells(b, pieces, line: line.number, to: &out)
                } else {
                    // The whole trimmed line is the text of a single-cell line: no copy when nothing was trimmed.
                    let whole = lo == 0 && hi == all.count ? line.text : String(decoding: b, as: UTF8.self)
                    appendSpaceSeparated(b, whole: whole, compact: compact, line: line.number, pieces: &pieces, to: &out)
                }
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
            var text = line.text
            text.withUTF8 { all in
                let (lo, hi) = trimmedRange(all, 0, all.count)
                if lo == hi { return }
                if hi - lo == 1 && all[lo] == 0x7C {
                    lone += 1
                } else if UnsafeBufferPointer(rebasing: all[lo..<hi]).contains(0x7C) {
                    withPipe += 1
                } else {
                    withoutPipe += 1
                }
            }
        }
        return lone > 0 && withoutPipe > 2 * withPipe && lone * 2 >= withoutPipe
    }

    private static func isMarkdownSeparator(_ c: [Unicode.Scalar]) -> Bool {
        c.contains("-") && c.allSatisfy { $0 == "|" || $0 == "-" || $0 == ":" }
    }

    /// The bytes of `b[lo..<hi]` without the spaces `trimmingSpaces` removes: space, tab, CR, LF, NBSP, U+3000.
    @inline(__always)
    private static func trimmedRange(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> (Int, Int) {
        var lo = lo
        var hi = hi
        while lo < hi {
            let c = b[lo]
            if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A {
                lo += 1
            } else if c == 0xC2, lo + 1 < hi, b[lo + 1] == 0xA0 {
                lo += 2
            } else if c == 0xE3, lo + 2 < hi, b[lo + 1] == 0x80, b[lo + 2] == 0x80 {
                lo += 3
            } else {
                break
            }
        }
        while hi > lo {
            let c = b[hi - 1]
            if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A {
                hi -= 1
            } else if c == 0xA0, hi - 2 >= lo, b[hi - 2] == 0xC2 {
                hi -= 2
            } else if c == 0x80, hi - 3 >= lo, b[hi - 2] == 0x80, b[hi - 3] == 0xE3 {
                hi -= 3
            } else {
                break
            }
        }
        return (lo, hi)
    }

    /// Appends the trimmed pieces of `b` from `start` between `separator` bytes, empty ones included.
    private static func split(_ b: UnsafeBufferPointer<UInt8>, on separator: UInt8, from start: Int, into pieces: inout [Piece]) {
        var lo = start
        var i = start
        while i < b.count {
            if b[i] == separator {
                pieces.append(trimmedRange(b, lo, i))
                lo = i + 1
            }
            i += 1
        }
        pieces.append(trimmedRange(b, lo, b.count))
    }

    /// "| a | b |" or "a | b | ||": a leading pipe marks a row start (L2/L5) and the text after the last pipe
    /// is the terminator, not a cell.
    private static func appendPipeCells(
        _ b: UnsafeBufferPointer<UInt8>, line: TextLine, pieces: inout [Piece], to out: inout [CellToken]
    ) {
        var start = 0
        if b[0] == 0x7C {
            // The old Character test: "|" followed by a combining mark is another character, not a row start.
            // An ASCII byte after the pipe always starts a new character.
            if b.count == 1 || b[1] < 0x80 || String(decoding: b, as: UTF8.self).hasPrefix("|") { start = 1 }
        }
        pieces.removeAll(keepingCapacity: true)
        split(b, on: 0x7C, from: start, into: &pieces)
        if pieces.count > 1, let last = pieces.last, last.lo == last.hi { pieces.removeLast() }
        appendCells(b, pieces, line: line.number, to: &out)
    }

    /// Empty cells at the end of a multi-cell line are span padding or a blank last column: kept as padding
    /// so a reader can restore a blank total but ignores "| ||".
    private static func appendCells(_ b: UnsafeBufferPointer<UInt8>, _ pieces: [Piece], line: Int, to out: inout [CellToken]) {
        var end = pieces.count
        while end > 0 && pieces[end - 1].lo == pieces[end - 1].hi { end -= 1 }
        for (i, piece) in pieces.enumerated() {
            out.append(cell(b, piece, line: line, isPadding: i >= end && pieces.count > 1))
        }
    }

    @inline(__always)
    private static func cell(_ b: UnsafeBufferPointer<UInt8>, _ piece: Piece, line: Int, isPadding: Bool = false) -> CellToken {
        let bytes = UnsafeBufferPointer(rebasing: b[piece.lo..<piece.hi])
        return CellToken(text: String(decoding: bytes, as: UTF8.self), compact: cellCompact(bytes), line: line, isPadding: isPadding)
    }

    /// Compact forms of one ASCII character and of two digits: most value cells are "0", "/" or a small count,
    /// and sharing their arrays saves an allocation per cell.
    private static let shortCompacts: (ascii: [[Unicode.Scalar]], twoDigits: [[Unicode.Scalar]]) = (
        (0..<128).map { LabelText.compact(String(Character(Unicode.Scalar(UInt8($0))))) },
        (0..<100).map { LabelText.compact("\($0 / 10)\($0 % 10)") }
    )

    @inline(__always)
    private static func cellCompact(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
        if bytes.count == 1, bytes[0] < 0x80 { return shortCompacts.ascii[Int(bytes[0])] }
        if bytes.count == 2, bytes[0] &- 0x30 < 10, bytes[1] &- 0x30 < 10 {
            return shortCompacts.twoDigits[Int(bytes[0] &- 0x30) * 10 + Int(bytes[1] &- 0x30)]
        }
        return LabelText.compact(utf8: bytes)
    }

    /// L7: labels contain spaces, so split from the right: trailing number-like words are values.
    private static func appendSpaceSeparated(
        _ b: UnsafeBufferPointer<UInt8>, whole: String, compact: [Unicode.Scalar], line: Int, pieces words: inout [Piece],
        to out: inout [CellToken]
    ) {
        // Words between runs of space, U+3000 and NBSP.
        words.removeAll(keepingCapacity: true)
        var i = 0
        var wordStart = -1
        while i < b.count {
            let c = b[i]
            let width =
                c == 0x20 ? 1 : c == 0xC2 && i + 1 < b.count && b[i + 1] == 0xA0 ? 2
                : c == 0xE3 && i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : 0
            if width > 0 {
                if wordStart >= 0 { words.append((wordStart, i)) }
                wordStart = -1
                i += width
            } else {
                if wordStart < 0 { wordStart = i }
                i += 1
            }
        }
        if wordStart >= 0 { words.append((wordStart, b.count)) }

        var firstValue = words.count
        var valueCompacts: [[Unicode.Scalar]] = []
        while firstValue > 0 {
            let w = words[firstValue - 1]
            // A one-word line (most labels) is its own word: the line's compact form serves.
            let c = words.count == 1 ? compact : cellCompact(UnsafeBufferPointer(rebasing: b[w.lo..<w.hi]))
            guard CellValueShape.isValue(c) else { break }
            valueCompacts.append(c)
            firstValue -= 1
        }
        if firstValue == words.count {
            out.append(CellToken(text: whole, compact: compact, line: line))
            return
        }
        if firstValue > 0 {
            // The label's words joined by one space.
            var joined: [UInt8] = []
            joined.reserveCapacity(words[firstValue - 1].hi - words[0].lo)
            for w in words[0..<firstValue] {
                if !joined.isEmpty { joined.append(0x20) }
                joined.append(contentsOf: UnsafeBufferPointer(rebasing: b[w.lo..<w.hi]))
            }
            let label = UnsafeBufferPointer(rebasing: b[words[0].lo..<words[firstValue - 1].hi])
            out.append(CellToken(text: String(decoding: joined, as: UTF8.self), compact: LabelText.compact(utf8: label), line: line))
        }
        for (k, w) in words[firstValue...].enumerated() {
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[w.lo..<w.hi]), as: UTF8.self)
            out.append(CellToken(text: text, compact: valueCompacts[valueCompacts.count - 1 - k], line: line))
        }
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
