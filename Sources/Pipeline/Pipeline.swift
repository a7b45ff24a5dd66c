import NianbaoCore
import Extract
import Normalize
import Validate
import Load

/// Composition root.
public enum NianbaoPipeline {
    public static let version = "0.1.0"
}
