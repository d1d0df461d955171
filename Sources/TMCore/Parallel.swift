import Dispatch
import Foundation

/// Results written from several threads, each to its own slot.
public final class Slots<T>: @unchecked Sendable {
    private var values: [T?]
    private let lock = NSLock()

    public init(count: Int) { values = Array(repeating: nil, count: count) }

    public func set(_ index: Int, _ value: T) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }

    public var all: [T] { values.map { $0! } }
}

/// Work split over threads, results in a fixed order (the aligner, glossary keys).
public enum Parallel {
    /// Runs `body` for each of `shards` contiguous ranges of `0..<count`, on up to `threads`
    /// threads, and returns the results in range order (deterministic).
    public static func map<T>(count: Int, threads: Int, _ body: @Sendable (Range<Int>) -> T) -> [T] {
        let shards = max(1, min(threads, count))
        let slots = Slots<T>(count: shards)
        let size = (count + shards - 1) / max(shards, 1)
        DispatchQueue.concurrentPerform(iterations: shards) { k in
            let lo = min(count, k * size)
            let hi = min(count, lo + size)
            slots.set(k, body(lo..<hi))
        }
        return slots.all
    }

    /// The number of threads to use by default: the active processors, at most 8.
    public static var defaultThreads: Int { max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) }
}
