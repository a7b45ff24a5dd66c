/// Tells a value cell from a label cell (report-formats §4.4): a value is a number with optional sign, thousands
/// separators, decimals and unit, a "not applicable" mark, 无/零/空, or blank. Anything else is a label.
enum CellValueShape {
    private static let notApplicable: Set<String> = [
        "/", "//", "\\", "-", "--", "---", "—", "——", "–", "─", "一一", "空", "无", "零", "N/A", "n/a", "NA", "×", "*",
    ]
    private static let units: [[Unicode.Scalar]] = ["万元", "亿元", "人次", "元", "万", "亿", "件", "条", "项", "个", "次", "篇", "宗", "起", "份", "%", "人"]
        .map { Array($0.unicodeScalars) }
    private static let maxUnitLength = units.map(\.count).max() ?? 0
    private static let signs: [[Unicode.Scalar]] = ["减少", "增加", "减", "增", "+", "-", "—"].map { Array($0.unicodeScalars) }

    private static let notApplicableScalars = notApplicable.map { Array($0.unicodeScalars) }

    /// True for a value cell; `compact` is the cell text without whitespace (an array, or a slice of the zone's
    /// scalar buffer while tokenizing).
    @inline(__always)
    static func isValue<C: RandomAccessCollection<Unicode.Scalar>>(_ compact: C) -> Bool where C.Index == Int {
        guard let first = compact.first else { return true }
        if LabelText.isDigit(first) { return isNumber(compact) }
        if compact.count <= 3, isNotApplicable(compact) { return true }
        return isNumber(compact)
    }

    /// `notApplicable` holds the text, by String (canonical) equality. Text made only of scalars that no
    /// normalisation changes or combines (ASCII, unified Han, the dashes and "×" of the list) equals an entry
    /// exactly when its scalars do, which spares building and hashing a String for most short cells.
    private static func isNotApplicable<C: RandomAccessCollection<Unicode.Scalar>>(_ c: C) -> Bool where C.Index == Int {
        let inert = c.allSatisfy { s in
            s.value < 0x80 || (0x4E00...0x9FFF).contains(s.value) || s == "—" || s == "–" || s == "─" || s == "×"
        }
        guard inert else {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: c)
            return notApplicable.contains(String(view))
        }
        return notApplicableScalars.contains { $0.elementsEqual(c) }
    }

    static func isNumber<C: RandomAccessCollection<Unicode.Scalar>>(_ c: C) -> Bool where C.Index == Int {
        var i = c.startIndex
        // Every sign starts with one of these; most cells start with a digit or a Han character.
        if let first = c.first, first == "减" || first == "增" || first == "+" || first == "-" || first == "—" {
            for sign in signs where c.count > sign.count && c.starts(with: sign) {
                i += sign.count
                break
            }
        }
        guard i < c.endIndex, LabelText.isDigit(c[i]) else { return false }
        var sawDot = false
        while i < c.endIndex {
            let s = c[i]
            if LabelText.isDigit(s) || s == "," {
                i += 1
            } else if s == "." && !sawDot {
                sawDot = true
                i += 1
            } else {
                break
            }
        }
        if i == c.endIndex { return true }
        guard c.endIndex - i <= maxUnitLength else { return false }
        let tail = c[i...]
        return units.contains { $0.elementsEqual(tail) }
    }

    /// True when the text is only ASCII digits (candidate for a run-together row).
    @inline(__always)
    static func isDigitRun<C: RandomAccessCollection<Unicode.Scalar>>(_ c: C) -> Bool {
        !c.isEmpty && c.allSatisfy(LabelText.isDigit)
    }

    /// Page furniture of PDF exports that can sit inside a table: "- 5 -", "第 5 页", "第5页 共12页", "5/12".
    static func isPageFooter<C: RandomAccessCollection<Unicode.Scalar>>(_ c: C) -> Bool where C.Index == Int {
        guard c.count >= 2, let first = c.first,
            first == "-" || first == "—" || first == "第" || LabelText.isDigit(first)
        else { return false }
        guard c.contains(where: LabelText.isDigit) else { return false }
        if (c.first == "-" || c.first == "—") && (c.last == "-" || c.last == "—") {
            return c.dropFirst().dropLast().allSatisfy { LabelText.isDigit($0) || $0 == "-" || $0 == "—" }
        }
        if c.first == "第" && c.contains("页") {
            return c.allSatisfy { LabelText.isDigit($0) || $0 == "第" || $0 == "页" || $0 == "共" || $0 == "," || $0 == "/" }
        }
        if let slash = c.firstIndex(of: "/"), slash > c.startIndex, slash < c.endIndex - 1 {
            return c.allSatisfy { LabelText.isDigit($0) || $0 == "/" } && c.lastIndex(of: "/") == slash
        }
        return false
    }
}
