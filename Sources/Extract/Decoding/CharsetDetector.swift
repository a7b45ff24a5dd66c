import CUchardet
import Glibc

/// Asks uchardet what a byte string most likely is (engineering-notes §3.2). uchardet 0.0.7 has no confidence
/// API, so the answer is a name or nothing.
enum CharsetDetector {
    /// uchardet's iconv-compatible name in upper case, or nil when it has no answer.
    static func guess(_ bytes: ArraySlice<UInt8>) -> String? {
        guard let detector = ThreadDetector.acquire() else { return nil }
        defer { ThreadDetector.release(detector) }
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

/// One uchardet detector per thread, reset between uses: creating one costs about 1 ms (it builds every prober),
/// twenty times the detection itself, and detectors must not be shared between threads.
private enum ThreadDetector {
    private static let key: pthread_key_t? = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { pointer in
            if let pointer { uchardet_delete(OpaquePointer(pointer)) }
        }
        return created == 0 ? key : nil
    }()

    static func acquire() -> OpaquePointer? {
        guard let key else { return uchardet_new() }
        if let existing = pthread_getspecific(key) { return OpaquePointer(existing) }
        guard let detector = uchardet_new() else { return nil }
        if pthread_setspecific(key, UnsafeRawPointer(detector)) != 0 {
            uchardet_delete(detector)
            return uchardet_new()
        }
        return detector
    }

    static func release(_ detector: OpaquePointer) {
        if let key, pthread_getspecific(key) == UnsafeMutableRawPointer(detector) {
            uchardet_reset(detector)
        } else {
            uchardet_delete(detector)
        }
    }
}
