import Testing
import TMCore

@Suite struct BloomFilterTests {
    @Test func bloomFilterHasNoFalseNegativesAndFewFalsePositives() {
        var bloom = BloomFilter()
        for i in 0..<300_000 { bloom.insert(Int64(i) &* 7919) }
        #expect((0..<300_000).allSatisfy { bloom.mayContain(Int64($0) &* 7919) })
        let falsePositives = (0..<100_000).filter { bloom.mayContain(Int64($0) &* 7919 &+ 1) }.count
        #expect(falsePositives < 1_000)
    }

    @Test func fnvHashIsStableAcrossRuns() {
        // FNV-1a's published test vector: stored keys depend on it staying the same.
        var h = FNV64()
        h.add("a")
        #expect(h.value == 0xAF63_DC4C_8601_EC8C)
        #expect(FNV64.hash("a", "b") != FNV64.hash("ab"))
    }
}
