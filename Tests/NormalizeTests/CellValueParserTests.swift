import NianbaoCore
import Testing

@testable import Normalize

/// Hand-written expectations for the tokens of report-formats §4.4.
@Suite("cell value tokens")
struct CellValueParserTests {
    struct Case: Sendable, CustomStringConvertible {
        let raw: String
        let column: ColumnKind
        let kind: CellKind
        let value: Double?
        var description: String { "\"\(raw)\" as \(column)" }
    }

    static let numbers: [Case] = [
        .init(raw: "12", column: .count, kind: .number, value: 12),
        .init(raw: "１２", column: .count, kind: .number, value: 12),  // full-width digits
        .init(raw: "1,234", column: .count, kind: .number, value: 1234),
        .init(raw: "1，234", column: .count, kind: .number, value: 1234),  // full-width comma
        .init(raw: "1 234", column: .count, kind: .number, value: 1234),
        .init(raw: "1,234,567", column: .count, kind: .number, value: 1_234_567),
        .init(raw: "10件", column: .count, kind: .number, value: 10),
        .init(raw: "5 条", column: .count, kind: .number, value: 5),
        .init(raw: "无", column: .count, kind: .number, value: 0),
        .init(raw: "零", column: .count, kind: .number, value: 0),
        .init(raw: "?0", column: .count, kind: .number, value: 0),  // seed 002 line 22: "規章 | 0 | ? ? 0 | ?0 |"
        .init(raw: "? ? 0", column: .count, kind: .number, value: 0),
        .init(raw: "????? 22", column: .count, kind: .number, value: 22),  // seed 002 line 23
        .init(raw: "558794", column: .count, kind: .number, value: 558_794),  // seed 002 line 26
        .init(raw: "-2", column: .signedCount, kind: .number, value: -2),
        .init(raw: "－2", column: .signedCount, kind: .number, value: -2),
        .init(raw: "+3", column: .signedCount, kind: .number, value: 3),
        .init(raw: "减少2", column: .signedCount, kind: .number, value: -2),
        .init(raw: "增加1", column: .signedCount, kind: .number, value: 1),
        .init(raw: "減少0", column: .signedCount, kind: .number, value: 0),
        // A sign outside 本年增/减 is still read; validation reports it (report-formats §3.3 D4).
        .init(raw: "-2", column: .count, kind: .number, value: -2),
        .init(raw: "1112万元", column: .amountYuan, kind: .number, value: 11_120_000),  // seed 001 line 73
        .init(raw: "251000元", column: .amountYuan, kind: .number, value: 251_000),
        .init(raw: "0.5亿元", column: .amountYuan, kind: .number, value: 50_000_000),
        .init(raw: "6万元", column: .amountYuan, kind: .number, value: 60_000),
        .init(raw: "251000", column: .amountYuan, kind: .number, value: 251_000),
        .init(raw: "668.57万元", column: .amountYuan, kind: .number, value: 6_685_700),
        .init(raw: "668.57", column: .amountTenThousandYuan, kind: .number, value: 668.57),  // seed 002 line 33
        .init(raw: "6685700元", column: .amountTenThousandYuan, kind: .number, value: 668.57),
        .init(raw: "668.57万元", column: .amountTenThousandYuan, kind: .number, value: 668.57),
    ]

    static let nonNumbers: [Case] = [
        .init(raw: "", column: .count, kind: .blank, value: nil),
        .init(raw: "&nbsp;", column: .count, kind: .blank, value: nil),
        .init(raw: "|", column: .count, kind: .blank, value: nil),
        .init(raw: "?", column: .count, kind: .blank, value: nil),
        .init(raw: "/", column: .count, kind: .notApplicable, value: nil),
        .init(raw: "／", column: .count, kind: .notApplicable, value: nil),
        .init(raw: "—", column: .count, kind: .notApplicable, value: nil),
        .init(raw: "——", column: .count, kind: .notApplicable, value: nil),
        .init(raw: "-", column: .count, kind: .notApplicable, value: nil),
        .init(raw: "－", column: .count, kind: .notApplicable, value: nil),
        .init(raw: "空", column: .count, kind: .notApplicable, value: nil),
        .init(raw: "N/A", column: .count, kind: .notApplicable, value: nil),
        .init(raw: "-", column: .signedCount, kind: .notApplicable, value: nil),
        .init(raw: "见附件", column: .count, kind: .unreadable, value: nil),
        .init(raw: "12%", column: .count, kind: .unreadable, value: nil),
        .init(raw: "12 5", column: .count, kind: .unreadable, value: nil),
        .init(raw: "1,23", column: .count, kind: .unreadable, value: nil),
        .init(raw: "5元", column: .count, kind: .unreadable, value: nil),  // money in a count column
        .init(raw: "10件", column: .amountYuan, kind: .unreadable, value: nil),
        .init(raw: "1234567890123456", column: .count, kind: .unreadable, value: nil),  // beyond exact doubles
    ]

    @Test(arguments: numbers + nonNumbers)
    func readsToken(_ c: Case) {
        let parsed = CellValueParser.parse(c.raw, as: c.column)
        #expect(parsed.kind == c.kind)
        #expect(parsed.value == c.value)
    }

    @Test(arguments: ["00", "0 0", "05", "００"])
    func leadingZeroIsReadAndFlagged(_ raw: String) {
        let parsed = CellValueParser.parse(raw, as: .count)
        #expect(parsed.kind == .number)
        #expect(parsed.value == (raw == "05" ? 5 : 0))
        #expect(parsed.issue == .leadingZero)
    }

    @Test(arguments: ["0", "10", "1,000", "0.5"])
    func ordinaryNumbersCarryNoIssue(_ raw: String) {
        #expect(CellValueParser.parse(raw, as: .count).issue == nil)
    }

    @Test(arguments: ["O", "1O", "l2", "I0"])
    func lookalikeLettersAreFlaggedNotGuessed(_ raw: String) {
        let parsed = CellValueParser.parse(raw, as: .count)
        #expect(parsed.kind == .unreadable)
        #expect(parsed.value == nil)
        #expect(parsed.issue == .suspiciousChar)
    }

    @Test func unknownTextIsUnreadableNotSuspicious() {
        let parsed = CellValueParser.parse("详见附表", as: .count)
        guard case .unreadable = parsed.issue else {
            Issue.record("expected .unreadable, got \(String(describing: parsed.issue))")
            return
        }
    }
}
