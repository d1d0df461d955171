import Foundation
import Testing
import TMCore

@Suite struct PipelineTests {
    struct Failure: Error, Equatable { let at: Int }

    @Test func everyItemArrivesInOrderAndTheProducersResultIsReturned() throws {
        var seen: [Int] = []
        let total = try Pipeline.run(capacity: 7, produce: { emit in
            for i in 0..<10_000 { try emit(i) }
            return 10_000
        }, consume: { seen.append($0) })
        #expect(total == 10_000)
        #expect(seen == Array(0..<10_000))
    }

    @Test func aProducerErrorComesAfterTheItemsMadeBeforeIt() {
        var seen: [Int] = []
        #expect(throws: Failure(at: 50)) {
            try Pipeline.run(capacity: 4, produce: { emit in
                for i in 0..<50 { try emit(i) }
                throw Failure(at: 50)
            }, consume: { seen.append($0) })
        }
        #expect(seen == Array(0..<50))
    }

    @Test func aConsumerErrorStopsTheProducer() {
        let produced = Counter()
        #expect(throws: Failure(at: 3)) {
            try Pipeline.run(capacity: 2, produce: { emit in
                for i in 0..<1_000_000 {
                    try emit(i)
                    produced.add()
                }
            }, consume: { if $0 == 3 { throw Failure(at: 3) } })
        }
        // The producer stopped within the buffer's reach of the failure, not at the end.
        #expect(produced.value < 100)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() { lock.lock(); n += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return n }
    }
}
