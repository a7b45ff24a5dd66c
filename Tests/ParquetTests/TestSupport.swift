import Foundation

/// A fresh directory per test, so parallel tests never share files.
func makeTemporaryDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("parquet-tests-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Parses a hexdump in the engineering-notes layout (`0010: 06 15 …`), ignoring the offsets.
func bytes(fromHexDump dump: String) -> [UInt8] {
    var result: [UInt8] = []
    for line in dump.split(separator: "\n") {
        let body = line.split(separator: ":", maxSplits: 1).last ?? ""
        for token in body.split(separator: " ") {
            if let byte = UInt8(token, radix: 16) { result.append(byte) }
        }
    }
    return result
}

func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined(separator: " ")
}
