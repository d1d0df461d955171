import Foundation
import Hummingbird
import TMCore
import TranslationMemory

/// Weblate's tmserver machinery: `GET {url}/languages/` and `GET {url}/{src}/{tgt}/unit/{text}`,
/// with its lower-case codes (`en`, `ko`, `ko_kr`). Weblate sends no header of its own, so the
/// URL configured in Weblate may carry the token: `http://host:8080/t/TOKEN/tmserver`.
/// The memory is `?memory=`, else the token's own, else the server's default.
extension APIHandlers {
    func addWeblateRoutes(to router: Router<BasicRequestContext>) {
        for prefix in ["/tmserver", "/t/:token/tmserver"] {
            router.get("\(prefix)/languages") { request, context in
                try await Self.answer {
                    let token = try await auth.check(request, .read, secret: context.parameters.get("token"))
                    let memory = request.query("memory") ?? token.memory ?? backend.defaultMemory
                    guard token.sees(memory) else { throw APIError(.notFound, "no memory named '\(memory)'") }
                    let codes = Array(Set(try await backend.languages(memory: memory).map(Self.weblateCode))).sorted()
                    return try JSONResponse.make(WeblateLanguages(sourceLanguages: codes, targetLanguages: codes))
                }
            }
            router.get("\(prefix)/:source/:target/unit/:text") { request, context in
                try await Self.answer {
                    let token = try await auth.check(request, .read, secret: context.parameters.get("token"))
                    let memory = request.query("memory") ?? token.memory ?? backend.defaultMemory
                    guard token.sees(memory) else { throw APIError(.notFound, "no memory named '\(memory)'") }
                    let raw = try context.parameters.require("text")
                    let text = try checkQuery(raw.removingPercentEncoding ?? raw, name: "text", limit: limits.maxQueryLength)
                    var options = LookupOptions(minScore: 30, limit: 10)
                    options.sourceLanguage = try Self.language(context.parameters.require("source"))
                    options.targetLanguage = try Self.language(context.parameters.require("target"))
                    let matches = try await backend.lookup([text], memory: memory, options: options)[0]
                    return try JSONResponse.make(matches.enumerated().map {
                        WeblateUnit(source: $0.element.source, target: $0.element.target, quality: min(100, $0.element.score), rank: $0.offset + 1)
                    })
                }
            }
        }
    }

    /// `ko-KR` → `ko_kr`, as Weblate's `map_language_code` spells it.
    static func weblateCode(_ code: String) -> String { code.replacingOccurrences(of: "-", with: "_").lowercased() }

    /// `ko_kr` → `ko-KR`; 400 for what is not a language.
    static func language(_ code: String) throws -> LanguageTag {
        let decoded = code.removingPercentEncoding ?? code
        guard let tag = LanguageTag(decoded.replacingOccurrences(of: "_", with: "-")), tag.isKnownLanguage else {
            throw APIError(.badRequest, "unknown language code '\(decoded)'")
        }
        return tag
    }
}
