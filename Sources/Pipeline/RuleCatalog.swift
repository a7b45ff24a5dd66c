import NianbaoCore
import Extract
import Normalize
import Validate

/// Every rule of every stage, in stage order: what `nianbao rules` prints and pipeline.json may name.
public enum RuleCatalog {
    public static var all: [Rule] { Extractor.rules + Normalizer.rules + Validator.rules + PipelineRules.all }

    public static var ids: Set<String> { Set(all.map(\.id)) }
}

/// Rules raised by the pipeline itself.
enum PipelineRules {
    static let unreadableFile = Rule(
        id: "unreadable_file", stage: .extract, severity: .error,
        title: "the file could not be read from disk", spec: "issue 2: bad input never loses a file")

    static let all: [Rule] = [unreadableFile]
}

/// The tool version, written into Parquet `created_by`, run.json and the incremental state.
public enum NianbaoVersion {
    public static let string = "0.1.0"
}
