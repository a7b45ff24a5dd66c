/// Failures of the tool itself (bad input data is never thrown: it becomes a reject).
/// The executable maps each case to one sysexits code.
public enum PipelineError: Error, CustomStringConvertible, Equatable {
    /// Bad command line.
    case usage(String)
    /// pipeline.json unreadable or invalid; `key` is the dotted path of the offending key.
    case configInvalid(file: String, key: String?, reason: String)
    /// The input folder does not exist or cannot be listed.
    case inputMissing(String)
    /// The output or state folder cannot be written (permissions, disk full).
    case outputNotWritable(path: String, reason: String)
    /// Another run holds the lock.
    case locked(holder: String)

    public var description: String {
        switch self {
        case .usage(let message): return message
        case .configInvalid(let file, let key, let reason):
            return key.map { "\(file): key '\($0)': \(reason)" } ?? "\(file): \(reason)"
        case .inputMissing(let path): return "input folder \(path) does not exist or cannot be read"
        case .outputNotWritable(let path, let reason): return "cannot write \(path): \(reason); previous outputs are intact"
        case .locked(let holder): return "another nianbao run holds the lock (\(holder)); try again later"
        }
    }
}
