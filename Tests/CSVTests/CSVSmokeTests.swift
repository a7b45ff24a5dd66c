import Testing
@testable import CSV

@Test func cSVModuleLinks() {
    #expect(Bool(true))
}
