import NianbaoCore

/// A compact binary form of `CachedReport`. Foundation's JSON coders cost about a fifth of a cold run
/// (measured with perf on 2,000 reports); this writes lengths as varints and strings as raw UTF-8.
/// The leading magic carries a format number: a cache written by another format is simply re-extracted.
enum CacheCodec {
    static let magic: [UInt8] = Array("NBC4".utf8)

    static func encode(_ entry: CachedReport) -> [UInt8] {
        var w = ByteWriter()
        w.bytes.append(contentsOf: magic)
        let r = entry.report
        w.header(r.header)
        w.int(r.tables.count)
        for t in r.tables {
            w.string(t.name.rawValue)
            w.string(t.template.rawValue)
            w.int(t.cells.count)
            for c in t.cells {
                w.code(c.rowCode)
                w.code(c.columnCode)
                w.double(c.value)
                w.bytes.append(Self.code(of: c.kind))
                w.string(c.unit)
                w.string(c.raw)
                w.int(c.line)
                w.bool(c.derived)
            }
        }
        w.int(r.figures.count)
        for f in r.figures {
            w.code(f.metric)
            w.double(f.value)
            w.string(f.unit)
            w.string(f.qualifier?.rawValue)
            w.string(f.quote)
            w.int(f.line)
        }
        w.int(r.breakdowns.count)
        for b in r.breakdowns {
            w.int(b.total)
            w.int(b.parts.count)
            for p in b.parts { w.int(p) }
        }
        w.int(entry.rejects.count)
        for j in entry.rejects { w.reject(j) }
        return w.bytes
    }

    /// A cell's kind as one byte: as its name it was a String made and matched for every cell read.
    static func code(of kind: CellKind) -> UInt8 {
        switch kind {
        case .number: return 0
        case .blank: return 1
        case .notApplicable: return 2
        case .unreadable: return 3
        }
    }

    static func cellKind(_ code: UInt8) -> CellKind? {
        switch code {
        case 0: return .number
        case 1: return .blank
        case 2: return .notApplicable
        case 3: return .unreadable
        default: return nil
        }
    }

    /// nil for anything that is not a complete entry of this format.
    static func decode(_ bytes: [UInt8]) -> CachedReport? {
        var r = ByteReader(bytes: bytes)
        guard r.take(magic.count) == magic, let header = r.header() else { return nil }
        var tables: [NormalizedTable] = []
        guard let tableCount = r.int() else { return nil }
        for _ in 0..<tableCount {
            guard let name = r.string().flatMap(TableName.init(rawValue:)), let template = r.string().flatMap(Template.init(rawValue:)),
                let cellCount = r.int()
            else { return nil }
            var cells: [ValueCell] = []
            cells.reserveCapacity(cellCount)
            for _ in 0..<cellCount {
                guard let row = r.code(), let column = r.code(), let value = r.optionalDouble(),
                    let kind = r.byte().flatMap(Self.cellKind), let unit = r.optionalString(), let raw = r.string(),
                    let line = r.optionalInt(), let derived = r.bool()
                else { return nil }
                cells.append(ValueCell(rowCode: row, columnCode: column, value: value, kind: kind, unit: unit, raw: raw, line: line, derived: derived))
            }
            tables.append(NormalizedTable(name: name, template: template, cells: cells))
        }
        var figures: [Figure] = []
        guard let figureCount = r.int() else { return nil }
        for _ in 0..<figureCount {
            guard let metric = r.code(), let value = r.optionalDouble(), let value, let unit = r.optionalString(),
                let qualifier = r.optionalString(), let quote = r.string(), let line = r.optionalInt()
            else { return nil }
            figures.append(Figure(metric: metric, value: value, unit: unit, qualifier: qualifier.flatMap(FigureQualifier.init(rawValue:)), quote: quote, line: line))
        }
        var breakdowns: [FigureBreakdown] = []
        guard let breakdownCount = r.int() else { return nil }
        for _ in 0..<breakdownCount {
            guard let total = r.int(), let n = r.int() else { return nil }
            var parts: [Int] = []
            for _ in 0..<n {
                guard let p = r.int() else { return nil }
                parts.append(p)
            }
            breakdowns.append(FigureBreakdown(total: total, parts: parts))
        }
        var rejects: [Reject] = []
        guard let rejectCount = r.int() else { return nil }
        for _ in 0..<rejectCount {
            guard let j = r.reject() else { return nil }
            rejects.append(j)
        }
        guard r.isAtEnd else { return nil }
        return CachedReport(report: NormalizedReport(header: header, tables: tables, figures: figures, breakdowns: breakdowns), rejects: rejects)
    }
}

struct ByteWriter {
    var bytes: [UInt8] = []

    /// `capacity` matters for values that are kept: a buffer stays as large as it was reserved.
    init(capacity: Int = 16 << 10) { bytes.reserveCapacity(capacity) }

    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Non-negative counts and lines; optionals use 0 for nil and n + 1 otherwise.
    mutating func int(_ v: Int) { varint(UInt64(bitPattern: Int64(v)) << 1 ^ UInt64(bitPattern: Int64(v) >> 63)) }
    mutating func int(_ v: Int?) {
        guard let v else { return bytes.append(0) }
        bytes.append(1)
        int(v)
    }

    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    mutating func double(_ v: Double?) {
        guard let v else { return bytes.append(0) }
        bytes.append(1)
        var bits = v.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    mutating func string(_ s: String) {
        s.withUTF8Bytes { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func string(_ s: String?) {
        guard let s else { return bytes.append(0) }
        bytes.append(1)
        string(s)
    }

    /// A catalogue code as its position (see `knownCodes`), anything else spelled out.
    mutating func code(_ s: String) {
        if let position = knownCodes.position(of: s) {
            varint(UInt64(position + 1))
        } else {
            bytes.append(0)
            string(s)
        }
    }

    mutating func date(_ d: CivilDate?) {
        guard let d else { return bytes.append(0) }
        bytes.append(1)
        int(d.year)
        int(d.month)
        int(d.day)
    }

    mutating func header(_ h: ReportHeader) {
        string(h.reportID)
        string(h.sourcePath)
        int(h.sourceBytes)
        string(h.encoding)
        string(h.script?.rawValue)
        let m = h.metadata
        string(m.title)
        string(m.agency)
        string(m.signingOffice)
        string(m.publishingUnit)
        int(m.reportYear)
        date(m.publishedDate)
        date(m.signedDate)
        string(m.template.rawValue)
        bool(h.isReadable)
    }

    mutating func reject(_ j: Reject) {
        string(j.reportID)
        string(j.sourcePath)
        string(j.stage.rawValue)
        string(j.ruleID)
        string(j.severity.rawValue)
        string(j.table?.rawValue)
        string(j.rowCode)
        string(j.columnCode)
        string(j.expected)
        string(j.actual)
        string(j.message)
        int(j.line)
    }
}

/// A file read forward a chunk at a time, for records of varying length: a record that runs past the bytes read so
/// far is parsed again once the next chunk is in. The listing's cursors and the last run's state read through it.
struct ChunkedReader {
    private static let chunkBytes = 256 << 10
    private let fd: Int32
    private let end: Int
    private var fileOffset = 0
    private var reader = ByteReader(bytes: [])

    /// Bytes `0..<end` of the open file `fd`, read with pread(2), so readers of one file do not disturb each other.
    init(fd: Int32, end: Int) {
        self.fd = fd
        self.end = end
    }

    /// The next record as `parse` reads it; nil when the bytes left hold no whole one (the range ended, or a read
    /// failed).
    mutating func next<Record>(_ parse: (inout ByteReader) -> Record?) -> Record? {
        while true {
            var r = reader
            if let record = parse(&r) {
                reader = r
                return record
            }
            let length = min(end - fileOffset, Self.chunkBytes)
            guard length > 0, let more = readRange(fd, fileOffset..<(fileOffset + length)) else { return nil }
            fileOffset += length
            reader = ByteReader(bytes: reader.isAtEnd ? more : Array(reader.bytes[reader.offset...]) + more)
        }
    }

    /// Every byte of the range was parsed.
    var isAtEnd: Bool { reader.isAtEnd && fileOffset == end }
}

/// Reads what ByteWriter wrote; every accessor returns nil past the end or on a malformed value.
/// Optional accessors return `T??`: nil = malformed, .some(nil) = a stored nil.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func take(_ n: Int) -> [UInt8]? {
        guard n >= 0, offset + n <= bytes.count else { return nil }
        defer { offset += n }
        return Array(bytes[offset..<offset + n])
    }

    mutating func skip(_ n: Int) -> Bool {
        guard n >= 0, offset + n <= bytes.count else { return false }
        offset += n
        return true
    }

    mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func varint() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while let b = byte() {
            result |= UInt64(b & 0x7f) << shift
            if b < 0x80 { return result }
            shift += 7
            if shift > 63 { return nil }
        }
        return nil
    }

    mutating func int() -> Int? {
        guard let z = varint() else { return nil }
        return Int(Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1))))
    }

    mutating func optionalInt() -> Int?? {
        guard let flag = byte() else { return nil }
        if flag == 0 { return .some(nil) }
        guard let v = int() else { return nil }
        return .some(v)
    }

    mutating func bool() -> Bool? { byte().map { $0 != 0 } }

    mutating func optionalDouble() -> Double?? {
        guard let flag = byte() else { return nil }
        if flag == 0 { return .some(nil) }
        guard offset + 8 <= bytes.count else { return nil }
        var bits: UInt64 = 0
        for i in (0..<8).reversed() { bits = bits << 8 | UInt64(bytes[offset + i]) }
        offset += 8
        return .some(Double(bitPattern: bits))
    }

    mutating func string() -> String? {
        guard let n = varint(), n <= UInt64(bytes.count - offset) else { return nil }
        let start = offset
        offset += Int(n)
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    mutating func code() -> String? {
        guard let tag = varint() else { return nil }
        if tag == 0 { return string() }
        guard tag <= UInt64(knownCodes.all.count) else { return nil }
        return knownCodes.all[Int(tag - 1)]
    }

    mutating func optionalString() -> String?? {
        guard let flag = byte() else { return nil }
        if flag == 0 { return .some(nil) }
        guard let s = string() else { return nil }
        return .some(s)
    }

    mutating func date() -> CivilDate?? {
        guard let flag = byte() else { return nil }
        if flag == 0 { return .some(nil) }
        guard let y = int(), let m = int(), let d = int(), let date = CivilDate(year: y, month: m, day: d) else { return nil }
        return .some(date)
    }

    mutating func header() -> ReportHeader? {
        guard let id = string(), let path = string(), let size = int(), let encoding = optionalString(),
            let script = optionalString(), let title = optionalString(), let agency = optionalString(),
            let signing = optionalString(), let unit = optionalString(), let year = optionalInt(), let published = date(),
            let signed = date(), let template = string().flatMap(Template.init(rawValue:)), let readable = bool()
        else { return nil }
        let metadata = ReportMetadata(
            title: title, agency: agency, signingOffice: signing, publishingUnit: unit, reportYear: year, publishedDate: published,
            signedDate: signed, template: template)
        return ReportHeader(
            reportID: id, sourcePath: path, sourceBytes: size, encoding: encoding, script: script.flatMap(Script.init(rawValue:)),
            metadata: metadata, isReadable: readable)
    }

    mutating func reject() -> Reject? {
        guard let id = optionalString(), let path = string(), let stage = string().flatMap(StageName.init(rawValue:)),
            let rule = string(), let severity = string().flatMap(Severity.init(rawValue:)), let table = optionalString(),
            let row = optionalString(), let column = optionalString(), let expected = optionalString(), let actual = optionalString(),
            let message = string(), let line = optionalInt()
        else { return nil }
        return Reject(
            reportID: id, sourcePath: path, stage: stage, ruleID: rule, severity: severity, table: table.flatMap(TableName.init(rawValue:)),
            rowCode: row, columnCode: column, expected: expected, actual: actual, message: message, line: line)
    }
}

/// Row, column and metric codes of the catalogues, numbered. A cache entry names ~250 codes; written as positions
/// they cost a byte or two instead of up to 40, and decoding hands back the catalogue's own strings instead of
/// allocating a copy each, which also lets later string comparisons take the identical-storage shortcut.
let knownCodes = Numbering(
    [Codes.applicationRows, Codes.applicationColumns, Codes.activeItems, Codes.activeColumns, Codes.appealsGroups,
     Codes.appealsOutcomes, FigureMetrics.all].joined().map(\.code))

/// Strings numbered by first appearance, for stores that write a known string as its number.
struct Numbering: Sendable {
    let all: [String]
    /// Open addressing over the strings' UTF-8 with FNV-1a: a cache entry looks up ~250 codes, and String's
    /// seeded SipHash through a Dictionary was ~1.5% of a cold run.
    private let slots: [Int32]
    private let mask: Int

    init(_ strings: [String]) {
        var seen = Set<String>()
        all = strings.filter { seen.insert($0).inserted }
        var capacity = 16
        while capacity < all.count * 4 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        for (position, string) in all.enumerated() {
            var slot = Self.hash(string) & (capacity - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(position)
        }
        self.slots = slots
        mask = capacity - 1
    }

    func position(of string: String) -> Int? {
        var slot = Self.hash(string) & mask
        while true {
            let position = Int(slots[slot])
            if position < 0 { return nil }
            if all[position] == string { return position }
            slot = (slot + 1) & mask
        }
    }

    private static func hash(_ string: String) -> Int {
        let hash = fnv1a(string)
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}

/// FNV-1a over a string's UTF-8: cheap, and the same in every run (String's own hash is seeded per process).
func fnv1a(_ string: String) -> UInt64 {
    string.withUTF8Bytes { bytes in
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
