import CCrypto

/// SHA-256 (FIPS 180-4). Report ids and incremental-state content hashes need it, and Linux has no CryptoKit.
/// libcrypto's SHA-NI code hashes ~2 GB/s; the portable Swift rounds this replaced did 200 MB/s, 45 µs a report.
public enum SHA256 {
    /// The 32-byte digest.
    public static func digest(_ message: [UInt8]) -> [UInt8] {
        var context = SHA256_CTX()
        var out = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        SHA256_Init(&context)
        message.withUnsafeBytes { _ = SHA256_Update(&context, $0.baseAddress, $0.count) }
        out.withUnsafeMutableBufferPointer { _ = SHA256_Final($0.baseAddress, &context) }
        return out
    }

    /// Lower-case hex of the digest.
    public static func hex(_ message: [UInt8]) -> String {
        hex(digest: digest(message))
    }

    /// Lower-case hex of a digest already computed.
    public static func hex(digest: [UInt8]) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 64) { out in
            digits.withUTF8Buffer { digits in
                for (i, byte) in digest.enumerated() {
                    out[2 * i] = digits[Int(byte >> 4)]
                    out[2 * i + 1] = digits[Int(byte & 0x0f)]
                }
            }
            return 64
        }
    }

    /// A digest of a message given in pieces, for messages too large to hold whole.
    public struct Stream {
        private var context = SHA256_CTX()

        public init() { SHA256_Init(&context) }

        public mutating func update(_ text: String) {
            text.withUTF8Bytes { _ = SHA256_Update(&context, $0.baseAddress, $0.count) }
        }

        /// Lower-case hex of the digest of everything given so far.
        public mutating func hex() -> String {
            var out = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
            out.withUnsafeMutableBufferPointer { _ = SHA256_Final($0.baseAddress, &context) }
            return SHA256.hex(digest: out)
        }
    }
}
