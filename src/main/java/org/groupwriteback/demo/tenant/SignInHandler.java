package org.groupwriteback.demo.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.groupwriteback.demo.tenant.Clients.Client;

/**
 * Entra ID sign-in below {@code /{tenant}}: OIDC metadata, signing keys, the token endpoint (client
 * credentials with secret or certificate assertion, device code, authorization code, refresh token), the
 * auto-approving device code endpoint and the authorization endpoint of the loopback flow.
 */
final class SignInHandler {
    private final TenantState state;
    private final Clients clients;
    private final TokenIssuer tokens;
    private final Replies replies;
    private final Supplier<Set<String>> audiences;
    private final String adminUserId = UUID.randomUUID().toString();
    /** Pending grants by code or refresh token: {client id, scope[, redirect uri, PKCE challenge]}. */
    private final Map<String, String[]> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, String[]> deviceCodes = new ConcurrentHashMap<>();
    private final Map<String, String[]> authorizationCodes = new ConcurrentHashMap<>();
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private volatile boolean approveSignIn = true;

    SignInHandler(TenantState state, Clients clients, TokenIssuer tokens, Replies replies,
            Supplier<Set<String>> audiences) {
        this.state = state;
        this.clients = clients;
        this.tokens = tokens;
        this.replies = replies;
        this.audiences = audiences;
    }

    void setTokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** Whether the administrator approves interactive and device-code sign-ins (the demo: always). */
    void setApproveSignIn(boolean approve) {
        this.approveSignIn = approve;
    }

    /** Whether {@code tenant} (first path segment) names this tenant, by id, domain or a multi-tenant alias. */
    boolean knownTenant(String tenant) {
        return tenant.equalsIgnoreCase(state.tenantId) || tenant.equalsIgnoreCase(state.defaultDomain)
                || tenant.equals("organizations") || tenant.equals("common") || tenant.equals("consumers");
    }

    Reply unknownTenant(String tenant) {
        return replies.aadError(400, "invalid_tenant", 90002, "Tenant '" + tenant + "' not found. Check to make "
                + "sure you have the correct tenant ID and are signing into the correct cloud.");
    }

    Reply openIdConfiguration(Request r) {
        String base = r.origin() + "/" + state.tenantId;
        ObjectNode c = replies.object();
        c.put("issuer", base + "/v2.0")
                .put("authorization_endpoint", base + "/oauth2/v2.0/authorize")
                .put("token_endpoint", base + "/oauth2/v2.0/token")
                .put("device_authorization_endpoint", base + "/oauth2/v2.0/devicecode")
                .put("jwks_uri", base + "/discovery/v2.0/keys")
                .put("tenant_region_scope", "EU")
                .put("request_uri_parameter_supported", false);
        c.putArray("response_types_supported").add("code").add("id_token").add("code id_token");
        c.putArray("subject_types_supported").add("pairwise");
        c.putArray("id_token_signing_alg_values_supported").add("RS256");
        c.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("private_key_jwt");
        c.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
        c.putArray("grant_types_supported").add("client_credentials").add("refresh_token")
                .add("urn:ietf:params:oauth:grant-type:device_code");
        return replies.ok(c);
    }

    Reply keys(Request r) {
        return replies.ok(tokens.jwks());
    }

    Reply token(Request r) throws IOException, HttpError {
        requirePost(r);
        Map<String, String> form = r.form();
        String grant = form.getOrDefault("grant_type", "");
        Client client = clients.find(form.get("client_id"));
        if (client == null) {
            return unknownClient(form.get("client_id"));
        }
        switch (grant) {
            case "client_credentials":
                if (r.area().equalsIgnoreCase("common") || r.area().equalsIgnoreCase("consumers")) {
                    return replies.aadError(400, "invalid_request", 9001023, "The grant type is not supported over "
                            + "the /common or /consumers endpoints. Please use the /organizations or tenant-specific "
                            + "endpoint.");
                }
                if (r.area().equalsIgnoreCase("organizations")) {
                    return replies.aadError(400, "invalid_request", 50059, "No tenant-identifying information found "
                            + "in either the request or implied by any provided credentials.");
                }
                return clientCredentials(r.origin(), client, form);
            case "urn:ietf:params:oauth:grant-type:device_code", "device_code": {
                String[] pending = deviceCodes.remove(form.getOrDefault("device_code", form.getOrDefault("code", "")));
                if (pending != null && !approveSignIn) {
                    return replies.aadError(400, "authorization_declined", 70000, "The user declined to "
                            + "authorize the request.");
                }
                if (pending == null) {
                    return replies.aadError(400, "expired_token", 70020, "The provided value for the input "
                            + "parameter 'device_code' is not valid or has expired.");
                }
                return delegatedTokens(r.origin(), client, pending[1]);
            }
            case "authorization_code": {
                String[] pending = authorizationCodes.remove(form.getOrDefault("code", ""));
                if (pending == null || !pending[0].equals(client.id())
                        || !pending[2].equals(form.getOrDefault("redirect_uri", ""))) {
                    return replies.aadError(400, "invalid_grant", 70008, "The provided authorization code or "
                            + "refresh token has expired or was already used, or the redirect URI does not match.");
                }
                if (pending[3] != null && !pending[3].equals(s256(form.getOrDefault("code_verifier", "")))) {
                    return replies.aadError(400, "invalid_grant", 501481, "The Code_Verifier does not match the "
                            + "code_challenge supplied in the authorization request.");
                }
                return delegatedTokens(r.origin(), client, form.getOrDefault("scope", pending[1]));
            }
            case "refresh_token": {
                String[] grantInfo = refreshTokens.get(form.getOrDefault("refresh_token", ""));
                if (grantInfo == null || !grantInfo[0].equals(client.id())) {
                    return replies.aadError(400, "invalid_grant", 9002313, "Invalid request. The refresh token is "
                            + "malformed or not valid.");
                }
                return delegatedTokens(r.origin(), client, form.getOrDefault("scope", grantInfo[1]));
            }
            default:
                return replies.aadError(400, "unsupported_grant_type", 70003, "The app requested an unsupported "
                        + "grant type '" + grant + "'.");
        }
    }

    private Reply clientCredentials(String origin, Client client, Map<String, String> form) {
        if (client.publicClient()) {
            return replies.aadError(401, "invalid_client", 7000218,
                    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }
        String secret = form.get("client_secret");
        String assertion = form.get("client_assertion");
        if (assertion != null) {
            String problem = checkAssertion(client, assertion);
            if (problem != null) {
                return replies.aadError(401, "invalid_client", 700027, "Client assertion failed signature "
                        + "validation or is not usable: " + problem);
            }
        } else if (secret == null || !secret.equals(client.secret())) {
            return replies.aadError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the "
                    + "secret being sent in the request is the client secret value, not the client secret ID, "
                    + "for a secret added to app '" + client.id() + "'.");
        }
        String resource = resourceOf(form.get("scope"));
        if (resource == null || !audiences.get().contains(resource)) {
            return replies.aadError(400, "invalid_resource", 500011, "The resource principal named " + resource
                    + " was not found in the tenant named " + state.displayName + ".");
        }
        ObjectNode response = replies.object();
        response.put("token_type", "Bearer").put("expires_in", tokenLifetime.toSeconds())
                .put("ext_expires_in", tokenLifetime.toSeconds())
                .put("access_token", accessToken(origin, resource, client, null, null));
        return replies.ok(response);
    }

    /** Null when the client assertion is a JWT for this client signed by its registered certificate. */
    private String checkAssertion(Client client, String assertion) {
        if (client.certificate() == null || Instant.now().isBefore(client.certificateUsableFrom())) {
            // A new key is not known to every sign-in server until it has replicated.
            return "[Reason - The key was not found.] no usable certificate is registered for app " + client.id();
        }
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return "malformed JWT";
        }
        try {
            Base64.Decoder d = Base64.getUrlDecoder();
            JsonNode header = replies.mapper().readTree(d.decode(parts[0]));
            JsonNode claims = replies.mapper().readTree(d.decode(parts[1]));
            Signature verifier;
            switch (header.path("alg").asText()) {
                case "RS256" -> verifier = Signature.getInstance("SHA256withRSA");
                case "PS256" -> {
                    verifier = Signature.getInstance("RSASSA-PSS");
                    verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                }
                default -> {
                    return "unsupported alg " + header.path("alg").asText();
                }
            }
            verifier.initVerify(client.certificate().getPublicKey());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(d.decode(parts[2]))) {
                return "signature does not match the registered certificate";
            }
            if (!client.id().equals(claims.path("iss").asText()) || !client.id().equals(claims.path("sub").asText())) {
                return "iss/sub is not the client id";
            }
            if (claims.path("exp").asLong() <= Instant.now().getEpochSecond()) {
                return "expired";
            }
            return null;
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            return e.getMessage();
        }
    }

    /**
     * The authorization endpoint of the interactive (browser + loopback) flow: the demo tenant signs the
     * administrator in at once and redirects back to the registered loopback URI with a code.
     */
    Reply authorize(Request r) {
        Map<String, String> q = r.query();
        String id = q.get("client_id");
        String redirect = q.get("redirect_uri");
        if (clients.find(id) == null) {
            return unknownClient(id);
        }
        URI target;
        try {
            target = redirect == null ? null : URI.create(redirect);
        } catch (IllegalArgumentException e) {
            target = null;
        }
        if (target == null || !"http".equals(target.getScheme())
                || !Set.of("localhost", "127.0.0.1").contains(target.getHost())) {
            return replies.aadError(400, "invalid_request", 50011, "The redirect URI '" + redirect + "' specified in "
                    + "the request does not match the redirect URIs configured for the application (loopback only).");
        }
        String challenge = q.get("code_challenge");
        if (challenge != null && !"S256".equals(q.get("code_challenge_method"))) {
            return replies.aadError(400, "invalid_request", 501491, "Invalid code_challenge_method: only S256 is "
                    + "accepted.");
        }
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        if (approveSignIn) {
            String code = TokenIssuer.randomSecret();
            authorizationCodes.put(code, new String[] {id, q.getOrDefault("scope", ""), redirect, challenge});
            fields.put("code", code);
        } else {
            fields.put("error", "access_denied");
            fields.put("error_description", "AADSTS65004: User declined to consent to access the app.");
        }
        if (q.get("state") != null) {
            fields.put("state", q.get("state"));
        }
        if ("form_post".equals(q.get("response_mode"))) {
            // What Entra sends a browser for response_mode=form_post (MSAL4J's loopback reads the POST body).
            StringBuilder html = new StringBuilder("<html><body onload=\"document.forms[0].submit()\"><form "
                    + "method=\"POST\" action=\"" + htmlEscape(redirect) + "\">");
            fields.forEach((k, v) -> html.append("<input type=\"hidden\" name=\"").append(k).append("\" value=\"")
                    .append(htmlEscape(v)).append("\"/>"));
            html.append("</form></body></html>");
            return new Reply(200, html.toString().getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "text/html; charset=utf-8"));
        }
        StringBuilder location = new StringBuilder(redirect);
        fields.forEach((k, v) -> location.append(location.indexOf("?") < 0 ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return new Reply(302, null, Map.of("Location", location.toString()));
    }

    private static String s256(String verifier) {
        try {
            return TokenIssuer.base64Url(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String htmlEscape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    Reply deviceCode(Request r) throws IOException, HttpError {
        requirePost(r);
        Map<String, String> form = r.form();
        String id = form.get("client_id");
        if (clients.find(id) == null) {
            return unknownClient(id);
        }
        String code = TokenIssuer.randomSecret();
        String userCode = Integer.toString(100_000_000 + new SecureRandom().nextInt(800_000_000), 36).toUpperCase();
        // The demo tenant approves at once: the first poll gets tokens (or a refusal when told to decline).
        deviceCodes.put(code, new String[] {id, form.getOrDefault("scope", "")});
        ObjectNode response = replies.object();
        response.put("user_code", userCode).put("device_code", code)
                .put("verification_uri", r.origin() + "/devicelogin").put("expires_in", 900).put("interval", 1)
                .put("message", "The demo tenant signs you in automatically (code " + userCode + ").");
        return replies.ok(response);
    }

    private Reply delegatedTokens(String origin, Client client, String scope) throws IOException {
        String resource = resourceOf(scope);
        if (resource == null) {
            resource = origin;
        }
        ObjectNode response = replies.object();
        String refresh = TokenIssuer.randomSecret();
        refreshTokens.put(refresh, new String[] {client.id(), scope});
        long now = Instant.now().getEpochSecond();
        ObjectNode id = replies.object();
        id.put("aud", client.id()).put("iss", origin + "/" + state.tenantId + "/v2.0").put("iat", now)
                .put("nbf", now).put("exp", now + tokenLifetime.toSeconds()).put("name", "Demo Administrator")
                .put("oid", adminUserId).put("sub", adminUserId).put("tid", state.tenantId)
                .put("preferred_username", "admin@" + state.defaultDomain).put("ver", "2.0");
        String clientInfo = TokenIssuer.base64Url(replies.mapper().writeValueAsBytes(
                replies.object().put("uid", adminUserId).put("utid", state.tenantId)));
        response.put("token_type", "Bearer").put("scope", scope == null ? "" : scope)
                .put("expires_in", tokenLifetime.toSeconds()).put("ext_expires_in", tokenLifetime.toSeconds())
                .put("access_token", accessToken(origin, resource, client, adminUserId, scope))
                .put("refresh_token", refresh).put("id_token", tokens.sign(id)).put("client_info", clientInfo);
        return replies.ok(response);
    }

    /** The resource of the first scope that names one ({@code https://host:port/.default} -> origin). */
    private static String resourceOf(String scope) {
        if (scope == null) {
            return null;
        }
        for (String s : scope.split(" ")) {
            if (s.startsWith("https://")) {
                int slash = s.indexOf('/', "https://".length());
                return slash < 0 ? s : s.substring(0, slash);
            }
        }
        return null;
    }

    /** The permission names of {@code scope} without their resource ({@code https://host/Group.Read.All}). */
    private static String delegatedScopes(String scope) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String s : scope == null ? new String[0] : scope.split(" ")) {
            String name = s.substring(s.lastIndexOf('/') + 1);
            if (!name.isEmpty() && !Set.of(".default", "openid", "profile", "offline_access").contains(name)) {
                names.add(name);
            }
        }
        return names.isEmpty() ? "Group.ReadWrite.All Directory.Read.All User.Read" : String.join(" ", names);
    }

    private String accessToken(String origin, String audience, Client client, String userId, String scope) {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = replies.object();
        claims.put("aud", audience).put("iss", origin + "/" + state.tenantId + "/v2.0").put("iat", now)
                .put("nbf", now).put("exp", now + tokenLifetime.toSeconds()).put("appid", client.id())
                .put("tid", state.tenantId).put("ver", "2.0")
                // Unique per token, as Entra's "uti": two tokens issued in the same second still differ.
                .put("uti", UUID.randomUUID().toString());
        if (userId == null) {
            ArrayNode roles = claims.putArray("roles");
            client.roles().stream().sorted().forEach(roles::add);
            claims.put("sub", client.id()).put("idtyp", "app");
        } else {
            claims.put("oid", userId).put("sub", userId).put("scp", delegatedScopes(scope))
                    .put("upn", "admin@" + state.defaultDomain);
        }
        return tokens.sign(claims);
    }

    private Reply unknownClient(String id) {
        return replies.aadError(400, "unauthorized_client", 700016, "Application with identifier '" + id
                + "' was not found in the directory '" + state.displayName + "'.");
    }

    private void requirePost(Request r) throws HttpError {
        if (!r.method().equals("POST")) {
            throw new HttpError(replies.aadError(405, "invalid_request", 900561,
                    "The endpoint only accepts POST requests."));
        }
    }
}
