import NianbaoCore

/// A reject a row reading wants raised; the table reader adds table and row codes.
struct RowNote: Sendable {
    var rule: Rule
    var message: String
    var expected: String?
    var actual: String?
    var line: Int?
}

/// The cells of one template row after the count of value cells was reconciled with the column count.
struct RowReading: Sendable {
    /// One entry per template column; nil where the column of a read value is unknown.
    var cells: [CellToken?]
    /// Equally valid splits of a run-together row, for a decision by column identities.
    var candidates: [[CellToken]] = []
    var notes: [RowNote] = []
}

extension RowReading {
    /// Each cell in its column. Mapped, not upcast: an implicit [CellToken] → [CellToken?] conversion casts every
    /// element through the runtime.
    init(cells: [CellToken]) {
        self.init(cells: cells.map { Optional($0) })
    }
}

/// Maps the value cells that followed a row label onto the template columns (report-formats §4.3 L4/L7,
/// §4.5 step 5; issue 3): trailing padding and blanks, colspan copies, run-together digits, split numbers.
/// Never guesses silently: every reading that is not one-to-one leaves a note.
enum RowValueResolver {
    static func resolve(_ tokens: [CellToken], columns k: Int, identity: RowIdentity) -> RowReading {
        // Most rows carry no padding: no filtered copies then.
        let hasPadding = tokens.contains(where: \.isPadding)
        var core = hasPadding ? tokens.filter { !$0.isPadding } : tokens
        let padding = hasPadding ? tokens.filter(\.isPadding) : []
        if core.count > k { return resolveExtra(core, columns: k, identity: identity) }
        let printed = core
        for pad in padding where core.count < k { core.append(pad) }
        if core.count == k { return RowReading(cells: core) }
        // Separators lost between digits: enough digits for every column, fewer cells (issue 3).
        if !printed.isEmpty, printed.allSatisfy(\.isDigitRun), printed.reduce(0, { $0 + $1.valueScalars.count }) >= k {
            return resolveRunTogether(printed, columns: k, identity: identity)
        }
        core = printed
        var reading = RowReading(cells: Array(repeating: nil, count: k))
        let shown = core.map(\.text).joined(separator: " ")
        // report-formats §4.3 L7: blanks were dropped, so positions are unknown, except a total printed last.
        if case .lastIsSum = identity, let last = core.last, !last.isBlank, Set(core.map(\.line)).count == 1 {
            reading.cells[k - 1] = last
        }
        reading.notes.append(
            RowNote(
                rule: TableRules.ambiguousColumns, message: "\(core.count) value cells for \(k) columns: \(shown)",
                expected: "\(k) cells", actual: shown, line: core.first?.line))
        return reading
    }

    private static func resolveExtra(_ tokens: [CellToken], columns k: Int, identity: RowIdentity) -> RowReading {
        var core = tokens
        while core.count > k, let last = core.last, last.isBlank { core.removeLast() }
        while core.count > k, let first = core.first, first.isBlank { core.removeFirst() }
        if core.count == k { return RowReading(cells: core) }
        let oneLine = Set(core.map(\.line)).count == 1
        // HTML colspan copies one value into every spanned column (2021 single-value rows).
        if oneLine, Set(core.map(\.text)).count == 1 { return RowReading(cells: Array(core.prefix(k))) }
        let shown = core.map(\.text).joined(separator: " ")
        if core.allSatisfy(\.isDigitRun), identity.holds(Array(repeating: 0, count: k)) != nil {
            let joins = DigitRunSplitter.joins(core.map(\.text), into: k, identity: identity)
            if joins.count == 1, let join = joins.first {
                var reading = RowReading(cells: rebuild(join, from: core))
                reading.notes.append(
                    RowNote(
                        rule: TableRules.splitCellsMerged,
                        message: "joined \(shown) into \(join.joined(separator: "|")) by \(identity.name)",
                        actual: shown, line: core.first?.line))
                return reading
            }
        }
        // report-formats §4.3 L4: on a row-per-line layout the last cells are the values.
        let kept = oneLine ? Array(core.suffix(k)) : Array(core.prefix(k))
        let keptValues = kept.compactMap { Int($0.text) }
        if case .none = identity {
        } else if keptValues.count != k || identity.holds(keptValues) != true {
            var reading = RowReading(cells: Array(repeating: nil, count: k))
            reading.notes.append(
                RowNote(
                    rule: TableRules.ambiguousColumns, message: "\(core.count) value cells for \(k) columns: \(shown)",
                    expected: "\(k) cells", actual: shown, line: core.first?.line))
            return reading
        }
        var reading = RowReading(cells: kept)
        reading.notes.append(
            RowNote(
                rule: TableRules.extraCells,
                message: "\(core.count) value cells for \(k) columns: kept the \(oneLine ? "last" : "first") \(k) of \(shown)",
                expected: "\(k) cells", actual: shown, line: core.first?.line))
        return reading
    }

    private static func resolveRunTogether(_ runs: [CellToken], columns k: Int, identity: RowIdentity) -> RowReading {
        let shown = runs.map(\.text).joined(separator: " ")
        var reading = RowReading(cells: Array(repeating: nil, count: k))
        guard case .none = identity else {
            let (found, complete) = DigitRunSplitter.splits(runs.map(\.valueScalars), into: k, identity: identity)
            if found.count == 1, complete, let split = found.first {
                reading.cells = rebuild(split, from: runs)
                reading.notes.append(
                    RowNote(
                        rule: TableRules.runTogetherSplit,
                        message: "split \(shown) into \(split.joined(separator: "|")) by \(identity.name)",
                        actual: shown, line: runs.first?.line))
                return reading
            }
            if complete && found.count > 1 { reading.candidates = found.map { rebuild($0, from: runs) } }
            reading.notes.append(
                RowNote(
                    rule: TableRules.runTogetherAmbiguous,
                    message: found.isEmpty
                        ? "no split of \(shown) into \(k) cells satisfies \(identity.name)"
                        : "\(found.count)\(complete ? "" : "+") splits of \(shown) into \(k) cells satisfy \(identity.name)",
                    expected: "\(k) cells", actual: shown, line: runs.first?.line))
            return reading
        }
        reading.notes.append(
            RowNote(
                rule: TableRules.runTogetherAmbiguous,
                message: "\(shown) holds \(k) cells run together and this table has no identity to split them",
                expected: "\(k) cells", actual: shown, line: runs.first?.line))
        return reading
    }

    /// Cells for the pieces of a split or join, each on the line of the run it came from.
    static func rebuild(_ pieces: [String], from runs: [CellToken]) -> [CellToken] {
        var out: [CellToken] = []
        let lengths = runs.map(\.valueScalars.count)
        var run = 0
        var used = 0
        for piece in pieces {
            while run < runs.count - 1 && used >= lengths[run] {
                used -= lengths[run]
                run += 1
            }
            out.append(CellToken(value: piece, line: runs[min(run, runs.count - 1)].line))
            used += piece.count
        }
        return out
    }
}
