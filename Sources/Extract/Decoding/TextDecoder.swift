import NianbaoCore

/// Detects the encoding of a file and decodes it (report-formats §4, engineering-notes §3).
enum TextDecoder {
    /// nil when the bytes are binary or cannot be decoded; a reject has then been added.
    static func decode(_ bytes: [UInt8], findings: inout Findings) -> DecodedText? {
        guard !bytes.isEmpty else {
            findings.add(DecodeRules.undecodable, "the file is empty")
            return nil
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            findings.add(DecodeRules.undecodable, "the bytes are not valid UTF-8")
            return nil
        }
        return DecodedText(encoding: "utf-8", text: text)
    }
}
