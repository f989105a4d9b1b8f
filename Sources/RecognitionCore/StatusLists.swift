import Foundation

/// A provider's status list for one purpose (revocation or suspension): the bits, and the signed list credential
/// served at `/status/PROVIDER/PURPOSE` (signed again whenever a bit changes).
public struct StoredStatusList: Sendable, Equatable {
    public enum Purpose: String, Sendable, CaseIterable {
        case revocation
        case suspension
    }

    public var provider: Provider.ID
    public var purpose: Purpose
    /// The bitstring's bytes (131,072 bits: 16 KiB).
    public var bytes: [UInt8]
    /// The signed BitstringStatusListCredential as served.
    public var signed: String
    public var updatedAt: Date

    public init(provider: Provider.ID, purpose: Purpose, bytes: [UInt8], signed: String, updatedAt: Date) {
        self.provider = provider
        self.purpose = purpose
        self.bytes = bytes
        self.signed = signed
        self.updatedAt = updatedAt
    }
}

/// Providers' status lists and the slots credentials hold in them (one index per credential, in both lists, never
/// reused).
public protocol StatusListStore: Sendable {
    /// The next `count` free indexes of the provider's lists, taken at once (serialised with other writers by the unit
    /// of work): the first of them, or nil when the provider has no lists yet.
    func allocate(_ count: Int, for provider: Provider.ID) async throws -> Int?
    /// Creates a provider's list of one purpose; `nextIndex` is where allocation starts (kept on the revocation list).
    func create(_ list: StoredStatusList, nextIndex: Int) async throws
    func list(of provider: Provider.ID, purpose: StoredStatusList.Purpose) async throws -> StoredStatusList?
    func save(_ list: StoredStatusList) async throws
}
