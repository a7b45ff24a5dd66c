import Testing
@testable import Pipeline

@Test func pipelineModuleLinks() {
    #expect(Bool(true))
}
