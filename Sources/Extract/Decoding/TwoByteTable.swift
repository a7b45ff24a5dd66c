import Glibc

/// Every two-byte character of GB18030 or Big5-HKSCS, as glibc's iconv reads it on its own, asked once per process;
/// a file made only of ASCII and such characters is then decoded by table lookups. Through iconv a report cost
/// ~600,000 instructions (two conversion steps per character), 3.7% of extraction. A four-byte GB18030 sequence is
/// handed to `fourByte` (iconv on those four bytes: the encoding has no state). Anything else the table lacks (a
/// stray byte, a pair iconv rejects, or one Big5-HKSCS may combine with the next) sends the whole file to iconv, so
/// every file decodes to exactly what iconv gives.
struct TwoByteTable: Sendable {
    // Literals, not stored statics: the decoding loop reads them for every pair.
    private static var firstLead: Int { 0x81 }
    private static var firstTrail: Int { 0x40 }
    private static var trailsPerLead: Int { 0xBF }

    /// The UTF-8 of each pair's scalar, its bytes in order from the low byte (one unaligned store writes them), at
    /// `(lead - 0x81) * 191 + trail - 0x40`; 0 where iconv is to decide.
    private let utf8: [UInt32]

    static let gb18030 = TwoByteTable(iconvName: "GB18030")
    static let big5HKSCS = TwoByteTable(iconvName: "BIG5-HKSCS")

    /// The table of `iconvName`'s conversions; empty (every pair left to iconv) when glibc cannot convert from it.
    init(iconvName: String) {
        utf8 = Self.packedUTF8(of: iconvName)
    }

    private static func packedUTF8(of iconvName: String) -> [UInt32] {
        var packed = [UInt32](repeating: 0, count: (0xFF - firstLead) * trailsPerLead)
        guard let descriptor = iconv_open("UTF-8", iconvName), descriptor != UnsafeMutableRawPointer(bitPattern: -1) else {
            return packed
        }
        defer { iconv_close(descriptor) }
        for lead in firstLead...0xFE {
            for trail in firstTrail...0xFE {
                // A pair counts only when iconv makes exactly one scalar of it at once.
                let pair = [UInt8(lead), UInt8(trail)]
                guard let scalar = pair.withUnsafeBufferPointer({ IconvConverter.scalar(of: $0, descriptor: descriptor) }) else { continue }
                packed[(lead - firstLead) * trailsPerLead + trail - firstTrail] = packedUTF8(of: scalar)
            }
        }
        return packed
    }

    /// The UTF-8 of `scalar` in the table's packing; 0 for a value that is not a scalar.
    private static func packedUTF8(of scalar: UInt32) -> UInt32 {
        guard let utf8 = Unicode.Scalar(scalar)?.utf8 else { return 0 }
        return utf8.enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
    }

    /// The text of `bytes` when every byte is ASCII or part of a pair in the table, or of a four-byte sequence
    /// `fourByte` reads as one scalar (nil: no such sequences); nil sends the file to iconv.
    func decode(_ bytes: ArraySlice<UInt8>, fourByte: ((UnsafePointer<UInt8>) -> UInt32?)? = nil) -> String? {
        // A pair becomes at most four bytes of UTF-8 (a scalar beyond U+FFFF), and a pair's four bytes are stored
        // whole whatever its length: the room for that is in the 16 bytes to spare.
        var readable = true
        let text = String(knownValidUTF8Capacity: bytes.count * 2 + 16) { out in
            utf8.withUnsafeBufferPointer { table in
                bytes.withUnsafeBufferPointer { input in
                    guard let table = table.baseAddress, let input = input.baseAddress, let out = out.baseAddress else { return 0 }
                    guard let produced = Self.decode(input, count: bytes.count, table: table, fourByte: fourByte, into: out) else {
                        readable = false
                        return 0
                    }
                    return produced
                }
            }
        }
        return readable ? text : nil
    }

    /// UTF-8 bytes written to `out`, or nil at the first byte the table cannot read.
    private static func decode(
        _ input: UnsafePointer<UInt8>, count n: Int, table: UnsafePointer<UInt32>, fourByte: ((UnsafePointer<UInt8>) -> UInt32?)?,
        into out: UnsafeMutablePointer<UInt8>
    ) -> Int? {
        var i = 0
        var o = 0
        while i < n {
            let lead = Int(input[i])
            if lead < 0x80 {
                out[o] = UInt8(truncatingIfNeeded: lead)
                o += 1
                i += 1
                // Markup and numbers come in ASCII runs, copied a word at a time.
                while i + 8 <= n {
                    let word = UnsafeRawPointer(input + i).loadUnaligned(as: UInt64.self)
                    guard word & 0x8080_8080_8080_8080 == 0 else { break }
                    UnsafeMutableRawPointer(out + o).storeBytes(of: word, as: UInt64.self)
                    i += 8
                    o += 8
                }
                continue
            }
            guard lead >= firstLead, lead <= 0xFE, i + 1 < n else { return nil }
            let trail = Int(input[i + 1])
            let packed: UInt32
            if trail >= firstTrail, trail <= 0xFE {
                packed = table[(lead - firstLead) * trailsPerLead + trail - firstTrail]
                i += 2
            } else {
                guard trail >= 0x30, trail <= 0x39, i + 3 < n, let fourByte, let scalar = fourByte(input + i) else { return nil }
                packed = packedUTF8(of: scalar)
                i += 4
            }
            guard packed != 0 else { return nil }
            UnsafeMutableRawPointer(out + o).storeBytes(of: packed.littleEndian, as: UInt32.self)
            let first = packed & 0xFF
            o += first < 0x80 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4
        }
        return o
    }
}
