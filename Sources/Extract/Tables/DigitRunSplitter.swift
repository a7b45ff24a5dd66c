/// Splits digit runs whose separators the scraper dropped ("640020470" for seven cells) into cells
/// (issue 3): every split into non-negative integers without leading zeros, filtered by the row identity.
enum DigitRunSplitter {
    /// Hard limits so a pathological run cannot stall a batch.
    static let maxCandidates = 64
    static let maxSteps = 400_000
    static let maxDigitsPerCell = 12

    /// All splits of `runs` (each run gives at least one cell) into exactly `cells` numbers that satisfy
    /// `identity` (every split when it has none); at most `maxCandidates`, and `complete` is false when the
    /// search was cut short.
    static func splits(_ runs: [[Unicode.Scalar]], into cells: Int, identity: RowIdentity) -> (candidates: [[String]], complete: Bool) {
        let totalDigits = runs.reduce(0) { $0 + $1.count }
        guard cells >= runs.count, totalDigits >= cells, !runs.isEmpty else { return ([], true) }
        var search = Search(runs: runs, cells: cells, identity: identity)
        search.walk(run: 0, offset: 0)
        return (search.found, !search.cutShort)
    }

    private struct Search {
        let runs: [[Unicode.Scalar]]
        let cells: Int
        let identity: RowIdentity
        var parts: [String] = []
        var values: [Int] = []
        var found: [[String]] = []
        var steps = 0
        var cutShort = false

        init(runs: [[Unicode.Scalar]], cells: Int, identity: RowIdentity) {
            self.runs = runs
            self.cells = cells
            self.identity = identity
        }

        /// Digits not yet assigned from position (run, offset) on.
        private func digitsLeft(run: Int, offset: Int) -> Int {
            guard run < runs.count else { return 0 }
            var n = runs[run].count - offset
            for r in (run + 1)..<runs.count { n += runs[r].count }
            return n
        }

        mutating func walk(run: Int, offset: Int) {
            steps += 1
            if steps > DigitRunSplitter.maxSteps || found.count >= DigitRunSplitter.maxCandidates {
                cutShort = true
                return
            }
            if run == runs.count {
                if parts.count == cells, identity.holds(values) ?? true { found.append(parts) }
                return
            }
            let digits = runs[run]
            let digitsHere = digits.count - offset
            for length in 1...min(DigitRunSplitter.maxDigitsPerCell, digitsHere) {
                let piece = digits[offset..<offset + length]
                if length > 1 && piece.first == "0" { break }
                let endsRun = offset + length == digits.count
                let nextRun = endsRun ? run + 1 : run
                let nextOffset = endsRun ? 0 : offset + length
                // Every run still open needs a cell, and no cell may be empty.
                let cellsAfter = cells - parts.count - 1
                let runsOpen = runs.count - nextRun
                if cellsAfter < runsOpen || cellsAfter > digitsLeft(run: nextRun, offset: nextOffset) { continue }
                let text = String(String.UnicodeScalarView(piece))
                guard let value = Int(text) else { continue }
                parts.append(text)
                values.append(value)
                if identity.prefixHolds(values) { walk(run: nextRun, offset: nextOffset) }
                parts.removeLast()
                values.removeLast()
            }
        }
    }

    /// Every way of joining adjacent digit cells so that `cells` remain, that satisfies `identity`.
    static func joins(_ pieces: [String], into cells: Int, identity: RowIdentity) -> [[String]] {
        let joinsNeeded = pieces.count - cells
        guard joinsNeeded > 0, joinsNeeded <= 3, pieces.count <= 40 else { return [] }
        var found: [[String]] = []
        func choose(_ start: Int, _ chosen: [Int]) {
            if found.count >= maxCandidates { return }
            if chosen.count == joinsNeeded {
                var merged: [String] = []
                for (i, p) in pieces.enumerated() {
                    if i > 0 && chosen.contains(i - 1), let last = merged.popLast() {
                        merged.append(last + p)
                    } else {
                        merged.append(p)
                    }
                }
                let values = merged.compactMap { Int($0) }
                let noLeadingZero = merged.allSatisfy { $0.count == 1 || !$0.hasPrefix("0") }
                if values.count == merged.count, noLeadingZero, identity.holds(values) == true { found.append(merged) }
                return
            }
            guard start < pieces.count - 1 else { return }
            for b in start..<(pieces.count - 1) { choose(b + 1, chosen + [b]) }
        }
        choose(0, [])
        return found
    }
}
