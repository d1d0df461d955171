import Foundation

extension TermExtractor {
    /// Scores every candidate translation of every source term, drops junk shapes, and keeps the
    /// best `maxTranslations` per term. The score is `TermConfidence`'s estimate that the
    /// translation is right.
    func rank(_ data: Shard, targetCounts: [TermKey: Int32], corpus: AlignmentCorpus, aligner: WordAligner) -> [TermPair] {
        var bySource: [TermKey: [(TermKey, FormStats)]] = [:]
        for (key, stats) in data.candidates { bySource[key.source, default: []].append((key.target, stats)) }
        let sourceCased = options.sourceLanguage.language == "en"
        let targetCased = options.targetLanguage.language == "en"
        let intoKorean = options.sourceLanguage.language != "ko" && options.targetLanguage.language == "ko"
        let targetIsKorean = options.targetLanguage.language == "ko"
        let tiny = corpus.pairs.count < TermAligner.tinyCorpus
        let featureDump = Self.experiment["TMKIT_FEATURES"]
        var dump = ""
        var similarity = TransliterationSimilarity()
        var out: [TermPair] = []
        let best = aligner.bestTranslations(sourceVocabulary: corpus.source.count, targetVocabulary: corpus.target.count)
        // The other direction: links into each target from source terms of each length.
        var intoTarget: [TermKey: [Int: (total: Double, best: Double)]] = [:]
        for (key, stats) in data.candidates {
            let n = key.source.count, c = Double(stats.count)
            var entry = intoTarget[key.target, default: [:]][n] ?? (0, 0)
            entry.total += c
            entry.best = max(entry.best, c)
            intoTarget[key.target, default: [:]][n] = entry
        }
        for sourceKey in bySource.keys.sorted() {
            guard let sourceStats = data.sources[sourceKey], Int(sourceStats.count) >= options.minCount else { continue }
            if sourceKey.count > 1, Int(sourceStats.count) < options.phraseEvidenceBelow,
               data.unstructured[sourceKey] == sourceStats.count { continue }
            let sIds = sourceKey.ids
            let sourceSurface = Self.display(sourceStats.surfaceCounts, preferLower: sourceCased)
            // Junk shapes are never candidates: a copy of the source, a word repeated across a
            // particle (`파일에 파일`), a fragment across a clause (`폴더가 아니므로 폴더`).
            let candidates = bySource[sourceKey]!.filter { targetKey, stats in
                let surface = Self.display(stats.surfaceCounts, preferLower: targetCased)
                if Self.folded(surface) == Self.folded(sourceSurface) { return false }
                if Set(sIds).count == sIds.count, Set(targetKey.ids).count < targetKey.count || Self.repeatsWord(surface) { return false }
                if targetIsKorean, Self.crossesClause(surface) { return false }
                return true
            }
            guard !candidates.isEmpty else { continue }
            let totalLinked = candidates.reduce(0) { $0 + Double($1.1.count) }
            let counts = candidates.map { Double($0.1.count) }.sorted(by: >)
            var scored: [(score: Double, target: TermKey, stats: FormStats, cf: Int32, evidence: TermEvidence)] = []
            for (targetKey, stats) in candidates {
                var e = TermEvidence()
                let ce = Double(sourceStats.count), cef = Double(stats.count)
                let cf = max(targetCounts[targetKey] ?? 0, stats.count)
                e.sourceWords = sIds.count
                e.targetWords = targetKey.count
                e.sourceCount = ce
                e.linkCount = cef
                e.targetCount = Double(cf)
                (e.lexicalForward, e.lexicalBackward) = lexical(sIds, targetKey.ids, aligner)
                e.coverage = Double(stats.coverage) / cef
                e.posteriorForward = Double(stats.posteriorForward) / cef
                e.posteriorBackward = Double(stats.posteriorBackward) / cef
                e.verbal = Double(stats.verbal) / cef
                e.loose = stats.loose
                e.share = cef / totalLinked
                let bestOther = counts.first == cef ? (counts.count > 1 ? counts[1] : 0) : counts[0]
                e.lead = cef / (cef + bestOther)
                e.noHangul = intoKorean && !stats.surface.unicodeScalars.contains(where: LanguageCheck.isHangul)
                if sIds.count == 1 && targetKey.count == 1 {
                    let (x, y) = (corpus.source[sIds[0]], corpus.target[targetKey.ids[0]])
                    let hangulFirst = x.unicodeScalars.contains(where: LanguageCheck.isHangul)
                    e.sound = similarity.similarity(hangul: hangulFirst ? x : y, latin: hangulFirst ? y : x)
                    e.transliteration = e.sound >= 0.75
                    e.derivedAlike = tiny && Priors.derivesAlike(hangul: hangulFirst ? x : y, latin: hangulFirst ? y : x)
                }
                e.tiny = tiny
                e.forcedShare = Double(stats.forced) / cef
                e.candidates = candidates.count
                let tIds = targetKey.ids
                if let head = sIds.last, let last = tIds.last {
                    e.headBestForward = best.bySource[Int(head)] == last
                    e.headBestBackward = best.byTarget[Int(last)] == head
                }
                if let r = intoTarget[targetKey]?[sIds.count], r.total > 0 {
                    e.reverseShare = cef / r.total
                    e.reverseBest = cef >= r.best
                }
                scored.append((0, targetKey, stats, cf, e))
            }
            let bestSound = scored.map(\.evidence.sound).max() ?? 0
            for k in scored.indices { scored[k].evidence.soundGap = bestSound - scored[k].evidence.sound }
            var evidence = scored.map(\.evidence)
            Self.relate(&evidence, targets: scored.map(\.target), counts: scored.map { $0.stats.count },
                        surfaces: targetIsKorean ? scored.map { Self.display($0.stats.surfaceCounts, preferLower: false) } : nil)
            let (rankKeys, scores) = TermConfidence.scores(evidence)
            var order = Array(scored.indices)
            order.sort { a, b in
                rankKeys[a] != rankKeys[b] ? rankKeys[a] > rankKeys[b]
                    : (scored[a].stats.count != scored[b].stats.count ? scored[a].stats.count > scored[b].stats.count : scored[a].target < scored[b].target)
            }
            scored = order.map { k in (score: scores[k], target: scored[k].target, stats: scored[k].stats, cf: scored[k].cf, evidence: evidence[k]) }
            if featureDump != nil {
                for (rank, c) in scored.prefix(12).enumerated() {
                    let t = Self.display(c.stats.surfaceCounts, preferLower: targetCased)
                    dump += "\(sourceSurface.lowercased())\t\(t)\t\(rank)\t" + c.evidence.features.map { String(format: "%.5g", $0) }.joined(separator: "\t") + "\n"
                }
            }
            for candidate in scored.prefix(options.maxTranslations) {
                guard candidate.score >= options.minScore else { continue }
                let targetSurface = Self.display(candidate.stats.surfaceCounts, preferLower: targetCased)
                let examples = candidate.stats.examples.map { e in
                    TermPair.Example(source: corpus.texts[Int(e)].source, target: corpus.texts[Int(e)].target)
                }
                // Names keep their capitals: an English word that sounds like a word of the other side.
                func cased(_ english: String, other: String) -> String {
                    let hangulWords = other.split(separator: " ").map(String.init).filter { $0.unicodeScalars.contains(where: LanguageCheck.isHangul) }
                    return Self.caseForm(english) { word in
                        hangulWords.contains { similarity.similarity(hangul: $0, latin: String(word)) >= 0.75 }
                    }
                }
                out.append(TermPair(
                    source: sourceCased ? cased(sourceSurface, other: targetSurface) : sourceSurface,
                    target: targetCased ? cased(targetSurface, other: sourceSurface) : targetSurface,
                    score: (candidate.score * 1000).rounded() / 1000, count: Int(candidate.stats.count),
                    sourceCount: Int(sourceStats.count), targetCount: Int(candidate.cf),
                    transliteration: candidate.evidence.transliteration, examples: examples))
            }
        }
        if let path = featureDump {
            FileManager.default.createFile(atPath: path, contents: Data(("source\ttarget\trank\t" + TermEvidence.featureNames.joined(separator: "\t") + "\n" + dump).utf8))
        }
        return out
    }

    /// Fills the evidence that compares a candidate with the term's others: particle variants
    /// (`폴더를` beside `폴더`, Korean targets only), the strongest candidate inside the span and
    /// around it, and which candidate has the best lexical and posterior evidence. Only the 40
    /// most frequent candidates are compared (the rest rarely rank).
    static func relate(_ evidence: inout [TermEvidence], targets: [TermKey], counts: [Int32], surfaces: [String]?) {
        guard !evidence.isEmpty else { return }
        let top = Array(counts.indices.sorted { counts[$0] > counts[$1] }.prefix(40))
        let ids = top.map { targets[$0].ids }
        if let surfaces {
            var index: [String: Int] = [:]
            for k in top { index[surfaces[k]] = k }
            for k in top {
                let chars = Array(surfaces[k])
                for n in 1...3 where chars.count > n {
                    guard particleSet.contains(String(chars.suffix(n))), let o = index[String(chars.dropLast(n))], o != k else { continue }
                    evidence[k].particleVariant = true
                    evidence[o].hasParticleVariant = true
                }
            }
        }
        for (x, k) in top.enumerated() {
            for (y, o) in top.enumerated() where o != k {
                let ratio = Double(counts[o]) / Double(counts[o] + counts[k])
                if ids[y].count < ids[x].count, contains(ids[x], ids[y]) { evidence[k].containsRatio = max(evidence[k].containsRatio, ratio) }
                if ids[y].count > ids[x].count, contains(ids[y], ids[x]) { evidence[k].insideRatio = max(evidence[k].insideRatio, ratio) }
            }
        }
        let bestLexical = evidence.map(\.lexical).max() ?? 0
        let bestPosterior = evidence.map { $0.posteriorForward * $0.posteriorBackward }.max() ?? 0
        for k in evidence.indices {
            evidence[k].lexicalBest = evidence[k].lexical >= bestLexical
            evidence[k].posteriorBest = evidence[k].posteriorForward * evidence[k].posteriorBackward >= bestPosterior
        }
    }

    /// Whether `part` occurs in `whole` as neighbouring ids.
    static func contains(_ whole: [Int32], _ part: [Int32]) -> Bool {
        guard !part.isEmpty, part.count <= whole.count else { return false }
        for start in 0...(whole.count - part.count) where whole[start] == part[0] {
            if (1..<part.count).allSatisfy({ whole[start + $0] == part[$0] }) { return true }
        }
        return false
    }

    static let particleSet = Set(ParticleTrimmer.particles)

    /// Whether a span repeats a word, particles aside (`알림은 알림 목록`).
    static func repeatsWord(_ surface: String) -> Bool {
        let words = surface.split(separator: " ").map { word -> Substring in
            for particle in ParticleTrimmer.particles where word.count > particle.count && word.hasSuffix(particle) {
                return word.dropLast(particle.count)
            }
            return word
        }
        return Set(words).count < words.count
    }

    /// Korean connective endings: a word ending so, inside a span, ends a clause.
    static let connectives = ["므로", "지만", "니까", "는데", "은데", "으면", "면서", "려면", "도록", "거나", "어서", "아서",
                              "해서", "하고", "하며", "하여", "되어", "되고", "든지", "다면", "라면", "으며"]

    /// Whether a Korean span runs across a clause: a word before the last ends in a connective,
    /// or in an object particle (`고음을 조절`: a verb phrase, not a term).
    static func crossesClause(_ surface: String) -> Bool {
        let words = surface.split(separator: " ")
        guard words.count > 1 else { return false }
        return words.dropLast().contains { w in
            connectives.contains { w.hasSuffix($0) } || (w.count >= 2 && w.hasSuffix("를")) || (w.count >= 3 && w.hasSuffix("을"))
        }
    }
}
