import Testing
@testable import Load

@Test func loadModuleLinks() {
    #expect(Bool(true))
}
