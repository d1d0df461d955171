/// A Bloom filter of 64-bit hashes that grows by adding levels of doubling size, so its
/// memory follows what it holds (about 2 bytes a hash) and false positives stay near 1%.
public struct BloomFilter: Sendable {
    public init() {}

    private var levels: [[UInt64]] = []
    private var counts: [Int] = []
    private static let firstBits = 1 << 20

    /// Whether `h` may have been inserted (false: certainly not).
    public func mayContain(_ h: Int64) -> Bool {
        let (a, b) = Self.halves(h)
        for (i, bits) in levels.enumerated() where counts[i] > 0 {
            let size = UInt64(bits.count * 64)
            var all = true
            for k in 0..<UInt64(Self.probeCount) {
                let bit = Int((a &+ k &* b) % size)
                if bits[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { all = false; break }
            }
            if all { return true }
        }
        return false
    }

    public mutating func insert(_ h: Int64) {
        // A level takes one hash per 16 bits before the next, twice as large, opens.
        if levels.isEmpty || counts[levels.count - 1] * 16 >= levels[levels.count - 1].count * 64 {
            levels.append([UInt64](repeating: 0, count: (Self.firstBits << levels.count) / 64))
            counts.append(0)
        }
        let last = levels.count - 1
        let size = UInt64(levels[last].count * 64)
        let (a, b) = Self.halves(h)
        for k in 0..<UInt64(Self.probeCount) {
            let bit = Int((a &+ k &* b) % size)
            levels[last][bit >> 6] |= 1 << UInt64(bit & 63)
        }
        counts[last] += 1
    }

    private static let probeCount = 7

    /// Two halves of a remixed hash, for the probe positions a + k·b (Kirsch-Mitzenmacher).
    private static func halves(_ h: Int64) -> (UInt64, UInt64) {
        var x = UInt64(bitPattern: h) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 31
        return (x & 0xFFFF_FFFF, (x >> 32) | 1)
    }
}
