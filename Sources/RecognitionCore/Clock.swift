import Foundation

/// The time source: injected so that tests fix it and core code never reads the real clock.
public protocol Clock: Sendable {
    var now: Date { get }
}
