import Testing
@testable import Parquet

@Test func parquetModuleLinks() {
    #expect(Bool(true))
}
