import Testing
@testable import Extract

@Test func extractModuleLinks() {
    #expect(Bool(true))
}
