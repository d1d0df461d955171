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
            for k in scored.indices {
                scored[k].evidence.soundGap = bestSound - scored[k].evidence.sound
                scored[k].score = TermConfidence.probability(scored[k].evidence)
            }
            scored.sort { $0.score != $1.score ? $0.score > $1.score : ($0.stats.count != $1.stats.count ? $0.stats.count > $1.stats.count : $0.target < $1.target) }
            if featureDump != nil {
                for (rank, c) in scored.prefix(8).enumerated() {
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
