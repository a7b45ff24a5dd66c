/// Up to 64 keywords looked for in one pass, each as `LabelText.contains` would (a "?" in the text stands for one
/// lost character of a keyword longer than two). A table of first scalars picks the few keywords worth comparing
/// at each position, so a document is read once instead of once per keyword.
struct KeywordSet: Sendable {
    let words: [[Unicode.Scalar]]
    /// Hash of a keyword's first two scalars → the keywords (of two or more scalars) that start so.
    private let pairBuckets: [UInt64]
    /// Bucket of a keyword's first scalar → the keywords that start with it.
    private let firstBuckets: [UInt64]
    /// Keywords of one scalar.
    private let singles: UInt64
    /// Keywords a "?" may stand in (longer than two scalars).
    private let wildcardable: UInt64

    @inline(__always) static func key(_ a: Unicode.Scalar) -> Int { Int(a.value) & 255 }
    @inline(__always) static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Int { Int((a.value &* 31) ^ b.value) & 1023 }

    init(_ words: [[Unicode.Scalar]]) {
        // Bit i is words[i]; an empty keyword is kept for the numbering but never matches.
        let words = Array(words.prefix(64))
        var pairBuckets = [UInt64](repeating: 0, count: 1024)
        var firstBuckets = [UInt64](repeating: 0, count: 256)
        var singles: UInt64 = 0
        var wildcardable: UInt64 = 0
        for (i, word) in words.enumerated() where !word.isEmpty {
            let bit: UInt64 = 1 << UInt64(i)
            firstBuckets[Self.key(word[0])] |= bit
            if word.count == 1 { singles |= bit } else { pairBuckets[Self.key(word[0], word[1])] |= bit }
            if word.count > 2 { wildcardable |= bit }
        }
        self.words = words
        self.pairBuckets = pairBuckets
        self.firstBuckets = firstBuckets
        self.singles = singles
        self.wildcardable = wildcardable
    }

    init(_ words: [String]) { self.init(words.map { Array($0.unicodeScalars) }) }

    /// The bit of each keyword found in `hay`; stops once `wanted` are all found, or any when `firstOnly`.
    func present(in hay: UnsafeBufferPointer<Unicode.Scalar>, wanted: UInt64 = ~0, firstOnly: Bool = false) -> UInt64 {
        let wanted = wanted & (words.count == 64 ? ~0 : (1 << UInt64(words.count)) - 1)
        var found: UInt64 = 0
        pairBuckets.withUnsafeBufferPointer { pairBuckets in
            firstBuckets.withUnsafeBufferPointer { firstBuckets in
                words.withUnsafeBufferPointer { words in
                    var s = 0
                    let n = hay.count
                    while s < n {
                        let c = hay[s]
                        // A keyword starts here only if its first two scalars do, one of them being a "?" aside.
                        var candidates = singles == 0 ? 0 : firstBuckets[Self.key(c)] & singles
                        if s + 1 < n {
                            let d = hay[s + 1]
                            candidates |= pairBuckets[Self.key(c, d)]
                            if d == "?" { candidates |= firstBuckets[Self.key(c)] & wildcardable }
                        }
                        if c == "?" { candidates |= wildcardable }
                        candidates &= wanted & ~found
                        while candidates != 0 {
                            let w = candidates.trailingZeroBitCount
                            candidates &= candidates - 1
                            if Self.matches(hay, at: s, words[w]) {
                                found |= 1 << UInt64(w)
                                if found == wanted || firstOnly { return }
                            }
                        }
                        s += 1
                    }
                }
            }
        }
        return found
    }

    func present(in hay: [Unicode.Scalar], wanted: UInt64 = ~0) -> UInt64 {
        hay.withUnsafeBufferPointer { present(in: $0, wanted: wanted) }
    }

    /// Whether any keyword occurs in `hay`.
    func any(in hay: [Unicode.Scalar]) -> Bool {
        hay.withUnsafeBufferPointer { any(in: $0) }
    }

    func any(in hay: UnsafeBufferPointer<Unicode.Scalar>) -> Bool { present(in: hay, firstOnly: true) != 0 }

    /// `needle` at `start` of `hay`, with at most one "?" of `hay` standing for a scalar of a needle longer than two.
    @inline(__always)
    private static func matches(_ hay: UnsafeBufferPointer<Unicode.Scalar>, at start: Int, _ needle: [Unicode.Scalar]) -> Bool {
        let m = needle.count
        guard start + m <= hay.count else { return false }
        var wildcards = 0
        for j in 0..<m {
            let c = hay[start + j]
            if c != needle[j] {
                if c == "?" && wildcards == 0 && m > 2 {
                    wildcards += 1
                } else {
                    return false
                }
            }
        }
        return true
    }
}
