import Testing
@testable import TranslationMemory

@Suite struct TopCandidatesTests {
    /// The kept ids are the prefix of a full sort (weight descending, then id), with many ties.
    @Test(arguments: [0, 1, 7, 320, 5_000])
    func keepsWhatSortingAllWouldKeep(limit: Int) {
        var state: UInt64 = 42
        var pairs: [(Float, Int64)] = []
        for id in 0..<3_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            pairs.append((Float((state >> 33) % 50) / 4, Int64((id * 7919) % 3_000)))
        }
        var top = TopCandidates(limit: limit)
        for (w, id) in pairs { top.add(w, id) }
        let sorted = pairs.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.prefix(limit).map(\.1)
        #expect(top.ids == Array(sorted))
    }
}
