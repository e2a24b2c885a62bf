package org.groupwriteback.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.groupwriteback.demo.tenant.TenantEmulator;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk writeback settings and the tenant default through the real Graph SDK against the tenant emulator:
 * throttling retried by the SDK's retry handler, refused groups reported without stopping the rest.
 */
class BulkWritebackTest {
    static final String MARKETING = GraphCloudSourceTest.MARKETING;
    static final String FINANCE = GraphCloudSourceTest.FINANCE;
    static final String SALES = GraphCloudSourceTest.SALES;
    static final String ENGINEERING = GraphCloudSourceTest.ENGINEERING;
    static final WritebackConfiguration OFF = new WritebackConfiguration(false, null);

    @TempDir
    Path dir;
    TenantEmulator tenant;

    @AfterEach
    void stop() {
        if (tenant != null) {
            tenant.close();
        }
    }

    GraphCloudSource source(Set<String> roles) throws Exception {
        tenant = TenantEmulator.builder(GraphCloudSourceTest.fabrikam()).directory(dir).roles(roles).start();
        Path secretFile = dir.resolve("secret");
        DataDirectory.writeSecretFile(secretFile, (tenant.clientSecret() + "\n").toCharArray());
        return new GraphCloudSource(new SyncConfiguration.Cloud(tenant.authority(), tenant.graphBaseUrl(),
                tenant.clientId(), new SyncConfiguration.Credential(secretFile.toString(), null, null),
                tenant.caCertificate().toString()));
    }

    static List<BulkWriteback.Change> allOff(List<String> ids) {
        return ids.stream().map(id -> new BulkWriteback.Change(id, "group " + id, OFF)).toList();
    }

    @Test
    void throttledPatchesAreRetriedFromRetryAfterAndAllApply() throws Exception {
        List<String> ids = new ArrayList<>(List.of(MARKETING, FINANCE, SALES, ENGINEERING));
        try (GraphCloudSource source = source(TenantEmulator.DEFAULT_ROLES)) {
            for (int i = 0; i < 6; i++) {
                ids.add(tenant.createGroup("Extra " + i, "extra" + i, List.of("Unified"), false, true,
                        List.of()));
            }
            tenant.throttleNext("/beta/groups/" + FINANCE, 2, 1);
            tenant.unavailableNext("/beta/groups/" + SALES, 1, 1);
            List<Integer> steps = new ArrayList<>();
            BulkWriteback.Result result = BulkWriteback.apply(source, allOff(ids),
                    (done, total, change, failure) -> steps.add(done), () -> false);

            assertThat(result.failures()).isEmpty();
            assertThat(result.applied()).hasSize(ids.size());
            assertThat(steps).hasSize(ids.size()).last().isEqualTo(ids.size());
            for (String id : ids) {
                assertThat(tenant.writeback(id).isEnabled()).as(id).isFalse();
            }
            // 2 throttled + 1 retried attempt for Finance, 1 + 1 for Sales.
            assertThat(tenant.requestCount("PATCH /beta/groups/" + FINANCE)).isEqualTo(3);
            assertThat(tenant.requestCount("PATCH /beta/groups/" + SALES)).isEqualTo(2);
        }
    }

    @Test
    void refusedAndMissingGroupsAreReportedAndTheOthersStillApply() throws Exception {
        String gone = "b0000000-0000-0000-0000-0000000000ff";
        try (GraphCloudSource source = source(TenantEmulator.DEFAULT_ROLES)) {
            tenant.failNext("/beta/groups/" + FINANCE, 1, 400);
            BulkWriteback.Result result = BulkWriteback.apply(source,
                    allOff(List.of(MARKETING, FINANCE, gone, ENGINEERING)), (d, t, c, f) -> { }, () -> false);

            assertThat(result.applied()).extracting(BulkWriteback.Change::groupId)
                    .containsExactly(MARKETING, ENGINEERING);
            assertThat(result.failures()).extracting(f -> f.change().groupId()).containsExactly(FINANCE, gone);
            assertThat(result.failures().get(1).message()).contains(gone);
            assertThat(tenant.writeback(MARKETING).isEnabled()).isFalse();
            assertThat(tenant.writeback(ENGINEERING).isEnabled()).isFalse();
            assertThat(tenant.writeback(FINANCE).isEnabled()).isNotEqualTo(false);
        }
    }

    @Test
    void aCancelledRunStopsBeforeTheNextGroup() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (GraphCloudSource source = source(TenantEmulator.DEFAULT_ROLES)) {
            BulkWriteback.Result result = BulkWriteback.apply(source,
                    allOff(List.of(MARKETING, FINANCE, SALES)), (d, t, c, f) -> calls.incrementAndGet(),
                    () -> calls.get() >= 1);
            assertThat(result.cancelled()).isTrue();
            assertThat(result.applied()).extracting(BulkWriteback.Change::groupId).containsExactly(MARKETING);
            assertThat(tenant.writeback(FINANCE).isEnabled()).isNotEqualTo(false);
        }
    }

    @Test
    void tenantDefaultIsCreatedFromTheTemplateThenPatched() throws Exception {
        try (GraphCloudSource source = source(Set.of("Group.ReadWrite.All", "User.Read.All",
                "Directory.ReadWrite.All"))) {
            tenant.setUnifiedWritebackDefault(null);
            assertThat(source.unifiedWritebackDefault()).isTrue();
            source.setUnifiedWritebackDefault(false);
            assertThat(source.unifiedWritebackDefault()).isFalse();
            assertThat(tenant.requestCount("POST /v1.0/groupSettings")).isEqualTo(1);
            source.setUnifiedWritebackDefault(true);
            assertThat(source.unifiedWritebackDefault()).isTrue();
            assertThat(tenant.requestCount("POST /v1.0/groupSettings")).isEqualTo(1);
            assertThat(tenant.requestCount("PATCH /v1.0/groupSettings/")).isEqualTo(1);
            // The default decides only what new groups get.
            source.setUnifiedWritebackDefault(false);
            String created = tenant.createGroup("New team", "newteam", List.of("Unified"), false, true,
                    List.of());
            assertThat(tenant.writeback(created).isEnabled()).isFalse();
            assertThat(tenant.writeback(MARKETING).isEnabled()).isNull();
        }
    }

    @Test
    void changingTheTenantDefaultWithoutDirectoryReadWriteNamesThePermission() throws Exception {
        try (GraphCloudSource source = source(TenantEmulator.DEFAULT_ROLES)) {
            assertThatThrownBy(() -> source.setUnifiedWritebackDefault(false))
                    .isInstanceOf(CloudException.class)
                    .hasMessageContaining("NewUnifiedGroupWritebackDefault")
                    .hasMessageContaining("Directory.ReadWrite.All");
            assertThat(source.unifiedWritebackDefault()).isTrue();
        }
    }
}
