import Foundation
import HTTPTypes
import Hummingbird
import Logging
import RecognitionCore
import Storage

/// Everything the application needs from outside, built once in `accord serve` or a test.
public struct Dependencies: Sendable {
    public var stores: Stores
    public var clock: any Clock
    public var logger: Logger

    public init(stores: Stores, clock: any Clock, logger: Logger) {
        self.stores = stores
        self.clock = clock
        self.logger = logger
    }

    public var registry: SQLRegistryStore { stores.registry }
    public var accounts: SQLAccountStore { stores.accounts }
    public var reference: SQLReferenceDataStore { stores.reference }
}

/// The real clock, for `accord serve`.
public struct SystemClock: Clock {
    public init() {}
    public var now: Date { Date() }
}
