package org.groupwriteback.demo.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

/** Checks the bearer token of a Graph request (signature, lifetime, audience) and the permissions it carries. */
final class BearerAuth {
    private final TokenIssuer tokens;
    private final Replies replies;
    private final Supplier<Set<String>> audiences;

    BearerAuth(TokenIssuer tokens, Replies replies, Supplier<Set<String>> audiences) {
        this.tokens = tokens;
        this.replies = replies;
        this.audiences = audiences;
    }

    /** The claims of a valid access token for this emulator; 401 in Graph's shape otherwise. */
    JsonNode authenticate(Request r) throws HttpError {
        String header = r.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw invalid("Access token is empty.");
        }
        JsonNode claims;
        try {
            claims = tokens.verify(header.substring(7).trim());
        } catch (TokenIssuer.InvalidTokenException e) {
            throw invalid(e.getMessage());
        }
        if (claims.path("exp").asLong() <= Instant.now().getEpochSecond()) {
            throw invalid("Lifetime validation failed, the token is expired.");
        }
        if (!audiences.get().contains(claims.path("aud").asText())) {
            throw invalid("Access token validation failure. Invalid audience.");
        }
        return claims;
    }

    /** Delegated tokens pass; app tokens need one of {@code needed} in their roles (none needed = any token). */
    void authorize(JsonNode claims, Set<String> needed) throws HttpError {
        if (needed.isEmpty() || claims.has("scp")) {
            return;
        }
        for (JsonNode role : claims.path("roles")) {
            if (needed.contains(role.asText())) {
                return;
            }
        }
        throw replies.graphFailure(403, "Authorization_RequestDenied",
                "Insufficient privileges to complete the operation.");
    }

    private HttpError invalid(String message) {
        return replies.graphFailure(401, "InvalidAuthenticationToken", message);
    }
}
