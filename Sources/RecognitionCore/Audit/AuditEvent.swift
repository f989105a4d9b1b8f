import Crypto
import Foundation

/// One state change that matters, chained to the event before it by SHA-256 (DESIGN.md §2): editing or deleting an
/// event, or inserting one, breaks every hash after it.
public struct AuditEvent: Sendable, Equatable, Codable {
    /// The position in the chain, from 1.
    public var sequence: Int64
    /// When it happened, in whole milliseconds since 1970 (what is hashed).
    public var milliseconds: Int64
    public var actor: Actor
    public var action: AuditAction
    public var subject: AuditSubject
    /// Canonical JSON (sorted keys, no whitespace) describing the change.
    public var summary: String
    /// `hash` of the event before (64 zeros for the first).
    public var previousHash: String
    public var hash: String

    public init(
        sequence: Int64, milliseconds: Int64, actor: Actor, action: AuditAction, subject: AuditSubject, summary: String,
        previousHash: String, hash: String
    ) {
        self.sequence = sequence
        self.milliseconds = milliseconds
        self.actor = actor
        self.action = action
        self.subject = subject
        self.summary = summary
        self.previousHash = previousHash
        self.hash = hash
    }

    public var time: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    /// The first event's `previousHash`.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Who acted: an account, or the operator at the command line, or Accord itself (seeding on first start).
    public enum Actor: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
        case account(Account.ID)
        case commandLine
        case system

        public init?(_ text: String) {
            switch text {
            case "cli": self = .commandLine
            case "system": self = .system
            default:
                guard text.hasPrefix("account:"), text.count > 8 else { return nil }
                self = .account(.init(String(text.dropFirst(8))))
            }
        }

        public var description: String {
            switch self {
            case .account(let id): "account:\(id.rawValue)"
            case .commandLine: "cli"
            case .system: "system"
            }
        }

        public init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let actor = Actor(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown actor '\(text)'"))
            }
            self = actor
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }
    }

    /// The one layout of the text an event's hash covers: the previous hash and every field, separated by U+001F
    /// (which no field holds: the summary is JSON, whose strings escape control characters, and appends refuse the
    /// others). PostgreSQL's verification rebuilds the same text in SQL (`SQLAuditLog.walk`).
    public static func hashedText(
        previousHash: Substring, sequence: Int64, milliseconds: Int64, actor: Substring, action: Substring, subjectKind: Substring,
        subjectID: Substring, summary: Substring
    ) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(previousHash.utf8.count + actor.utf8.count + subjectID.utf8.count + summary.utf8.count + 64)
        var previous = previousHash
        previous.withUTF8 { bytes.append(contentsOf: $0) }
        func add(_ field: Substring) {
            bytes.append(0x1F)
            var field = field
            field.withUTF8 { bytes.append(contentsOf: $0) }
        }
        add(String(sequence)[...])
        add(String(milliseconds)[...])
        add(actor)
        add(action)
        add(subjectKind)
        add(subjectID)
        add(summary)
        return bytes
    }

    /// SHA-256 of a hashed text as 64 lower-case hex digits.
    public static func hash(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// SHA-256 of a hashed text as 64 lower-case hex digits.
    public static func hash(_ text: Substring) -> String {
        var text = text
        return text.withUTF8 { hex(SHA256.hash(data: UnsafeRawBufferPointer($0))) }
    }

    static func hex(_ digest: SHA256Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 64) { buffer in
            var index = 0
            for byte in digest {
                buffer[index] = digits[Int(byte >> 4)]
                buffer[index + 1] = digits[Int(byte & 0x0F)]
                index += 2
            }
            return 64
        }
    }

    /// This event's hash, recomputed from its fields.
    public var computedHash: String {
        Self.hash(
            Self.hashedText(
                previousHash: previousHash[...], sequence: sequence, milliseconds: milliseconds, actor: actor.description[...],
                action: action.rawValue[...], subjectKind: subject.kind.rawValue[...], subjectID: subject.id[...], summary: summary[...]))
    }
}

/// What was done.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    case create
    case update
    case `import`
    case seed
    case issueToken = "issue-token"
    case revokeToken = "revoke-token"
    case changePassword = "change-password"
    case issueReset = "issue-reset"
    case resetPassword = "reset-password"
    case submit
    case approve
    case `return`
    case withdraw
    case markCompromised = "mark-compromised"
    case issue
    case revoke
    case suspend
    case unsuspend
    case confirm
    case cancel
    case delete
    case request
    case refuse
    case gatherEvidence = "gather-evidence"
    case assign
    case decide
    case appeal
    case decideAppeal = "decide-appeal"
    case open
    case close

    /// The event a review step records.
    public init(_ step: ListingReview.Step) {
        switch step {
        case .submit: self = .submit
        case .approve: self = .approve
        case .return: self = .return
        case .withdraw: self = .withdraw
        }
    }
}

/// What an event is about: a kind of record and its id.
public struct AuditSubject: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case microcredential
        case provider
        case framework
        case account
        case convention
        case stateParty = "state-party"
        case nic
        case referencing
        case referenceData = "reference-data"
        case issuerKey = "issuer-key"
        case credential
        case batch = "issuance-batch"
        case recordEntry = "record-entry"
        case qualification
        case recordShare = "record-share"
        case holderKey = "holder-key"
        case awardRequest = "award-request"
        case recognitionCase = "recognition-case"
        case nicKey = "nic-key"
        case survey
        case surveyResponse = "survey-response"
        case actionItem = "action-item"
        case meeting
    }

    public var kind: Kind
    public var id: String

    public init(_ kind: Kind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    /// `KIND:ID`, as `accord audit list --subject` takes it.
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":"), let kind = Kind(rawValue: String(text[..<colon])) else { return nil }
        let id = String(text[text.index(after: colon)...])
        guard !id.isEmpty else { return nil }
        self.init(kind, id)
    }

    public var description: String { "\(kind.rawValue):\(id)" }
}

/// An event before it joins the chain: what the use case knows.
public struct AuditEntry: Sendable, Equatable {
    public var actor: AuditEvent.Actor
    public var action: AuditAction
    public var subject: AuditSubject
    public var summary: String

    /// `summary` is encoded as canonical JSON (sorted keys, no whitespace).
    public init<Summary: Encodable>(actor: AuditEvent.Actor, action: AuditAction, subject: AuditSubject, summary: Summary) throws {
        self.actor = actor
        self.action = action
        self.subject = subject
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        self.summary = String(decoding: try encoder.encode(summary), as: UTF8.self)
    }
}

/// The outcome of walking the chain.
public enum AuditChainVerdict: Sendable, Equatable {
    case intact(events: Int)
    /// The first event whose hash or link does not hold.
    case broken(sequence: Int64, reason: String)
}

/// Walks events in order; pure, so a store feeds it rows (or runs it inside the database) and the benchmark measures
/// it alone.
public struct AuditChainWalker: Sendable {
    public private(set) var lastHash = AuditEvent.genesisHash
    public private(set) var lastSequence: Int64 = 0
    public private(set) var broken: AuditChainVerdict?

    public init() {}

    /// Records that the walk cannot go on at `sequence` (a row the store could not read as events).
    public mutating func fail(at sequence: Int64, _ reason: String) {
        if broken == nil { broken = .broken(sequence: sequence, reason: reason) }
    }

    /// Starts a walk after event `sequence`, whose stored hash is `hash` (the walk before it checks that event).
    public init(after sequence: Int64, hash: String) {
        lastSequence = sequence
        lastHash = hash
    }

    /// Checks the next stored event given as its hashed text (rebuilt by the database from the columns a reader sees)
    /// and its stored hash: its place in the sequence, its link to the event before, and its content against its hash.
    public mutating func check(sequence: Int64, hashedText: Substring, storedHash: Substring) {
        var text = hashedText
        var stored = storedHash
        text.withUTF8 { text in stored.withUTF8 { stored in check(sequence: sequence, hashedText: text, storedHash: stored) } }
    }

    /// The same check over UTF-8 bytes, for a reader that holds a page of events in one buffer.
    public mutating func check(sequence: Int64, hashedText: UnsafeBufferPointer<UInt8>, storedHash: UnsafeBufferPointer<UInt8>) {
        guard follows(sequence) else { return }
        var last = lastHash
        let linked = last.withUTF8 { previous in
            hashedText.count >= previous.count && UnsafeBufferPointer(rebasing: hashedText[..<previous.count]).elementsEqual(previous)
        }
        guard linked else { return unlinked(sequence) }
        let digest = AuditEvent.hex(SHA256.hash(data: UnsafeRawBufferPointer(hashedText)))
        var expected = digest
        guard expected.withUTF8({ $0.elementsEqual(storedHash) }) else {
            broken = .broken(sequence: sequence, reason: "its content does not match its hash (edited after it was written)")
            return
        }
        lastHash = digest
        lastSequence = sequence
    }

    /// The same check for an event read column by column.
    public mutating func check(
        sequence: Int64, previousHash: Substring, milliseconds: Int64, actor: Substring, action: Substring, subjectKind: Substring,
        subjectID: Substring, summary: Substring, storedHash: Substring
    ) {
        guard follows(sequence) else { return }
        guard Self.bytes(of: previousHash, equal: lastHash) else { return unlinked(sequence) }
        let text = AuditEvent.hashedText(
            previousHash: previousHash, sequence: sequence, milliseconds: milliseconds, actor: actor, action: action, subjectKind: subjectKind,
            subjectID: subjectID, summary: summary)
        accept(sequence, digest: AuditEvent.hash(text), storedHash: storedHash)
    }

    /// Whether the walk goes on and `sequence` is the next event; records a gap otherwise.
    private mutating func follows(_ sequence: Int64) -> Bool {
        guard broken == nil else { return false }
        guard sequence == lastSequence + 1 else {
            broken = .broken(sequence: lastSequence + 1, reason: "event \(lastSequence + 1) is missing (next is \(sequence))")
            return false
        }
        return true
    }

    private mutating func unlinked(_ sequence: Int64) {
        broken = .broken(sequence: sequence, reason: "its previous hash does not match event \(lastSequence)'s hash")
    }

    private mutating func accept(_ sequence: Int64, digest: String, storedHash: Substring) {
        guard Self.bytes(of: storedHash, equal: digest) else {
            broken = .broken(sequence: sequence, reason: "its content does not match its hash (edited after it was written)")
            return
        }
        lastHash = digest
        lastSequence = sequence
    }

    public var verdict: AuditChainVerdict { broken ?? .intact(events: Int(lastSequence)) }

    /// Byte comparisons over contiguous UTF-8: `UTF8View.elementsEqual` walks index by index through the generic
    /// path, and was a fifth of the verification's time.
    private static func bytes(of text: Substring, equal other: String) -> Bool {
        var text = text
        var other = other
        return text.withUTF8 { a in other.withUTF8 { b in a.elementsEqual(b) } }
    }

}
