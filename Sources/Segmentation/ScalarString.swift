/// Builds a String from Unicode scalars by writing their UTF-8 directly: much cheaper than
/// `makeString(...)` on the hot paths of Korean analysis.
@inline(__always)
func makeString<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
    var capacity = 0
    for s in scalars { capacity += s.value < 0x80 ? 1 : s.value < 0x800 ? 2 : s.value < 0x10000 ? 3 : 4 }
    return String(unsafeUninitializedCapacity: capacity) { buffer in
        var i = 0
        for s in scalars {
            let v = s.value
            if v < 0x80 {
                buffer[i] = UInt8(v); i += 1
            } else if v < 0x800 {
                buffer[i] = UInt8(0xC0 | (v >> 6)); buffer[i + 1] = UInt8(0x80 | (v & 0x3F)); i += 2
            } else if v < 0x10000 {
                buffer[i] = UInt8(0xE0 | (v >> 12)); buffer[i + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                buffer[i + 2] = UInt8(0x80 | (v & 0x3F)); i += 3
            } else {
                buffer[i] = UInt8(0xF0 | (v >> 18)); buffer[i + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                buffer[i + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); buffer[i + 3] = UInt8(0x80 | (v & 0x3F)); i += 4
            }
        }
        return i
    }
}
