/// The best `limit` of many (weight, side id) pairs, best first: higher weight first, then the
/// lower id. The same as sorting them all and taking a prefix, without sorting them all: a
/// wide index pass weighs up to hundreds of thousands of sides to keep a thousand.
struct TopCandidates {
    let limit: Int
    /// A binary heap whose root is the worst pair kept.
    private var heap: [(weight: Float, id: Int64)] = []

    init(limit: Int) {
        self.limit = max(0, limit)
        heap.reserveCapacity(min(self.limit, 4_096))
    }

    /// Whether `a` ranks before `b`.
    @inline(__always)
    static func better(_ a: (weight: Float, id: Int64), _ b: (weight: Float, id: Int64)) -> Bool {
        a.weight != b.weight ? a.weight > b.weight : a.id < b.id
    }

    mutating func add(_ weight: Float, _ id: Int64) {
        let item = (weight: weight, id: id)
        if heap.count < limit {
            heap.append(item)
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard Self.better(heap[parent], heap[i]) else { break }
                heap.swapAt(parent, i)
                i = parent
            }
        } else if limit > 0, Self.better(item, heap[0]) {
            heap[0] = item
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var worst = i
                if l < heap.count, Self.better(heap[worst], heap[l]) { worst = l }
                if r < heap.count, Self.better(heap[worst], heap[r]) { worst = r }
                guard worst != i else { break }
                heap.swapAt(i, worst)
                i = worst
            }
        }
    }

    /// The side ids kept, best first.
    var ids: [Int64] { heap.sorted(by: Self.better).map(\.id) }
}
