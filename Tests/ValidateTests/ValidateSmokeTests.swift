import Testing
@testable import Validate

@Test func validateModuleLinks() {
    #expect(Bool(true))
}
