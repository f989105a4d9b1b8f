import Foundation
import RecognitionCore
import Testing

@testable import Storage

/// The page format PostgreSQL's verification reads (`sequence␞hashed text␞hash`, events joined by `␝`), walked in place.
@Suite("audit pages")
struct AuditPageTests {
    /// A chain of `count` events as a page, in the given order of sequences.
    static func page(_ count: Int, order: (ClosedRange<Int>) -> [Int] = { Array($0) }) -> String {
        var previous = AuditEvent.genesisHash
        var events: [Int: String] = [:]
        for sequence in 1...count {
            let text = AuditEvent.hashedText(
                previousHash: previous[...], sequence: Int64(sequence), milliseconds: 1_000 + Int64(sequence), actor: "account:a1",
                action: "update", subjectKind: "microcredential", subjectID: "nz-\(sequence)", summary: #"{"title":"T \#(sequence)"}"#)
            let hash = AuditEvent.hash(text)
            events[sequence] = "\(sequence)\u{1E}\(String(decoding: text, as: UTF8.self))\u{1E}\(hash)"
            previous = hash
        }
        return order(1...count).map { events[$0] ?? "" }.joined(separator: "\u{1D}")
    }

    static func walk(_ page: String) -> AuditChainVerdict {
        var walker = AuditChainWalker()
        var page = page
        page.withUTF8 { walker.checkPage($0) }
        return walker.verdict
    }

    @Test("a page in order, or out of order, verifies")
    func inAnyOrder() {
        #expect(Self.walk(Self.page(50)) == .intact(events: 50))
        #expect(Self.walk(Self.page(50) { $0.reversed() }) == .intact(events: 50))
    }

    @Test("an edited text, a missing event and an unreadable event are named")
    func broken() {
        let edited = Self.page(5).replacingOccurrences(of: "T 3", with: "T 9")
        #expect(Self.walk(edited) == .broken(sequence: 3, reason: "its content does not match its hash (edited after it was written)"))
        let gap = Self.page(5) { $0.filter { $0 != 2 } }
        guard case .broken(let sequence, _) = Self.walk(gap) else {
            Issue.record("a missing event went unnoticed")
            return
        }
        #expect(sequence == 2)
        #expect(Self.walk("1\u{1E}no hash here") == .broken(sequence: 1, reason: "event 1 cannot be read"))
        #expect(Self.walk("x\u{1E}a\u{1E}b") == .broken(sequence: 1, reason: "event 1 cannot be read"))
    }
}
