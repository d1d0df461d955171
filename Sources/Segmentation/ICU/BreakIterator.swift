import CICU
import Foundation

/// An ICU break iterator (sentence or word) behind tmkit's C target.
///
/// Not thread-safe: borrow one from `BreakIterator.sentencePool` / `.wordPool`.
final class BreakIterator {
    enum Kind: Int32 { case sentence = 0, word = 1 }

    private let handle: OpaquePointer

    init(kind: Kind, locale: String) throws {
        var error = [CChar](repeating: 0, count: 64)
        guard let h = tm_break_open(kind.rawValue, locale, &error, Int32(error.count)) else {
            throw SegmentationError.icu(what: "break iterator \(kind) for \(locale)", code: String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        handle = h
    }

    deinit { tm_break_close(handle) }

    /// Every boundary after 0 in `units`, with ICU's rule status for each.
    func boundaries(_ units: UnsafeBufferPointer<UInt16>, statuses wantStatuses: Bool = false) -> (boundaries: [Int32], statuses: [Int32]) {
        guard let base = units.baseAddress, units.count > 0 else { return ([], []) }
        _ = tm_break_set_text(handle, base, Int32(units.count))
        let cap = units.count + 1
        var bounds = [Int32](repeating: 0, count: cap)
        var stats = [Int32](repeating: 0, count: wantStatuses ? cap : 0)
        let n: Int32 = bounds.withUnsafeMutableBufferPointer { b in
            if wantStatuses {
                return stats.withUnsafeMutableBufferPointer { s in
                    tm_break_all(handle, b.baseAddress, s.baseAddress, Int32(cap))
                }
            }
            return tm_break_all(handle, b.baseAddress, nil, Int32(cap))
        }
        bounds.removeSubrange(Int(n)...)
        if wantStatuses { stats.removeSubrange(Int(n)...) }
        return (bounds, stats)
    }

    // MARK: Shared pools

    /// Sentence iterators (`en@ss=standard`: ICU's abbreviation suppressions on).
    static let sentencePool = Pool(kind: .sentence, locale: "en@ss=standard")
    /// Word iterators.
    static let wordPool = Pool(kind: .word, locale: "en")

    /// Iterators lent out one caller at a time, so any thread (Dispatch workers included) can
    /// use one without opening a new ICU iterator per call.
    final class Pool: @unchecked Sendable {
        private let lock = NSLock()
        private var idle: [BreakIterator] = []
        private let kind: Kind
        private let locale: String

        init(kind: Kind, locale: String) {
            self.kind = kind
            self.locale = locale
        }

        func with<R>(_ body: (BreakIterator) -> R) -> R {
            lock.lock()
            let reused = idle.popLast()
            lock.unlock()
            // ICU's root data ships with libicu; failing to open it means ICU itself is broken.
            guard let iterator = reused ?? (try? BreakIterator(kind: kind, locale: locale)) else {
                fatalError("tmkit: ICU could not open a \(kind) break iterator; is libicu installed correctly?")
            }
            defer {
                lock.lock()
                idle.append(iterator)
                lock.unlock()
            }
            return body(iterator)
        }
    }
}
