import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered output to a file, optionally through one streaming gzip member (RFC 1952, windowBits 15+16).
///
/// The buffer is raw memory the writer fills through `reserve`: appending a field is a bounds check
/// and a copy, with no Array uniqueness or exclusivity checks per byte.
final class CSVSink {
    private static let bufferLimit = 1 << 16
    let path: String
    private var file: UnsafeMutablePointer<FILE>?
    private var stream: UnsafeMutablePointer<z_stream>?
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written to `buffer` and not yet handed to the file.
    var count = 0
    private var compressed = [UInt8](repeating: 0, count: 1 << 16)

    init(path: String, gzip: Bool) throws {
        self.path = path
        capacity = Self.bufferLimit + 4096
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        // Every property is set by now, so a throw below runs `deinit`, which frees the buffer.
        guard let file = fopen(path, "wb") else {
            throw CSVError.io(path: path, reason: String(cString: strerror(errno)))
        }
        self.file = file
        if gzip {
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            let result = deflateInit2_(
                stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            guard result == Z_OK else {
                stream.deallocate()
                fclose(file)
                self.file = nil
                throw CSVError.io(path: path, reason: "gzip init failed (\(result))")
            }
            self.stream = stream
        }
    }

    deinit {
        if let stream {
            deflateEnd(stream)
            stream.deallocate()
        }
        if let file { fclose(file) }
        buffer.deallocate()
    }

    /// Room for `extra` more bytes at `count`; the caller writes them and advances `count`.
    /// The buffer grows rather than flushing, so a record is never split across a flush
    /// (a rejected record can be taken back by resetting `count`).
    @inline(__always)
    func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        if count + extra > capacity { grow(count + extra) }
        return buffer + count
    }

    private func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = grown
        capacity = newCapacity
    }

    func append(_ byte: UInt8) {
        reserve(1).pointee = byte
        count += 1
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Hands the buffer to the file once it is large enough.
    func flushIfFull() throws {
        if count >= Self.bufferLimit { try flush(finish: false) }
    }

    func close() throws {
        guard file != nil else { return }
        try flush(finish: true)
        if let stream {
            deflateEnd(stream)
            stream.deallocate()
            self.stream = nil
        }
        if let file, fclose(file) != 0 {
            self.file = nil
            throw CSVError.io(path: path, reason: String(cString: strerror(errno)))
        }
        file = nil
    }

    private func flush(finish: Bool) throws {
        guard let file else { throw CSVError.io(path: path, reason: "file already closed") }
        if let stream {
            try deflatePending(stream, into: file, finish: finish)
        } else if count > 0 {
            let written = fwrite(buffer, 1, count, file)
            guard written == count else {
                throw CSVError.io(path: path, reason: String(cString: strerror(errno)))
            }
        }
        count = 0
    }

    private func deflatePending(_ stream: UnsafeMutablePointer<z_stream>, into file: UnsafeMutablePointer<FILE>, finish: Bool) throws {
        let mode = finish ? Z_FINISH : Z_NO_FLUSH
        stream.pointee.next_in = buffer
        stream.pointee.avail_in = UInt32(count)
        while true {
            let (result, produced) = compressed.withUnsafeMutableBufferPointer { output in
                stream.pointee.next_out = output.baseAddress
                stream.pointee.avail_out = UInt32(output.count)
                let result = deflate(stream, mode)
                return (result, output.count - Int(stream.pointee.avail_out))
            }
            guard result == Z_OK || result == Z_STREAM_END || result == Z_BUF_ERROR else {
                throw CSVError.io(path: path, reason: "gzip deflate failed (\(result))")
            }
            if produced > 0 {
                let written = compressed.withUnsafeBytes { fwrite($0.baseAddress, 1, produced, file) }
                guard written == produced else {
                    throw CSVError.io(path: path, reason: String(cString: strerror(errno)))
                }
            }
            if finish ? result == Z_STREAM_END : stream.pointee.avail_in == 0 && produced < compressed.count {
                break
            }
        }
    }
}
