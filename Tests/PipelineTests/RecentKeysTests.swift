import Testing

@testable import Pipeline

@Suite("RecentKeys: a map of the last insertions")
struct RecentKeysTests {
    @Test func remembersTheLastCapacityKeysAndForgetsTheOldest() {
        var recent = RecentKeys<Int, String>(capacity: 3)
        for (key, value) in [(1, "a"), (2, "b"), (3, "c")] {
            let added = recent.insert(key, value)
            #expect(added)
        }
        let replaced = !recent.insert(2, "B")
        #expect(replaced)  // known: replaced, nothing forgotten
        #expect(recent[2] == "B" && recent[1] == "a")
        let added = recent.insert(4, "d")
        #expect(added)  // forgets 1, the oldest insertion
        #expect(recent[1] == nil && recent[2] == "B" && recent[3] == "c" && recent[4] == "d")
        let addedAgain = recent.insert(1, "a")
        #expect(addedAgain)  // new again; forgets 2
        #expect(recent[2] == nil && recent[3] == "c")
    }

    @Test func holdsNoMoreThanItsCapacityWhateverIsInserted() {
        var recent = RecentKeys<Int, Void>(capacity: 100)
        for key in 0..<10_000 { recent.insert(key, ()) }
        #expect((0..<9_900).allSatisfy { recent[$0] == nil })
        #expect((9_900..<10_000).allSatisfy { recent[$0] != nil })
    }
}
