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
    /// A handle is opened per call: iconv handles carry shift state and must not be shared between threads.
    static func convert(_ bytes: ArraySlice<UInt8>, from sourceEncoding: String) -> Result? {
        let descriptor = iconv_open("UTF-8", sourceEncoding)
        guard let descriptor, descriptor != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }

        // UTF-8 output is at most 1.5× the input for GB18030, Big5 and UTF-16; 2× leaves room for odd cases.
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var produced = 0
        var invalid = 0
        var input = Array(bytes)
        let inputCount = input.count

        input.withUnsafeMutableBufferPointer { inputBuffer in
            guard let inputBase = inputBuffer.baseAddress else { return }
            var consumed = 0
            while consumed < inputCount {
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBase + consumed)
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
        return Result(text: String(decoding: output[0..<produced], as: UTF8.self), invalidByteCount: invalid)
    }
}
