#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The footer's row groups, encoded, kept in an unlinked file beside the Parquet file until the footer is written:
/// held in memory they grew with the number of row groups, ~3 bytes a report over a run, so a larger archive peaked
/// higher for that alone.
final class FooterSpill {
    private let path: String
    private let fd: Int32
    private var length = 0

    init(besides path: String) throws {
        self.path = path
        let spillPath = path + ".footer-spill"
        fd = open(spillPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ParquetError.io(path: spillPath, reason: String(cString: strerror(errno))) }
        // Gone from the folder at once: a killed run leaves nothing behind.
        unlink(spillPath)
    }

    deinit { close(fd) }

    func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = pwrite(fd, raw.baseAddress.unsafelyUnwrapped + done, raw.count - done, off_t(length + done))
                guard n > 0 else { throw ParquetError.io(path: path, reason: "footer spill: \(String(cString: strerror(errno)))") }
                done += n
            }
        }
        length += bytes.count
    }

    /// Everything appended, in order.
    func readAll() throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: length)
        try bytes.withUnsafeMutableBytes { raw in
            var done = 0
            while done < raw.count {
                let n = pread(fd, raw.baseAddress.unsafelyUnwrapped + done, raw.count - done, off_t(done))
                guard n > 0 else { throw ParquetError.io(path: path, reason: "footer spill: \(String(cString: strerror(errno)))") }
                done += n
            }
        }
        return bytes
    }
}
