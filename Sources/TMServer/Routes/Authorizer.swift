import Hummingbird

/// Checks `Authorization: Bearer` tokens: 401 when missing, unknown or revoked; 403 when the
/// scope is too low; 404 for a memory the token may not see (its existence is not revealed).
struct Authorizer: Sendable {
    let tokens: any TokenStore

    func check(_ request: Request, _ scope: TokenScope, memory: String? = nil, secret: String? = nil) async throws -> APIToken {
        guard let presented = secret ?? Self.bearer(request) else {
            throw APIError(.unauthorized, "missing token: send 'Authorization: Bearer TOKEN' (tokens come from `tmkit serve token create`)")
        }
        let token: APIToken?
        do {
            token = try await tokens.token(hash: APIToken.hash(presented))
        } catch {
            throw APIError.from(error)
        }
        guard let token, token.revoked == nil else { throw APIError(.unauthorized, "unknown or revoked token") }
        guard token.scope >= scope else {
            throw APIError(.forbidden, "this token's scope is '\(token.scope.rawValue)'; this needs '\(scope.rawValue)'")
        }
        guard token.sees(memory) else { throw APIError(.notFound, "no memory named '\(memory ?? "")'") }
        return token
    }

    static func bearer(_ request: Request) -> String? {
        guard let value = request.headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
