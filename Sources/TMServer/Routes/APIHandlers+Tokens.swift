import Foundation
import Hummingbird

extension APIHandlers {
    func addTokenRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/tokens") { request, _ in
            try await Self.answer {
                _ = try await auth.check(request, .admin)
                return try JSONResponse.make(TokensPayload(tokens: try await config.tokens.all().map(\.payload)))
            }
        }
        router.post("/api/v1/tokens") { request, _ in
            try await Self.answer {
                var request = request
                let admin = try await auth.check(request, .admin)
                let body = try await request.decodeJSON(TokenRequest.self, limit: limits.maxJSONBytes)
                guard let scope = TokenScope(rawValue: body.scope) else { throw APIError(.badRequest, "'scope' must be read, write or admin") }
                // A token limited to one memory makes tokens for that memory only.
                if let own = admin.memory, body.memory != own {
                    throw APIError(.forbidden, "this token may only make tokens for memory '\(own)'")
                }
                let (token, secret) = APIToken.generate(scope: scope, memory: body.memory, label: body.label)
                try await config.tokens.add(token)
                var payload = token.payload
                payload.token = secret
                return try JSONResponse.make(payload, status: .created)
            }
        }
        router.delete("/api/v1/tokens/:id") { request, context in
            try await Self.answer {
                _ = try await auth.check(request, .admin)
                let id = try context.parameters.require("id")
                guard try await config.tokens.revoke(id) else { throw APIError(.notFound, "no token with id '\(id)'") }
                return Response(status: .noContent)
            }
        }
    }
}
