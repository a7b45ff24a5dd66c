import NianbaoCore
import Parquet
import CSV

/// Load stage: checked reports → contract tables.
public final class Loader {
    public init() {}
}
