/// Facts about precomposed Hangul syllables (U+AC00...U+D7A3).
enum Hangul {
    static let syllableBase: UInt32 = 0xAC00
    static let syllableLast: UInt32 = 0xD7A3

    static func isSyllable(_ s: Unicode.Scalar) -> Bool { s.value >= syllableBase && s.value <= syllableLast }

    /// The index of the final consonant (batchim): 0 when the syllable ends in a vowel.
    static func finalIndex(_ s: Unicode.Scalar) -> UInt32 { (s.value - syllableBase) % 28 }

    /// Whether the syllable ends in a consonant.
    static func hasFinal(_ s: Unicode.Scalar) -> Bool { isSyllable(s) && finalIndex(s) != 0 }

    /// Whether the syllable ends in ㄹ (which takes `로`, not `으로`).
    static func endsInRieul(_ s: Unicode.Scalar) -> Bool { isSyllable(s) && finalIndex(s) == 8 }

    /// Whether `s` is Hangul: a precomposed syllable or a conjoining jamo (as in NFD text).
    static func isHangul(_ s: Unicode.Scalar) -> Bool {
        isSyllable(s) || (0x1100...0x11FF).contains(s.value) || (0xA960...0xA97F).contains(s.value) || (0xD7B0...0xD7FF).contains(s.value)
    }

    /// Composes a run of Hangul into syllables and says, for each syllable, the offset in
    /// `scalars` where it starts (plus one final entry for the end).
    static func composeWithOffsets(_ scalars: ArraySlice<Unicode.Scalar>) -> (syllables: [Unicode.Scalar], starts: [Int]) {
        var syllables: [Unicode.Scalar] = []
        var starts: [Int] = []
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let l = scalars[i].value
            starts.append(i)
            if (0x1100...0x1112).contains(l), i + 1 < scalars.endIndex, (0x1161...0x1175).contains(scalars[i + 1].value) {
                let v = scalars[i + 1].value
                var t: UInt32 = 0
                var used = 2
                if i + 2 < scalars.endIndex, (0x11A8...0x11C2).contains(scalars[i + 2].value) {
                    t = scalars[i + 2].value - 0x11A7
                    used = 3
                }
                syllables.append(Unicode.Scalar(syllableBase + ((l - 0x1100) * 21 + (v - 0x1161)) * 28 + t)!)
                i += used
            } else if isSyllable(scalars[i]), finalIndex(scalars[i]) == 0, i + 1 < scalars.endIndex, (0x11A8...0x11C2).contains(scalars[i + 1].value) {
                syllables.append(Unicode.Scalar(scalars[i].value + scalars[i + 1].value - 0x11A7)!)
                i += 2
            } else {
                syllables.append(scalars[i])
                i += 1
            }
        }
        starts.append(scalars.endIndex)
        return (syllables, starts)
    }

    /// Composes conjoining jamo (as some dictionaries store words) into syllables.
    static func composeJamo(_ scalars: [Unicode.Scalar]) -> String {
        String(String.UnicodeScalarView(composeWithOffsets(scalars[...]).syllables))
    }
}
