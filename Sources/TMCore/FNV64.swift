/// FNV-1a, 64 bits: a stable hash of bytes and strings (Swift's `Hasher` is seeded per process,
/// so it cannot key anything stored or compared across runs).
public struct FNV64: Sendable {
    public var value: UInt64 = 0xCBF2_9CE4_8422_2325

    @inlinable public init() {}

    @inlinable @inline(__always)
    public mutating func add(byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01B3
    }

    @inlinable
    public mutating func add(bytes: UnsafeRawBufferPointer) {
        for b in bytes { add(byte: b) }
    }

    @inlinable
    public mutating func add(_ s: String) {
        var s = s
        s.withUTF8 { for b in $0 { add(byte: b) } }
    }

    @inlinable public var signed: Int64 { Int64(bitPattern: value) }

    /// The hash of `parts`' UTF-8, a zero byte between parts.
    @inlinable
    public static func hash(_ parts: String...) -> Int64 {
        var h = FNV64()
        for (i, p) in parts.enumerated() {
            if i > 0 { h.add(byte: 0) }
            h.add(p)
        }
        return h.signed
    }
}
