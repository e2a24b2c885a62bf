package org.groupwriteback.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.demo.tenant.TenantEmulator;
import org.groupwriteback.demo.tenant.TenantFixture;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large generated group (20,000 members by default; {@code -Dgwb.scale.members=60000} for the big case)
 * is imported completely across member chunks and pages. Prints the time taken; asserts only completeness.
 */
class GraphCloudSourceScaleTest {
    static final String GROUP = "c0000000-0000-0000-0000-000000000001";

    @TempDir
    Path dir;

    @Test
    void largeGeneratedGroupIsImportedCompletely() throws Exception {
        int count = Integer.getInteger("gwb.scale.members", 20_000);
        String json = "{\"tenant\":{\"id\":\"4f1c1c6e-9a51-4f0e-8d53-2d1b7c3a9e01\",\"displayName\":\"Scale\","
                + "\"defaultDomain\":\"scale.onmicrosoft.com\"},\"groups\":[{\"id\":\"" + GROUP + "\","
                + "\"displayName\":\"All staff\",\"mailNickname\":\"allstaff\",\"securityEnabled\":true,"
                + "\"writebackConfiguration\":{\"isEnabled\":true},"
                + "\"membersGenerated\":{\"count\":" + count + ",\"prefix\":\"bulk\"}}]}";
        TenantFixture fixture = TenantFixture.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "scale");
        try (TenantEmulator tenant = TenantEmulator.builder(fixture).directory(dir).start()) {
            Path secret = dir.resolve("secret");
            DataDirectory.writeSecretFile(secret, tenant.clientSecret().toCharArray());
            SyncConfiguration.Cloud cloud = new SyncConfiguration.Cloud(tenant.authority(), tenant.graphBaseUrl(),
                    tenant.clientId(), new SyncConfiguration.Credential(secret.toString(), null, null),
                    tenant.caCertificate().toString());
            CloudSnapshot snapshot = new CloudSnapshot();
            try (GraphCloudSource source = new GraphCloudSource(cloud, 999)) {
                long start = System.nanoTime();
                ImportReport report = source.importInto(snapshot, true);
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("BENCH graph full import: %d members, %d users, %d requests, %d ms%n", count,
                        snapshot.users().size(), report.requests(), millis);

                CloudGroup group = snapshot.groups().get(GROUP);
                assertThat(group.members()).hasSize(count);
                Set<String> expected = fixture.generatedUsers().stream().map(u -> u.id()).collect(Collectors.toSet());
                assertThat(group.members().stream().map(CloudMember::id).collect(Collectors.toSet()))
                        .isEqualTo(expected);
                assertThat(snapshot.users()).hasSize(count);
                assertThat(snapshot.users().values()).allMatch(CloudUser::isSynced);
                assertThat(group.writeback().isEnabled()).isTrue();

                String removed = fixture.generatedUsers().get(count / 2).id();
                tenant.removeMember(GROUP, removed);
                start = System.nanoTime();
                source.importInto(snapshot, false);
                System.out.printf("BENCH graph incremental import after one member change: %d ms%n",
                        (System.nanoTime() - start) / 1_000_000);
                assertThat(snapshot.groups().get(GROUP).members()).hasSize(count - 1)
                        .doesNotContain(CloudMember.user(removed));
            }
        }
    }
}
