import NianbaoCore
import Testing

/// FIPS 180-4 test vectors: report ids and state hashes must not change with the implementation.
@Suite("SHA-256")
struct SHA256Tests {
    @Test func knownDigests() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(SHA256.digest(Array("abc".utf8)).count == 32)
    }

    @Test func aMessageGivenInPiecesHasTheDigestOfTheWhole() {
        var stream = SHA256.Stream()
        for piece in ["abcdbcdecdefdefg", "efghfghighijhijkijkljklmklmnlmno", "", "mnopnopq"] { stream.update(piece) }
        #expect(stream.hex() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var chinese = SHA256.Stream()
        chinese.update("年报")
        chinese.update("\t")
        #expect(chinese.hex() == SHA256.hex(Array("年报\t".utf8)))
    }
}
