import CUchardet

/// Asks uchardet what a byte string most likely is (engineering-notes §3.2). uchardet 0.0.7 has no confidence
/// API, so the answer is a name or nothing.
enum CharsetDetector {
    /// uchardet's iconv-compatible name in upper case, or nil when it has no answer.
    /// A detector per call: uchardet objects are not thread-safe and creating one is cheap next to decoding.
    static func guess(_ bytes: ArraySlice<UInt8>) -> String? {
        guard let detector = uchardet_new() else { return nil }
        defer { uchardet_delete(detector) }
        // 64 KB is far more than uchardet needs to settle (it is right from 128 bytes on the seeds).
        let sample = bytes.prefix(65_536)
        let failed = sample.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                uchardet_handle_data(detector, $0, buffer.count) != 0
            }
        }
        guard !failed else { return nil }
        uchardet_data_end(detector)
        guard let name = uchardet_get_charset(detector) else { return nil }
        let answer = String(cString: name).uppercased()
        return answer.isEmpty ? nil : answer
    }
}
