import Testing
@testable import Load

@Test func loadModuleLinks() {
    #expect(Bool(true))
}

@Test func jsonStringsEscapeAsRFC8259Asks() {
    #expect(JSONText.string("金臺區 plain") == "\"金臺區 plain\"")
    #expect(JSONText.string("a\"b\\c\nd\re\tf\u{1}g\u{1F}") == "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001f\"")
    #expect(JSONText.string("") == "\"\"")
}
