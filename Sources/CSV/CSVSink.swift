import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered output to a file, optionally through one streaming gzip member (RFC 1952, windowBits 15+16).
final class CSVSink {
    private static let bufferLimit = 1 << 16
    let path: String
    private var file: UnsafeMutablePointer<FILE>?
    private var stream: UnsafeMutablePointer<z_stream>?
    private(set) var pending: [UInt8] = []
    private var compressed = [UInt8](repeating: 0, count: 1 << 16)

    init(path: String, gzip: Bool) throws {
        self.path = path
        guard let file = fopen(path, "wb") else {
            throw CSVError.io(path: path, reason: String(cString: strerror(errno)))
        }
        self.file = file
        pending.reserveCapacity(Self.bufferLimit + 4096)
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
    }

    func append(_ byte: UInt8) {
        pending.append(byte)
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        pending.append(contentsOf: bytes)
    }

    /// Hands the buffer to the file once it is large enough.
    func flushIfFull() throws {
        if pending.count >= Self.bufferLimit { try flush(finish: false) }
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
        } else if !pending.isEmpty {
            let written = pending.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            guard written == pending.count else {
                throw CSVError.io(path: path, reason: String(cString: strerror(errno)))
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    private func deflatePending(_ stream: UnsafeMutablePointer<z_stream>, into file: UnsafeMutablePointer<FILE>, finish: Bool) throws {
        let mode = finish ? Z_FINISH : Z_NO_FLUSH
        try pending.withUnsafeMutableBufferPointer { input in
            stream.pointee.next_in = input.baseAddress
            stream.pointee.avail_in = UInt32(input.count)
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
}
