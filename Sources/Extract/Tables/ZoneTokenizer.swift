import NianbaoCore

/// Turns the lines of a table zone into a stream of cells, whatever the layout (report-formats §4.3):
/// pipes (L2–L5, and HTML rows flattened by `HTMLText`), tabs (L6), runs of spaces (L7), one cell per line.
/// Row boundaries are not kept: the readers anchor rows on labels.
enum ZoneTokenizer {
    /// Byte range of a cell inside its line's UTF-8.
    private typealias Piece = (lo: Int, hi: Int)

    // Works on each line's UTF-8: '|', tab and the separators are ASCII or whole scalars, so byte splits fall on
    // scalar boundaries, and scalar/Character splitting with a String per piece was most of the table stage.
    static func tokens(_ lines: ArraySlice<TextLine>) -> ZoneCells {
        let shapes = lines.map(LineShape.init)
        let pipeIsSeparator = lonePipeSeparatesCells(shapes)
        // A compact form never has more scalars than its bytes, and a line's cells never more than the line: the
        // zone's byte count is room for every kept label.
        var byteCount = 0
        for shape in shapes { byteCount += shape.count }
        var pieces: [Piece] = []
        var tokens: [CellToken] = []
        // Labels are written from the start with no gap, so the array is initialised up to `out.used` and nothing is
        // zero-filled first (a memset of every zone's bytes × 4).
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: byteCount) { buffer, initializedCount in
            var out = Cells(scalars: buffer, capacity: lines.count * 4)
            var lastWasSeparator = false
            for (line, shape) in zip(lines, shapes) where shape.lo < shape.hi {
                line.text.withUTF8Bytes { all in
                    let b = UnsafeBufferPointer(rebasing: all[shape.lo..<shape.hi])
                    // A line with a pipe is never a page footer, and with any other scalar than "|", "-" and ":"
                    // neither only pipes nor a Markdown separator: most table rows skip their line's compact form.
                    if shape.has(.pipe) && shape.has(.other) {
                        lastWasSeparator = false
                        appendPipeCells(b, line: line, pieces: &pieces, to: &out)
                        return
                    }
                    // The line's compact form, at the free end of the buffer: kept only as a single-cell label.
                    let compact = out.compact(b)
                    if CellValueShape.isPageFooter(compact) { return }
                    if compact.allSatisfy({ $0 == "|" }) {
                        // L3: a lone "|" is an empty cell, or in the alternating shape ("0" / "|") a separator;
                        // "||" and "|||" are span padding. "| |" (L2) is an empty cell at a row start.
                        if pipeIsSeparator {
                            if lastWasSeparator { out.appendBlank(line: line.number) }
                            lastWasSeparator = true
                        } else if compact.count == 1 || b.contains(0x20) {
                            out.appendBlank(line: line.number)
                        }
                        return
                    }
                    lastWasSeparator = false
                    if shape.has(.pipe) {
                        if isMarkdownSeparator(compact) { return }
                        appendPipeCells(b, line: line, pieces: &pieces, to: &out)
                    } else if shape.has(.tab) {
                        pieces.removeAll(keepingCapacity: true)
                        split(b, on: 0x09, from: 0, into: &pieces)
                        appendCells(b, pieces, line: line.number, to: &out)
                    } else if !shape.has(.space) {
                        // One word: the whole trimmed line is the cell, and no copy when nothing was trimmed.
                        out.append(compact, text: shape.isWhole ? line.text : String(knownValidUTF8: b), line: line.number)
                    } else {
                        let whole = shape.isWhole ? line.text : nil
                        appendSpaceSeparated(b, whole: whole, compact: compact, line: line.number, pieces: &pieces, to: &out)
                    }
                }
            }
            tokens = out.tokens
            initializedCount = out.used
        }
        return ZoneCells(tokens: tokens, scalars: scalars)
    }

    /// A line's trimmed byte range and which kinds of byte it holds, from one table-driven pass.
    private struct LineShape {
        struct Kind: OptionSet {
            let rawValue: UInt8
            static let pipe = Kind(rawValue: 1)
            static let tab = Kind(rawValue: 2)
            /// A byte that may start a word separator: space, or the lead byte of NBSP (C2) or U+3000 (E3).
            static let space = Kind(rawValue: 4)
            /// A byte that proves a compact scalar other than "|", "-" and ":": ASCII outside those and the
            /// ignored marks, or the lead byte of a scalar `LabelText.compact` can never drop.
            static let other = Kind(rawValue: 8)
        }

        /// The kinds of each byte value.
        static let kinds: [UInt8] = (0...255).map { (b: Int) -> UInt8 in
            switch b {
            case 0x7C: return Kind.pipe.rawValue
            case 0x09: return Kind.tab.rawValue
            case 0x20: return Kind.space.rawValue
            case 0x2D, 0x3A, 0x0A, 0x0D, 0x22, 0x27: return 0
            case 0xC2, 0xE3: return Kind.space.rawValue
            // Lead bytes of the other ignored scalars: quotes and U+200B (E2), U+FEFF (EF).
            case 0xE2, 0xEF: return 0
            case 0x80..<0xC0: return 0
            default: return Kind.other.rawValue
            }
        }

        var lo: Int
        var hi: Int
        /// The line's UTF-8 length.
        var count: Int
        var kinds: Kind
        /// `b[lo..<hi]` is a lone "|".
        var isLonePipe: Bool

        init(_ line: TextLine) {
            (lo, hi, count, kinds, isLonePipe) = line.text.withUTF8Bytes { all in
                let (lo, hi) = ZoneTokenizer.trimmedRange(all, 0, all.count)
                var bits: UInt8 = 0
                Self.kinds.withUnsafeBufferPointer { table in
                    for i in lo..<hi { bits |= table[Int(all[i])] }
                }
                return (lo, hi, all.count, Kind(rawValue: bits), hi - lo == 1 && all[lo] == 0x7C)
            }
        }

        @inline(__always) func has(_ kind: Kind) -> Bool { kinds.contains(kind) }
        /// Nothing was trimmed.
        var isWhole: Bool { lo == 0 && hi == count }
    }

    /// The tokens read so far and the buffer their labels' compact forms are kept in.
    private struct Cells {
        var tokens: [CellToken] = []
        let scalars: UnsafeMutableBufferPointer<Unicode.Scalar>
        /// Scalars up to here belong to kept labels; beyond is scratch.
        var used = 0

        init(scalars: UnsafeMutableBufferPointer<Unicode.Scalar>, capacity: Int) {
            self.scalars = scalars
            tokens.reserveCapacity(capacity)
        }

        /// The compact form of `bytes`, written after the kept labels and not kept.
        @inline(__always)
        func compact(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeMutableBufferPointer<Unicode.Scalar> {
            let end = LabelText.writeCompact(bytes, to: scalars, at: used)
            return UnsafeMutableBufferPointer(rebasing: scalars[used..<end])
        }

        /// A cell whose compact form `compact` was just written by `compact(_:)`: a value gets its text, a label
        /// keeps its compact form.
        @inline(__always)
        mutating func append(
            _ compact: UnsafeMutableBufferPointer<Unicode.Scalar>, text: @autoclosure () -> String, line: Int, isPadding: Bool = false
        ) {
            if CellValueShape.isValue(compact) {
                tokens.append(CellToken(value: text(), compact: compact, line: line, isPadding: isPadding))
            } else {
                let end = used + compact.count
                tokens.append(CellToken(labelAt: used..<end, line: line))
                used = end
            }
        }

        mutating func appendBlank(line: Int) {
            tokens.append(CellToken(value: "", compact: EmptyCollection(), line: line))
        }
    }

    /// In the alternating L3 shape most content lines carry no pipe and "|" lines stand between cells.
    private static func lonePipeSeparatesCells(_ shapes: [LineShape]) -> Bool {
        var lone = 0
        var withPipe = 0
        var withoutPipe = 0
        for shape in shapes where shape.lo < shape.hi {
            if shape.isLonePipe {
                lone += 1
            } else if shape.has(.pipe) {
                withPipe += 1
            } else {
                withoutPipe += 1
            }
        }
        return lone > 0 && withoutPipe > 2 * withPipe && lone * 2 >= withoutPipe
    }

    private static func isMarkdownSeparator(_ c: UnsafeMutableBufferPointer<Unicode.Scalar>) -> Bool {
        c.contains("-") && c.allSatisfy { $0 == "|" || $0 == "-" || $0 == ":" }
    }

    /// The bytes of `b[lo..<hi]` without the spaces `trimmingSpaces` removes: space, tab, CR, LF, NBSP, U+3000.
    @inline(__always)
    fileprivate static func trimmedRange(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> (Int, Int) {
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
    private static func appendPipeCells(_ b: UnsafeBufferPointer<UInt8>, line: TextLine, pieces: inout [Piece], to out: inout Cells) {
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
    private static func appendCells(_ b: UnsafeBufferPointer<UInt8>, _ pieces: [Piece], line: Int, to out: inout Cells) {
        var end = pieces.count
        while end > 0 && pieces[end - 1].lo == pieces[end - 1].hi { end -= 1 }
        for (i, piece) in pieces.enumerated() {
            let bytes = UnsafeBufferPointer(rebasing: b[piece.lo..<piece.hi])
            out.append(
                out.compact(bytes), text: String(knownValidUTF8: bytes), line: line, isPadding: i >= end && pieces.count > 1)
        }
    }

    private static func joinedText(_ b: UnsafeBufferPointer<UInt8>, _ words: ArraySlice<Piece>) -> String {
        var joined: [UInt8] = []
        for w in words {
            if !joined.isEmpty { joined.append(0x20) }
            joined.append(contentsOf: UnsafeBufferPointer(rebasing: b[w.lo..<w.hi]))
        }
        return String(knownValidUTF8: joined)
    }

    /// L7: labels contain spaces, so split from the right: trailing number-like words are values.
    /// `compact` is the line's compact form, `whole` the line's text when `b` is all of it.
    private static func appendSpaceSeparated(
        _ b: UnsafeBufferPointer<UInt8>, whole: String?, compact: UnsafeMutableBufferPointer<Unicode.Scalar>, line: Int,
        pieces words: inout [Piece], to out: inout Cells
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

        // A one-word line (most labels) is its own word: the line's compact form serves, and so does its text.
        if words.count == 1 {
            out.append(compact, text: whole ?? String(knownValidUTF8: b), line: line)
            return
        }
        var firstValue = words.count
        while firstValue > 0 {
            let w = words[firstValue - 1]
            guard CellValueShape.isValue(out.compact(UnsafeBufferPointer(rebasing: b[w.lo..<w.hi]))) else { break }
            firstValue -= 1
        }
        if firstValue == words.count {
            // The word checks wrote over the line's compact form.
            out.append(out.compact(b), text: whole ?? String(knownValidUTF8: b), line: line)
            return
        }
        if firstValue > 0 {
            // The label's words; its compact form drops the spaces between them, and should it read as a value
            // after all ("1 万元"), its text has them joined by one space.
            let label = UnsafeBufferPointer(rebasing: b[words[0].lo..<words[firstValue - 1].hi])
            let joined = words[0..<firstValue]
            out.append(out.compact(label), text: joinedText(b, joined), line: line)
        }
        for w in words[firstValue...] {
            let word = UnsafeBufferPointer(rebasing: b[w.lo..<w.hi])
            out.append(out.compact(word), text: String(knownValidUTF8: word), line: line)
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
