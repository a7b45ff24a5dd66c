import Glibc

/// Converts bytes of a legacy or UTF-16 encoding to a Swift string with glibc iconv (engineering-notes §3.3).
/// Foundation's decoders are all-or-nothing; iconv reports the bad byte, so one corrupted byte costs one byte.
enum IconvConverter {
    struct Result {
        var text: String
        /// Bytes skipped because they were not valid in the source encoding (like `iconv -c`).
        var invalidByteCount: Int
    }

    /// nil only when glibc has no converter for `sourceEncoding`.
    /// `usingTables: false` converts with iconv alone, which the tables are checked against.
    static func convert(_ bytes: ArraySlice<UInt8>, from sourceEncoding: String, usingTables: Bool = true) -> Result? {
        let cached = ThreadHandles.handle(for: sourceEncoding)
        switch usingTables ? sourceEncoding : "" {
        case "GB18030":
            if let cached,
                let text = TwoByteTable.gb18030.decode(bytes, fourByte: { scalar(of: UnsafeBufferPointer(start: $0, count: 4), descriptor: cached) })
            {
                return Result(text: text, invalidByteCount: 0)
            }
        case "BIG5-HKSCS":
            if let text = TwoByteTable.big5HKSCS.decode(bytes) { return Result(text: text, invalidByteCount: 0) }
        default:
            break
        }
        // Without a thread cache (or a converter: then this fails too) a handle is opened for this call only.
        let opened = cached == nil ? iconv_open("UTF-8", sourceEncoding) : nil
        defer { if let opened, opened != ThreadHandles.failed { iconv_close(opened) } }
        guard let descriptor = cached ?? opened, descriptor != ThreadHandles.failed else { return nil }
        // A reused handle starts from the initial shift state, as a fresh one did; whatever a stateful decoder
        // (BIG5-HKSCS holds a possible combining pair) still held from the last file is dropped, as it was before.
        iconv(descriptor, nil, nil, nil, nil)

        // UTF-8 output is at most 1.5× the input for GB18030, Big5 and UTF-16; 2× leaves room for odd cases.
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var produced = 0
        var invalid = 0
        let inputCount = bytes.count

        bytes.withUnsafeBufferPointer { inputBuffer in
            guard let inputBase = inputBuffer.baseAddress else { return }
            var consumed = 0
            while consumed < inputCount {
                // iconv's prototype takes `char **` but never writes through the input pointer.
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inputBase + consumed)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inputCount - consumed
                let status: Int = output.withUnsafeMutableBufferPointer { outputBuffer in
                    guard let outputBase = outputBuffer.baseAddress else { return 0 }
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outputBase + produced)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = outputBuffer.count - produced
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    produced = outputBuffer.count - outLeft
                    return result == -1 ? Int(errno) : 0
                }
                consumed = inputCount - inLeft
                switch status {
                case 0:
                    continue
                case Int(E2BIG):
                    output.append(contentsOf: repeatElement(0, count: max(64, output.count / 2)))
                case Int(EILSEQ):
                    invalid += 1
                    consumed += 1
                default:
                    // EINVAL: the text ends inside a multi-byte character.
                    invalid += inputCount - consumed
                    consumed = inputCount
                }
            }
        }
        // Checked, not `String(knownValidUTF8:)`: on random bytes glibc's iconv wrote code points beyond U+10FFFF.
        return Result(text: String(decoding: output[0..<produced], as: UTF8.self), invalidByteCount: invalid)
    }
}

extension IconvConverter {
    /// The one scalar iconv makes of `bytes` (one character: at most four) with its state reset, or nil. Nil too when
    /// iconv takes the bytes but writes nothing yet, waiting for what follows (Big5-HKSCS holds back letters a next
    /// character may combine with).
    static func scalar(of bytes: UnsafeBufferPointer<UInt8>, descriptor: iconv_t) -> UInt32? {
        guard descriptor != ThreadHandles.failed, let start = bytes.baseAddress, bytes.count <= 4 else { return nil }
        iconv(descriptor, nil, nil, nil, nil)
        var output: (UInt64, UInt64) = (0, 0)
        let written: Int? = withUnsafeMutableBytes(of: &output) { outBytes in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: start).assumingMemoryBound(to: CChar.self)
            var inLeft = bytes.count
            var outPointer = outBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
            var outLeft = outBytes.count
            guard iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
            return outBytes.count - outLeft
        }
        guard let written, written > 0 else { return nil }
        let text = withUnsafeBytes(of: output) { String(decoding: $0.prefix(written), as: UTF8.self) }
        var scalars = text.unicodeScalars.makeIterator()
        guard let scalar = scalars.next(), scalars.next() == nil, scalar.value != 0xFFFD else { return nil }
        return scalar.value
    }
}

/// iconv handles per thread, one per source encoding, kept for the thread's life: `iconv_open` searches glibc's
/// gconv module cache and `iconv_close` tears the steps down again, which cost more than converting a 10 KB report.
/// Handles carry shift state, so they are never shared between threads.
private final class ThreadHandles {
    private var handles: [(name: String, descriptor: iconv_t)] = []

    deinit {
        for entry in handles { iconv_close(entry.descriptor) }
    }

    private static let key: pthread_key_t? = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<ThreadHandles>.fromOpaque(pointer).release() }
        }
        return created == 0 ? key : nil
    }()

    /// `(iconv_t) -1`, what iconv_open returns for an unknown encoding.
    static var failed: iconv_t? { UnsafeMutableRawPointer(bitPattern: -1) }

    /// This thread's handle converting `sourceEncoding` to UTF-8, or nil when glibc has no such converter.
    static func handle(for sourceEncoding: String) -> iconv_t? {
        guard let key else { return nil }
        let cache: ThreadHandles
        if let existing = pthread_getspecific(key) {
            cache = Unmanaged<ThreadHandles>.fromOpaque(existing).takeUnretainedValue()
        } else {
            cache = ThreadHandles()
            let retained = Unmanaged.passRetained(cache)
            guard pthread_setspecific(key, retained.toOpaque()) == 0 else {
                retained.release()
                return nil
            }
        }
        for entry in cache.handles where entry.name == sourceEncoding { return entry.descriptor }
        guard let descriptor = iconv_open("UTF-8", sourceEncoding), descriptor != failed else { return nil }
        cache.handles.append((sourceEncoding, descriptor))
        return descriptor
    }
}
