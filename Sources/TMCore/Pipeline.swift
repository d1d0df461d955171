import Foundation

/// Two stages on two threads: a producer on a thread of its own hands what it makes, in
/// order, to a consumer on the calling thread, through a bounded buffer (so memory stays flat
/// whatever the producer's pace). Used where reading a file and storing what it holds each
/// take about half the work (a glossary compile: the XML parse, then SQLite).
///
/// Failures stop both stages: the consumer's error cancels the producer (its next `emit`
/// throws), the producer's error ends the consumer after the items made before it. The first
/// error is rethrown; nothing runs after `run` returns.
public enum Pipeline {
    /// Runs `produce` on a new thread, calling `consume` on this one for each item it emits;
    /// returns what `produce` returned.
    public static func run<Item, Output>(capacity: Int = 512,
                                         produce: @escaping (_ emit: (Item) throws -> Void) throws -> Output,
                                         consume: (Item) throws -> Void) throws -> Output {
        let channel = Channel<Item>(capacity: max(1, capacity))
        let outcome = Outcome<Output>()
        let done = DispatchSemaphore(value: 0)
        let work = UncheckedBox(produce)
        let thread = Thread {
            do { outcome.value = .success(try work.value { try channel.put($0) }) } catch { outcome.value = .failure(error) }
            channel.finish()
            done.signal()
        }
        // The parse may recurse in C (libxml2) and in handlers: a main-thread-sized stack.
        thread.stackSize = 16 << 20
        thread.start()
        do {
            while let item = channel.take() { try consume(item) }
        } catch {
            channel.cancel()
            done.wait()
            throw error
        }
        done.wait()
        return try outcome.value!.get()
    }

    /// The error `emit` throws once the consumer has failed.
    struct Cancelled: Error {}

    /// A bounded first-in first-out buffer between the two threads.
    final class Channel<Item>: @unchecked Sendable {
        private let condition = NSCondition()
        private var items: [Item] = []
        private var head = 0
        private var finished = false
        private var cancelled = false
        private let capacity: Int

        init(capacity: Int) { self.capacity = capacity }

        func put(_ item: Item) throws {
            condition.lock()
            defer { condition.unlock() }
            while items.count - head >= capacity && !cancelled { condition.wait() }
            if cancelled { throw Cancelled() }
            items.append(item)
            condition.broadcast()
        }

        /// The next item, or nil once the producer has finished and everything was taken.
        func take() -> Item? {
            condition.lock()
            defer { condition.unlock() }
            while head == items.count && !finished { condition.wait() }
            guard head < items.count else { return nil }
            let item = items[head]
            head += 1
            if head >= capacity {
                items.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            return item
        }

        func finish() {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }

        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The producer's result, written on its thread and read after it signalled.
    final class Outcome<Output>: @unchecked Sendable {
        var value: Result<Output, any Error>?
    }

    /// A closure handed to the producer's thread, which alone calls it.
    struct UncheckedBox<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }
}
