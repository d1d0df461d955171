import Segmentation

/// Gives a memory target the new source's accelerator, and no other: `시작하기(&G)` for
/// `Getting started` becomes `시작하기`; for `_Open` a target `열기(&O)` becomes `열기(_O)`,
/// and a target without one gets the source's key (`열기(_O)`, or `_Öffnen` where the key
/// letter stands in a Latin target).
enum AcceleratorTransfer {
    static func adapt(_ target: String, to source: String) -> String {
        let wanted = Accelerator.find(in: source)
        let scalars = Array(target.unicodeScalars)
        let has = Accelerator.find(in: target)
        switch (wanted, has) {
        case (nil, nil):
            return target
        case let (nil, a?):
            var out = scalars
            var lower = a.range.lowerBound
            if a.style == .suffix { while lower > 0 && out[lower - 1] == " " { lower -= 1 } }
            out.removeSubrange(lower..<a.range.upperBound)
            return string(out)
        case let (w?, a?):
            var out = scalars
            let markerAt = a.style == .suffix ? a.range.lowerBound + 1 : a.range.lowerBound
            out[markerAt] = w.marker.unicodeScalars.first!
            if a.style == .suffix, a.key.isASCII, w.key.isASCII, a.key.lowercased() != w.key.lowercased() {
                out[markerAt + 1] = w.key.uppercased().unicodeScalars.first!
            }
            return string(out)
        case let (w?, nil):
            let marker = w.marker.unicodeScalars.first!
            let key = w.key.lowercased()
            // The key's letter in a Latin target: mark it there.
            if w.key.isLetter, let i = scalars.firstIndex(where: { Character($0).lowercased() == key }) {
                var out = scalars
                out.insert(marker, at: i)
                return string(out)
            }
            // Otherwise a suffix before trailing dots or a colon: 열기(_O)...
            var end = scalars.count
            while end > 0, "….:：".unicodeScalars.contains(scalars[end - 1]) { end -= 1 }
            var out = scalars
            out.insert(contentsOf: "(\(w.marker)\(w.key.uppercased()))".unicodeScalars, at: end)
            return string(out)
        }
    }

    private static func string(_ s: [Unicode.Scalar]) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s)
        return String(v)
    }
}
