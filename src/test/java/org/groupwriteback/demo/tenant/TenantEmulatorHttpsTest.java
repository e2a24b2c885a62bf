package org.groupwriteback.demo.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.groupwriteback.demo.tls.LocalCertificateAuthority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an outsider with {@code curl --cacert} sees: plain HTTPS clients trusting only the CA PEM work. */
class TenantEmulatorHttpsTest {
    @TempDir
    Path dir;
    TenantEmulator tenant;
    HttpClient http;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/tenant/fabrikam.json")) {
            tenant = TenantEmulator.builder(TenantFixture.parse(in, "fabrikam")).directory(dir).start();
        }
        http = HttpClient.newBuilder().sslContext(LocalCertificateAuthority.clientSslContextFromPem(tenant.caCertificate()))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() {
        tenant.close();
    }

    HttpResponse<String> post(String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String errorCode(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body()).path("error").path("code").asText();
    }

    String token() throws Exception {
        HttpResponse<String> r = post(tenant.authority() + "/oauth2/v2.0/token", "grant_type=client_credentials"
                + "&client_id=" + tenant.clientId() + "&client_secret=" + URLEncoder.encode(tenant.clientSecret(),
                StandardCharsets.UTF_8) + "&scope=" + URLEncoder.encode(tenant.origin() + "/.default",
                StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        return json.readTree(r.body()).path("access_token").asText();
    }

    @Test
    void plainHttpsClientTrustingTheCaPemSignsInAndReadsGraph() throws Exception {
        JsonNode oidc = json.readTree(get(tenant.authority() + "/v2.0/.well-known/openid-configuration", null).body());
        assertThat(oidc.path("token_endpoint").asText()).isEqualTo(tenant.authority() + "/oauth2/v2.0/token");
        assertThat(json.readTree(get(tenant.authority() + "/discovery/v2.0/keys", null).body()).path("keys"))
                .hasSize(1);
        String token = token();
        HttpResponse<String> org = get(tenant.graphBaseUrl() + "/organization", token);
        assertThat(org.statusCode()).isEqualTo(200);
        assertThat(json.readTree(org.body()).path("value").get(0).path("displayName").asText()).isEqualTo("Fabrikam");
        // Both spellings of the delta function answer the same.
        JsonNode a = json.readTree(get(tenant.graphBaseUrl() + "/groups/delta()?$select=id,displayName", token).body());
        JsonNode b = json.readTree(get(tenant.graphBaseUrl() + "/groups/delta?$select=id,displayName", token).body());
        assertThat(a.path("value")).isEqualTo(b.path("value")).hasSize(4);
        assertThat(a.path("@odata.deltaLink").asText()).startsWith(tenant.graphBaseUrl() + "/groups/delta?$deltatoken=");
    }

    @Test
    void missingBadAndExpiredTokensGet401WithGraphErrorJson() throws Exception {
        HttpResponse<String> none = get(tenant.graphBaseUrl() + "/groups", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json.readTree(none.body()).path("error").path("code").asText()).isEqualTo("InvalidAuthenticationToken");
        String token = token();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        HttpResponse<String> bad = get(tenant.graphBaseUrl() + "/groups", forged);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(json.readTree(bad.body()).path("error").path("message").asText()).contains("Invalid signature");
        tenant.setTokenLifetime(Duration.ofSeconds(-5));
        HttpResponse<String> expired = get(tenant.graphBaseUrl() + "/groups", token());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json.readTree(expired.body()).path("error").path("message").asText()).contains("expired");
    }

    @Test
    void tokenForAnotherAudienceIsRefused() throws Exception {
        HttpResponse<String> r = post(tenant.authority() + "/oauth2/v2.0/token", "grant_type=client_credentials"
                + "&client_id=" + tenant.clientId() + "&client_secret=" + URLEncoder.encode(tenant.clientSecret(),
                StandardCharsets.UTF_8) + "&scope=" + URLEncoder.encode("https://graph.microsoft.com/.default",
                StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("AADSTS500011");
    }

    @Test
    void topAbove999IsABadRequestAndPagesLinkAbsolutely() throws Exception {
        String token = token();
        HttpResponse<String> tooBig = get(tenant.graphBaseUrl() + "/users?$top=1000", token);
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(json.readTree(tooBig.body()).path("error").path("message").asText()).contains("999");
        JsonNode page = json.readTree(get(tenant.graphBaseUrl() + "/users?$top=999&$select=id", token).body());
        assertThat(page.path("value")).hasSize(999);
        JsonNode next = json.readTree(get(page.path("@odata.nextLink").asText(), token).body());
        assertThat(next.path("value")).hasSize(1204 - 999);
        assertThat(next.has("@odata.nextLink")).isFalse();
    }

    @Test
    void expiredDeltaLinkAnswers410SyncStateNotFound() throws Exception {
        String token = token();
        JsonNode first = json.readTree(get(tenant.graphBaseUrl() + "/groups/delta?$select=id", token).body());
        tenant.expireDeltaLinks();
        HttpResponse<String> gone = get(first.path("@odata.deltaLink").asText(), token);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(json.readTree(gone.body()).path("error").path("code").asText()).isEqualTo("syncStateNotFound");
    }

    @Test
    void malformedPageAndThrottlingAreInjectedPerPath() throws Exception {
        String token = token();
        tenant.malformedNext("/v1.0/groups", 1);
        HttpResponse<String> broken = get(tenant.graphBaseUrl() + "/groups", token);
        assertThat(broken.statusCode()).isEqualTo(200);
        assertThat(broken.body()).doesNotEndWith("}");
        tenant.throttleNext("/v1.0/users", 1, 7);
        HttpResponse<String> throttled = get(tenant.graphBaseUrl() + "/users", token);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("7");
        assertThat(get(tenant.graphBaseUrl() + "/users", token).statusCode()).isEqualTo(200);
    }

    @Test
    void deltaReportsMemberRemovalsAndBothKindsOfGroupRemoval() throws Exception {
        String token = token();
        String marketing = "b0000000-0000-0000-0000-000000000001";
        String finance = "b0000000-0000-0000-0000-000000000002";
        String sales = "b0000000-0000-0000-0000-000000000003";
        String adele = "a0000000-0000-0000-0000-000000000001";
        String link = null;
        String url = tenant.graphBaseUrl() + "/groups/delta?$select=id,displayName,members";
        while (url != null) {
            JsonNode page = json.readTree(get(url, token).body());
            url = page.path("@odata.nextLink").isMissingNode() ? null : page.path("@odata.nextLink").asText();
            link = page.path("@odata.deltaLink").asText(null);
        }
        tenant.removeMember(marketing, adele);
        tenant.softDeleteGroup(sales);
        tenant.hardDeleteGroup(finance);
        JsonNode changes = json.readTree(get(link, token).body());
        JsonNode value = changes.path("value");
        assertThat(value).hasSize(3);
        JsonNode m = find(value, marketing);
        assertThat(m.has("displayName")).as("member-only change carries no other property").isFalse();
        assertThat(m.path("members@delta")).hasSize(1);
        assertThat(m.path("members@delta").get(0).path("id").asText()).isEqualTo(adele);
        assertThat(m.path("members@delta").get(0).path("@odata.type").asText()).isEqualTo("#microsoft.graph.user");
        assertThat(m.path("members@delta").get(0).path("@removed").path("reason").asText()).isEqualTo("deleted");
        assertThat(find(value, sales).path("@removed").path("reason").asText()).isEqualTo("changed");
        assertThat(find(value, finance).path("@removed").path("reason").asText()).isEqualTo("deleted");
        // Soft-deleted groups are listed under deleted items.
        JsonNode deleted = json.readTree(get(tenant.graphBaseUrl()
                + "/directory/deletedItems/microsoft.graph.group?$select=id", token).body());
        assertThat(deleted.path("value")).hasSize(1);
        assertThat(deleted.path("value").get(0).path("id").asText()).isEqualTo(sales);
    }

    @Test
    void writebackConfigurationIsBetaOnly() throws Exception {
        String token = token();
        String finance = "b0000000-0000-0000-0000-000000000002";
        HttpResponse<String> v1 = get(tenant.graphBaseUrl() + "/groups/" + finance + "?$select=id,writebackConfiguration",
                token);
        assertThat(v1.statusCode()).isEqualTo(400);
        JsonNode beta = json.readTree(get(tenant.origin() + "/beta/groups/" + finance
                + "?$select=id,writebackConfiguration", token).body());
        assertThat(beta.path("writebackConfiguration").path("isEnabled").asBoolean()).isTrue();
        assertThat(beta.path("writebackConfiguration").path("onPremisesGroupType").asText())
                .isEqualTo("universalSecurityGroup");
    }

    private static JsonNode find(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.path("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no item " + id + " in " + items);
    }

    @Test
    void adminApiChangesTheTenantForScripts() throws Exception {
        String admin = tenant.origin() + "/_admin";
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(admin + "/expireDeltaLinks"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(admin + "/groups"))
                .header("X-Admin-Key", tenant.clientSecret()).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"displayName\":\"Legal\",\"mailNickname\":\"legal\",\"groupTypes\":[\"Unified\"],"
                        + "\"mailEnabled\":true,\"members\":[\"a0000000-0000-0000-0000-000000000001\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json.readTree(created.body()).path("id").asText();
        assertThat(tenant.memberIds(id)).containsExactly("a0000000-0000-0000-0000-000000000001");
        HttpResponse<String> badMember = http.send(HttpRequest.newBuilder(URI.create(admin + "/groups/" + id + "/members"))
                .header("X-Admin-Key", tenant.clientSecret()).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"id\":\"c0000000-0000-0000-0000-000000000009\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badMember.statusCode()).isEqualTo(400);
        HttpResponse<String> writeback = http.send(HttpRequest.newBuilder(URI.create(admin + "/groups/" + id
                + "/writeback")).header("X-Admin-Key", tenant.clientSecret()).PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"isEnabled\":false}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(writeback.statusCode()).isEqualTo(204);
        assertThat(tenant.writeback(id)).isEqualTo(new org.groupwriteback.engine.graph.WritebackConfiguration(false, null));
        JsonNode group = json.readTree(get(tenant.graphBaseUrl() + "/groups/" + id, token()).body());
        assertThat(group.path("displayName").asText()).isEqualTo("Legal");
    }

    @Test
    void groupMembersArePagedWithTheirODataType() throws Exception {
        String token = token();
        String url = tenant.graphBaseUrl() + "/groups/b0000000-0000-0000-0000-000000000004/members?$top=500&$select=id";
        java.util.Set<String> ids = new java.util.HashSet<>();
        int pages = 0;
        while (url != null) {
            JsonNode page = json.readTree(get(url, token).body());
            pages++;
            for (JsonNode member : page.path("value")) {
                assertThat(member.path("@odata.type").asText()).isEqualTo("#microsoft.graph.user");
                ids.add(member.path("id").asText());
            }
            url = page.hasNonNull("@odata.nextLink") ? page.path("@odata.nextLink").asText() : null;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(1201).contains("a0000000-0000-0000-0000-000000000002");
    }

    @Test
    void patchOfWritebackOnBetaKeepsWhatItDoesNotNameAndRefusesBadInput() throws Exception {
        String token = token();
        String finance = tenant.origin() + "/beta/groups/b0000000-0000-0000-0000-000000000002";
        HttpResponse<String> partial = send("PATCH", finance, token, "{\"writebackConfiguration\":{\"isEnabled\":false}}");
        assertThat(partial.statusCode()).isEqualTo(204);
        assertThat(tenant.writeback("b0000000-0000-0000-0000-000000000002")).isEqualTo(
                new org.groupwriteback.engine.graph.WritebackConfiguration(false, "universalSecurityGroup"));
        HttpResponse<String> v1 = send("PATCH", tenant.graphBaseUrl() + "/groups/b0000000-0000-0000-0000-000000000002",
                token, "{\"writebackConfiguration\":{\"isEnabled\":true}}");
        assertThat(v1.statusCode()).isEqualTo(400);
        assertThat(json.readTree(v1.body()).path("error").path("message").asText()).contains("writebackConfiguration");
        HttpResponse<String> badType = send("PATCH", finance, token,
                "{\"writebackConfiguration\":{\"onPremisesGroupType\":\"globalGroup\"}}");
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(send("PATCH", finance, token, "{\"visibility\":\"Private\"}").statusCode()).isEqualTo(400);
        assertThat(send("PATCH", tenant.origin() + "/beta/groups/c0000000-0000-0000-0000-000000000009", token,
                "{\"displayName\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(tenant.writeback("b0000000-0000-0000-0000-000000000002").onPremisesGroupType())
                .isEqualTo("universalSecurityGroup");
    }

    @Test
    void groupSettingsCarryTheUnifiedWritebackDefaultOnlyWhenSet() throws Exception {
        String token = token();
        tenant.setUnifiedWritebackDefault(null);
        assertThat(json.readTree(get(tenant.graphBaseUrl() + "/groupSettings", token).body()).path("value")).isEmpty();
        tenant.setUnifiedWritebackDefault(false);
        JsonNode setting = json.readTree(get(tenant.graphBaseUrl() + "/groupSettings", token).body()).path("value").get(0);
        assertThat(setting.path("templateId").asText()).isEqualTo("62375ab9-6b52-47ed-826b-58e47e0e304b");
        assertThat(setting.path("values").get(0).path("name").asText()).isEqualTo("NewUnifiedGroupWritebackDefault");
        assertThat(setting.path("values").get(0).path("value").asText()).isEqualTo("false");
    }

    @Test
    void unknownResourcesMethodsAndAppOnlyMeAnswerInGraphsErrorShape() throws Exception {
        String token = token();
        HttpResponse<String> unknown = get(tenant.graphBaseUrl() + "/groups/b0000000-0000-0000-0000-000000000001/owners",
                token);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(errorCode(unknown)).isEqualTo("BadRequest");
        HttpResponse<String> delete = send("DELETE", tenant.graphBaseUrl() + "/groups", token, null);
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(errorCode(delete)).isEqualTo("Request_BadRequest");
        HttpResponse<String> me = get(tenant.graphBaseUrl() + "/me", token);
        assertThat(me.statusCode()).isEqualTo(400);
        assertThat(json.readTree(me.body()).path("error").path("message").asText()).contains("delegated");
        HttpResponse<String> missing = get(tenant.graphBaseUrl() + "/users/c0000000-0000-0000-0000-000000000009", token);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(errorCode(missing)).isEqualTo("Request_ResourceNotFound");
        HttpResponse<String> wrongTenant = get(tenant.origin() + "/contoso.onmicrosoft.com/v2.0/.well-known/"
                + "openid-configuration", null);
        assertThat(wrongTenant.statusCode()).isEqualTo(400);
        assertThat(json.readTree(wrongTenant.body()).path("error").asText()).isEqualTo("invalid_tenant");
        HttpResponse<String> getToken = get(tenant.authority() + "/oauth2/v2.0/token", null);
        assertThat(getToken.statusCode()).isEqualTo(405);
    }

    @Test
    void appWithoutGroupPermissionsIsRefusedOnReadsAndWrites() throws Exception {
        tenant.close();
        tenant = TenantEmulator.builder(TenantFixture.parse(getClass().getResourceAsStream("/tenant/fabrikam.json"),
                "fabrikam")).directory(dir).roles(java.util.Set.of("Group.Read.All")).start();
        http = HttpClient.newBuilder().sslContext(LocalCertificateAuthority.clientSslContextFromPem(
                tenant.caCertificate())).build();
        String token = token();
        assertThat(get(tenant.graphBaseUrl() + "/groups?$select=id", token).statusCode()).isEqualTo(200);
        HttpResponse<String> patch = send("PATCH", tenant.origin() + "/beta/groups/b0000000-0000-0000-0000-000000000002",
                token, "{\"displayName\":\"x\"}");
        assertThat(patch.statusCode()).isEqualTo(403);
        assertThat(errorCode(patch)).isEqualTo("Authorization_RequestDenied");
    }

    @Test
    void adminApiInjectsFaultsAndRefusesUnknownOperations() throws Exception {
        String admin = tenant.origin() + "/_admin";
        HttpResponse<String> fault = http.send(HttpRequest.newBuilder(URI.create(admin + "/faults"))
                .header("X-Admin-Key", tenant.clientSecret()).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"kind\":\"unavailable\",\"path\":\"/v1.0/organization\",\"times\":1,\"retryAfter\":2}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fault.statusCode()).isEqualTo(204);
        HttpResponse<String> unavailable = get(tenant.graphBaseUrl() + "/organization", token());
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).contains("2");
        HttpResponse<String> badKind = http.send(HttpRequest.newBuilder(URI.create(admin + "/faults"))
                .header("X-Admin-Key", tenant.clientSecret()).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"kind\":\"gremlins\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badKind.statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(admin + "/reboot"))
                .header("X-Admin-Key", tenant.clientSecret()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }
}
