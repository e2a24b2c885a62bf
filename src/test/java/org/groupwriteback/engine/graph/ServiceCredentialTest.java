package org.groupwriteback.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.groupwriteback.demo.tenant.TenantEmulator;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service credential test (token + /organization + one read per permission) against the tenant emulator. */
class ServiceCredentialTest {
    @TempDir
    Path dir;

    private TenantEmulator start(Set<String> roles) throws Exception {
        return TenantEmulator.builder(GraphCloudSourceTest.fabrikam()).directory(dir).roles(roles).start();
    }

    private SyncConfiguration.Cloud cloud(TenantEmulator tenant, String authority, String secret) throws Exception {
        Path secretFile = dir.resolve("secret-" + System.nanoTime());
        DataDirectory.writeSecretFile(secretFile, (secret + "\n").toCharArray());
        return new SyncConfiguration.Cloud(authority, tenant.graphBaseUrl(), tenant.clientId(),
                new SyncConfiguration.Credential(secretFile.toString(), null, null),
                tenant.caCertificate().toString());
    }

    @Test
    void theRequiredPermissionsPassTheTest() throws Exception {
        try (TenantEmulator tenant = start(Set.copyOf(RequiredPermissions.applicationNames(false)));
                GraphCloudSource source = new GraphCloudSource(cloud(tenant, tenant.authority(),
                        tenant.clientSecret()))) {
            assertThat(source.verifyCredential().tenantId()).isEqualTo(tenant.tenantId());
        }
    }

    @Test
    void aMissingPermissionIsNamed() throws Exception {
        try (TenantEmulator tenant = start(Set.of("Group.Read.All", "Organization.Read.All"));
                GraphCloudSource source = new GraphCloudSource(cloud(tenant, tenant.authority(),
                        tenant.clientSecret()))) {
            assertThatThrownBy(source::verifyCredential).isInstanceOf(CloudException.class)
                    .hasMessageContaining("lacks the application permission User.Read.All")
                    .hasMessageContaining("Authorization_RequestDenied")
                    .hasMessageContaining(tenant.clientId());
        }
        try (TenantEmulator tenant = start(Set.of("Group.Read.All", "User.Read.All"));
                GraphCloudSource source = new GraphCloudSource(cloud(tenant, tenant.authority(),
                        tenant.clientSecret()))) {
            assertThatThrownBy(source::verifyCredential).hasMessageContaining("Organization.Read.All");
        }
        // The engine reads /devices (device members): Graph refuses it to an app with only group/user reads.
        try (TenantEmulator tenant = start(Set.of("Group.Read.All", "User.Read.All", "Organization.Read.All"));
                GraphCloudSource source = new GraphCloudSource(cloud(tenant, tenant.authority(),
                        tenant.clientSecret()))) {
            assertThatThrownBy(source::verifyCredential)
                    .hasMessageContaining("lacks the application permission Device.Read.All");
        }
    }

    @Test
    void aWrongSecretIsRefusedBeforeAnyGraphCall() throws Exception {
        try (TenantEmulator tenant = start(TenantEmulator.DEFAULT_ROLES);
                GraphCloudSource source = new GraphCloudSource(cloud(tenant, tenant.authority(), "not-the-secret"))) {
            assertThatThrownBy(source::verifyCredential).isInstanceOf(CloudException.class)
                    .hasMessageContaining("AADSTS7000215");
            assertThat(tenant.requestCount("/v1.0/")).isZero();
        }
    }

    @Test
    void theOrganizationsAuthorityIsRefusedForClientCredentialsAsEntraDoes() throws Exception {
        try (TenantEmulator tenant = start(TenantEmulator.DEFAULT_ROLES)) {
            for (String alias : new String[] {"organizations", "common"}) {
                try (GraphCloudSource source = new GraphCloudSource(cloud(tenant, tenant.origin() + "/" + alias,
                        tenant.clientSecret()))) {
                    assertThatThrownBy(source::verifyCredential).isInstanceOf(CloudException.class)
                            .hasMessageContaining(alias.equals("common") ? "AADSTS9001023" : "AADSTS50059");
                }
            }
        }
    }
}
