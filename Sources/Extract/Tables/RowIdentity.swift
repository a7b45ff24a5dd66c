/// The identity a single row of a template table must satisfy, used to choose between readings of a row whose
/// cells were run together or split apart (report-formats §3).
enum RowIdentity: Sendable {
    /// Active-disclosure rows have none: any reading is a guess.
    case none
    /// A4: the last cell (总计) is the sum of the others.
    case lastIsSum
    /// R1–R3: in every group of five, the fifth cell (总计) is the sum of the first four.
    case groupsOfFive

    /// nil when the identity cannot be evaluated (no identity, or wrong width).
    func holds(_ values: [Int]) -> Bool? {
        switch self {
        case .none:
            return nil
        case .lastIsSum:
            guard let total = values.last else { return nil }
            return values.dropLast().reduce(0, +) == total
        case .groupsOfFive:
            guard values.count % 5 == 0 else { return nil }
            return stride(from: 0, to: values.count, by: 5).allSatisfy { g in
                values[g..<g + 4].reduce(0, +) == values[g + 4]
            }
        }
    }

    /// Checks a finished prefix early so the split search can prune (only whole groups of five are checked).
    func prefixHolds(_ values: [Int]) -> Bool {
        guard case .groupsOfFive = self, !values.isEmpty, values.count % 5 == 0 else { return true }
        let g = values.count - 5
        return values[g..<g + 4].reduce(0, +) == values[g + 4]
    }

    var name: String {
        switch self {
        case .none: return "no identity"
        case .lastIsSum: return "A4"
        case .groupsOfFive: return "R1-R3"
        }
    }
}
