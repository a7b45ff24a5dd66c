import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered output to a file, optionally through one streaming gzip member (RFC 1952, windowBits 15+16).
///
/// Blocks of finished records are copied into a fixed raw buffer, which goes to the file once it is full.
final class CSVSink {
    private static let bufferLimit = 1 << 16
    let path: String
    private var file: UnsafeMutablePointer<FILE>?
    private var stream: UnsafeMutablePointer<z_stream>?
    private var buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Bytes written to `buffer` and not yet handed to the file.
    private var count = 0
    /// gzip's output, made only for gzip: zero-filled, 64 KB a table would be resident for nothing in a plain CSV run.
    private var compressed: [UInt8] = []

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
            compressed = [UInt8](repeating: 0, count: 1 << 16)
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

    /// Finished records: a block that does not fit goes out after what is buffered instead of growing the buffer,
    /// which otherwise kept the size of the largest batch of rows ever appended (one per table, for the whole run).
    func append(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard let source = bytes.baseAddress else { return }
        if count + bytes.count > capacity {
            try flush(finish: false)
            if bytes.count > capacity { return try emit(source, count: bytes.count, finish: false) }
        }
        (buffer + count).update(from: source, count: bytes.count)
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
        try emit(UnsafePointer(buffer), count: count, finish: finish)
        count = 0
    }

    /// Writes `count` bytes from `start` to the file, through the gzip stream if there is one.
    private func emit(_ start: UnsafePointer<UInt8>, count: Int, finish: Bool) throws {
        guard let file else { throw CSVError.io(path: path, reason: "file already closed") }
        if let stream {
            try deflateBlock(start, count: count, stream, into: file, finish: finish)
        } else if count > 0 {
            let written = fwrite(start, 1, count, file)
            guard written == count else {
                throw CSVError.io(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }

    private func deflateBlock(
        _ start: UnsafePointer<UInt8>, count: Int, _ stream: UnsafeMutablePointer<z_stream>, into file: UnsafeMutablePointer<FILE>,
        finish: Bool
    ) throws {
        let mode = finish ? Z_FINISH : Z_NO_FLUSH
        // zlib never writes through next_in; the pointer is only mutable for historical reasons.
        stream.pointee.next_in = UnsafeMutablePointer(mutating: start)
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
