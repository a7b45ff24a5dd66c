#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered file output that counts every byte, so page and footer offsets come from the counter.
final class FileSink {
    let path: String
    private var file: UnsafeMutablePointer<FILE>?
    private(set) var offset: Int64 = 0

    init(path: String) throws {
        self.path = path
        guard let file = fopen(path, "wb") else {
            throw ParquetError.io(path: path, reason: String(cString: strerror(errno)))
        }
        setvbuf(file, nil, _IOFBF, 1 << 20)
        self.file = file
    }

    deinit {
        if let file { fclose(file) }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func write(_ raw: UnsafeRawBufferPointer) throws {
        guard let file else { throw ParquetError.io(path: path, reason: "file already closed") }
        guard let base = raw.baseAddress, raw.count > 0 else { return }
        let written = fwrite(base, 1, raw.count, file)
        guard written == raw.count else {
            throw ParquetError.io(path: path, reason: String(cString: strerror(errno)))
        }
        offset += Int64(written)
    }

    func close() throws {
        guard let file else { return }
        self.file = nil
        if fclose(file) != 0 {
            throw ParquetError.io(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
