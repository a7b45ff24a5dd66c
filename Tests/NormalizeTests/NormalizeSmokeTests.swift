import Testing
@testable import Normalize

@Test func normalizeModuleLinks() {
    #expect(Bool(true))
}
