package org.groupwriteback.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.demo.tenant.TenantEmulator;
import org.groupwriteback.demo.tenant.TenantFixture;
import org.groupwriteback.demo.tls.LocalCertificateAuthority;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's Graph import against the local tenant emulator, with the real Graph SDK and MSAL4J. */
class GraphCloudSourceTest {
    static final String MARKETING = "b0000000-0000-0000-0000-000000000001";
    static final String FINANCE = "b0000000-0000-0000-0000-000000000002";
    static final String SALES = "b0000000-0000-0000-0000-000000000003";
    static final String ENGINEERING = "b0000000-0000-0000-0000-000000000004";
    static final String ADELE = "a0000000-0000-0000-0000-000000000001";
    static final String ALEX = "a0000000-0000-0000-0000-000000000002";
    static final String MEGAN = "a0000000-0000-0000-0000-000000000003";
    static final String CLOUD_ONLY = "a0000000-0000-0000-0000-000000000004";

    @TempDir
    Path dir;
    TenantEmulator tenant;

    static TenantFixture fabrikam() throws IOException {
        try (InputStream in = GraphCloudSourceTest.class.getResourceAsStream("/tenant/fabrikam.json")) {
            return TenantFixture.parse(in, "fabrikam.json");
        }
    }

    @BeforeEach
    void start() throws IOException {
        tenant = TenantEmulator.builder(fabrikam()).directory(dir).start();
    }

    @AfterEach
    void stop() {
        tenant.close();
    }

    SyncConfiguration.Cloud config(String secret, String caPem) throws IOException {
        Path secretFile = dir.resolve("secret-" + System.nanoTime());
        DataDirectory.writeSecretFile(secretFile, (secret + "\n").toCharArray());
        return new SyncConfiguration.Cloud(tenant.authority(), tenant.graphBaseUrl(), tenant.clientId(),
                new SyncConfiguration.Credential(secretFile.toString(), null, null), caPem);
    }

    GraphCloudSource source() throws Exception {
        return new GraphCloudSource(config(tenant.clientSecret(), tenant.caCertificate().toString()));
    }

    static Set<String> memberIds(CloudGroup group) {
        return group.members().stream().map(CloudMember::id).collect(Collectors.toSet());
    }

    @Test
    void testSignsInAndReadsTheOrganization() throws Exception {
        try (GraphCloudSource source = source()) {
            TenantInfo info = source.test();
            assertThat(info).isEqualTo(new TenantInfo("4f1c1c6e-9a51-4f0e-8d53-2d1b7c3a9e01", "Fabrikam",
                    "fabrikam.onmicrosoft.com"));
        }
    }

    @Test
    void firstImportIsFullAndReadsGroupsMembersUsersAndWriteback() throws Exception {
        CloudSnapshot snapshot = new CloudSnapshot();
        try (GraphCloudSource source = source()) {
            ImportReport report = source.importInto(snapshot, false);
            assertThat(report.fullImport()).isTrue();
            assertThat(report.fullImportReason()).contains("no delta link");
            assertThat(report.groupsChanged()).isEqualTo(4);
            assertThat(report.throttledResponses()).isZero();
        }
        assertThat(snapshot.groups()).containsOnlyKeys(MARKETING, FINANCE, SALES, ENGINEERING);
        CloudGroup marketing = snapshot.groups().get(MARKETING);
        assertThat(marketing.displayName()).isEqualTo("Marketing");
        assertThat(marketing.description()).isEqualTo("M365 group");
        assertThat(marketing.isUnified()).isTrue();
        assertThat(marketing.mailEnabled()).isTrue();
        assertThat(marketing.proxyAddresses()).containsExactly("SMTP:marketing@fabrikam.com");
        assertThat(marketing.members()).containsExactlyInAnyOrder(CloudMember.user(ADELE), CloudMember.user(ALEX));
        assertThat(marketing.writeback()).isEqualTo(WritebackConfiguration.UNSET);
        CloudGroup finance = snapshot.groups().get(FINANCE);
        assertThat(finance.members()).containsExactlyInAnyOrder(CloudMember.user(MEGAN), CloudMember.user(CLOUD_ONLY),
                CloudMember.group(SALES));
        assertThat(finance.writeback()).isEqualTo(new WritebackConfiguration(true, "universalSecurityGroup"));
        assertThat(snapshot.groups().get(SALES).writeback()).isEqualTo(new WritebackConfiguration(false, null));
        assertThat(snapshot.groups().get(ENGINEERING).members()).hasSize(1201);
        assertThat(snapshot.users()).hasSize(4 + 1200);
        assertThat(snapshot.users().get(ADELE).onPremisesSecurityIdentifier())
                .isEqualTo("S-1-5-21-1111111111-2222222222-3333333333-1101");
        assertThat(snapshot.users().get(CLOUD_ONLY).isSynced()).isFalse();
        assertThat(snapshot.unifiedWritebackDefault()).isTrue();
        assertThat(snapshot.groupsDeltaLink()).startsWith(tenant.origin() + "/v1.0/groups/delta?$deltatoken=");
        assertThat(snapshot.usersDeltaLink()).startsWith(tenant.origin() + "/v1.0/users/delta?$deltatoken=");
    }

    @Test
    void smallPagesGiveTheSameResultAsOneBigPage() throws Exception {
        // Without the 1,200 generated members, so that two items per page stays a handful of requests.
        TenantFixture f = fabrikam();
        List<TenantFixture.Group> groups = f.groups().stream().map(g -> new TenantFixture.Group(g.id(), g.displayName(),
                g.description(), g.mailNickname(), g.mail(), g.groupTypes(), g.securityEnabled(), g.mailEnabled(),
                g.onPremisesSyncEnabled(), g.proxyAddresses(), g.writebackEnabled(), g.writebackGroupType(), g.members(),
                null)).toList();
        tenant.close();
        tenant = TenantEmulator.builder(new TenantFixture(f.tenant(), f.newUnifiedGroupWritebackDefault(), f.users(),
                groups)).directory(dir).start();
        CloudSnapshot big = new CloudSnapshot();
        try (GraphCloudSource source = source()) {
            source.importInto(big, true);
        }
        int groupPages = tenant.requestCount("/groups/delta");
        int userPages = tenant.requestCount("/users/delta");
        CloudSnapshot small = new CloudSnapshot();
        try (GraphCloudSource source = new GraphCloudSource(config(tenant.clientSecret(),
                tenant.caCertificate().toString()), 2)) {
            source.importInto(small, true);
        }
        assertThat(groupPages).isEqualTo(1);
        assertThat(userPages).isEqualTo(1);
        // 4 groups and 4 users, 2 per page.
        assertThat(tenant.requestCount("/groups/delta") - groupPages).isEqualTo(2);
        assertThat(tenant.requestCount("/users/delta") - userPages).isEqualTo(2);
        assertThat(small.groups()).isEqualTo(big.groups()).hasSize(4);
        assertThat(small.users()).isEqualTo(big.users()).hasSize(4);
    }

    @Test
    void incrementalImportAppliesRenameMemberChangesAndNewGroups() throws Exception {
        CloudSnapshot snapshot = new CloudSnapshot();
        try (GraphCloudSource source = source()) {
            source.importInto(snapshot, false);
            snapshot.clearChanges();
            tenant.renameGroup(SALES, "Sales EMEA");
            tenant.addMember(MARKETING, MEGAN);
            tenant.removeMember(MARKETING, ADELE);
            String newGroup = tenant.createGroup("Legal", "legal", List.of(), true, false, List.of(ALEX));
            tenant.setWriteback(newGroup, true, null);

            ImportReport report = source.importInto(snapshot, false);

            assertThat(report.fullImport()).isFalse();
            assertThat(report.fullImportReason()).isNull();
            assertThat(report.groupsChanged()).isEqualTo(3);
            assertThat(snapshot.changedGroupIds()).containsExactlyInAnyOrder(SALES, MARKETING, newGroup);
            assertThat(snapshot.groups().get(SALES).displayName()).isEqualTo("Sales EMEA");
            assertThat(snapshot.groups().get(SALES).members()).containsExactly(CloudMember.user(ADELE));
            CloudGroup marketing = snapshot.groups().get(MARKETING);
            // Graph sent only id + members@delta for Marketing: the other properties must be kept.
            assertThat(marketing.displayName()).isEqualTo("Marketing");
            assertThat(marketing.description()).isEqualTo("M365 group");
            assertThat(marketing.isUnified()).isTrue();
            assertThat(marketing.members()).containsExactlyInAnyOrder(CloudMember.user(ALEX), CloudMember.user(MEGAN));
            CloudGroup legal = snapshot.groups().get(newGroup);
            assertThat(legal.securityEnabled()).isTrue();
            assertThat(legal.members()).containsExactly(CloudMember.user(ALEX));
            assertThat(legal.writeback()).isEqualTo(new WritebackConfiguration(true, null));
            assertThat(snapshot.groups().get(ENGINEERING).members()).hasSize(1201);

            ImportReport nothing = source.importInto(snapshot, false);
            assertThat(nothing.groupsChanged()).isZero();
            assertThat(nothing.usersChanged()).isZero();
        }
    }

    @Test
    void softDeletedGroupStaysFlaggedAndComesBackOnRestore() throws Exception {
        CloudSnapshot snapshot = new CloudSnapshot();
        try (GraphCloudSource source = source()) {
            source.importInto(snapshot, false);
            tenant.softDeleteGroup(MARKETING);
            ImportReport deleted = source.importInto(snapshot, false);
            assertThat(deleted.groupsSoftDeleted()).isEqualTo(1);
            CloudGroup flagged = snapshot.groups().get(MARKETING);
            assertThat(flagged.softDeleted()).isTrue();
            assertThat(flagged.members()).hasSize(2);
            assertThat(flagged.displayName()).isEqualTo("Marketing");

            // A full import (Graph's full delta omits deleted groups) keeps it flagged via deleted items.
            ImportReport full = source.importInto(snapshot, true);
            assertThat(full.groupsDeleted()).isZero();
            assertThat(snapshot.groups().get(MARKETING).softDeleted()).isTrue();
            assertThat(snapshot.groups().get(MARKETING).members()).hasSize(2);

            tenant.restoreGroup(MARKETING);
            source.importInto(snapshot, false);
            CloudGroup restored = snapshot.groups().get(MARKETING);
            assertThat(restored.softDeleted()).isFalse();
            assertThat(memberIds(restored)).containsExactlyInAnyOrder(ADELE, ALEX);
        }
    }

    @Test
    void permanentlyDeletedGroupIsRemoved() throws Exception {
        CloudSnapshot snapshot = new CloudSnapshot();
        try (GraphCloudSource source = source()) {
            source.importInto(snapshot, false);
            tenant.hardDeleteGroup(SALES);
            ImportReport report = source.importInto(snapshot, false);
            assertThat(report.groupsDeleted()).isEqualTo(1);
            assertThat(snapshot.groups()).doesNotContainKey(SALES);
            // Sales was a member of Finance: Graph reports that membership removed too.
            assertThat(memberIds(snapshot.groups().get(FINANCE))).doesNotContain(SALES);
        }
    }

    @Test
    void expiredDeltaLinkLeadsToAFullImportThatDropsWhatVanished() throws Exception {
        CloudSnapshot snapshot = new CloudSnapshot();
        try (GraphCloudSource source = source()) {
            source.importInto(snapshot, false);
            tenant.hardDeleteGroup(SALES);
            tenant.renameGroup(FINANCE, "Finance & Controlling");
            tenant.expireDeltaLinks();
            ImportReport report = source.importInto(snapshot, false);
            assertThat(report.fullImport()).isTrue();
            assertThat(report.fullImportReason()).contains("syncStateNotFound");
            assertThat(snapshot.groups()).doesNotContainKey(SALES);
            assertThat(snapshot.groups().get(FINANCE).displayName()).isEqualTo("Finance & Controlling");
            assertThat(tenant.requestCount("$deltatoken")).isGreaterThanOrEqualTo(1);
            // The new links work again.
            assertThat(source.importInto(snapshot, false).fullImport()).isFalse();
        }
    }

    @Test
    void throttlingIsRetriedAfterRetryAfterAndCounted() throws Exception {
        CloudSnapshot snapshot = new CloudSnapshot();
        try (GraphCloudSource source = source()) {
            tenant.throttleNext("/groups/delta", 1, 1);
            tenant.unavailableNext("/users/delta", 1, 1);
            ImportReport report = source.importInto(snapshot, false);
            assertThat(report.throttledResponses()).isEqualTo(2);
            assertThat(snapshot.groups()).hasSize(4);
            assertThat(snapshot.users()).hasSize(1204);
            assertThat(tenant.requestCount("GET /v1.0/groups/delta")).isEqualTo(2);
        }
    }

    @Test
    void setWritebackPatchesBetaAndTheNextImportSeesIt() throws Exception {
        CloudSnapshot snapshot = new CloudSnapshot();
        try (GraphCloudSource source = source()) {
            source.importInto(snapshot, false);
            source.setWriteback(MARKETING, new WritebackConfiguration(false, "universalDistributionGroup"));
            assertThat(tenant.writeback(MARKETING)).isEqualTo(new WritebackConfiguration(false, "universalDistributionGroup"));
            assertThat(tenant.requestCount("PATCH /beta/groups/" + MARKETING)).isEqualTo(1);
            source.importInto(snapshot, false);
            assertThat(snapshot.groups().get(MARKETING).writeback())
                    .isEqualTo(new WritebackConfiguration(false, "universalDistributionGroup"));
            source.setWriteback(MARKETING, WritebackConfiguration.UNSET);
            assertThat(tenant.writeback(MARKETING)).isEqualTo(new WritebackConfiguration(null, null));
        }
    }

    @Test
    void tenantDefaultComesFromTheDirectorySetting() throws Exception {
        CloudSnapshot snapshot = new CloudSnapshot();
        try (GraphCloudSource source = source()) {
            tenant.setUnifiedWritebackDefault(false);
            source.importInto(snapshot, false);
            assertThat(snapshot.unifiedWritebackDefault()).isFalse();
            tenant.setUnifiedWritebackDefault(null);
            source.importInto(snapshot, false);
            assertThat(snapshot.unifiedWritebackDefault()).isTrue();
        }
    }

    @Test
    void wrongClientSecretIsReportedInPlainWords() throws Exception {
        try (GraphCloudSource source = new GraphCloudSource(config("not-the-secret",
                tenant.caCertificate().toString()))) {
            assertThatThrownBy(source::test).isInstanceOf(CloudException.class)
                    .hasMessageContaining("AADSTS7000215")
                    .hasMessageContaining("Check the client secret")
                    .hasMessageNotContaining("not-the-secret");
        }
    }

    @Test
    void certificateFromAnotherCaIsNotTrusted() throws Exception {
        Path otherCa = new LocalCertificateAuthority("someone else").writeCaPem(dir.resolve("other"), "ca.pem");
        try (GraphCloudSource source = new GraphCloudSource(config(tenant.clientSecret(), otherCa.toString()))) {
            assertThatThrownBy(source::test).isInstanceOf(CloudException.class)
                    .hasMessageContaining("the certificate of 127.0.0.1 is not trusted by " + otherCa);
        }
    }

    @Test
    void unreachableHostIsReportedInPlainWords() throws Exception {
        int port = tenant.port();
        SyncConfiguration.Cloud config = config(tenant.clientSecret(), tenant.caCertificate().toString());
        tenant.close();
        try (GraphCloudSource source = new GraphCloudSource(config)) {
            assertThatThrownBy(source::test).isInstanceOf(CloudException.class)
                    .hasMessageContaining("Cannot reach 127.0.0.1");
        }
        assertThat(port).isPositive();
    }

    @Test
    void missingPermissionsAreReportedAsInsufficientPrivileges() throws Exception {
        tenant.close();
        tenant = TenantEmulator.builder(fabrikam()).directory(dir).roles(Set.of("Application.Read.All")).start();
        try (GraphCloudSource source = source()) {
            assertThatThrownBy(() -> source.importInto(new CloudSnapshot(), true)).isInstanceOf(CloudException.class)
                    .hasMessageContaining("insufficient privileges")
                    .hasMessageContaining("Group.ReadWrite.All");
        }
    }

    @Test
    void certificateCredentialSignsInWithAClientAssertion() throws Exception {
        LocalCertificateAuthority clientCa = new LocalCertificateAuthority("app credential");
        Path p12 = dir.resolve("app.p12");
        try (var out = Files.newOutputStream(p12)) {
            clientCa.serverKeyStore().store(out, clientCa.keyStorePassword());
        }
        Path password = dir.resolve("app.p12.password");
        DataDirectory.writeSecretFile(password, new String(clientCa.keyStorePassword()).toCharArray());
        tenant.close();
        tenant = TenantEmulator.builder(fabrikam()).directory(dir).clientCertificate(clientCa.serverCertificate())
                .start();
        SyncConfiguration.Cloud cloud = new SyncConfiguration.Cloud(tenant.authority(), tenant.graphBaseUrl(),
                tenant.clientId(), new SyncConfiguration.Credential(null, p12.toString(), password.toString()),
                tenant.caCertificate().toString());
        try (GraphCloudSource source = new GraphCloudSource(cloud)) {
            assertThat(source.test().displayName()).isEqualTo("Fabrikam");
        }
        LocalCertificateAuthority other = new LocalCertificateAuthority("not registered");
        Path otherP12 = dir.resolve("other.p12");
        try (var out = Files.newOutputStream(otherP12)) {
            other.serverKeyStore().store(out, other.keyStorePassword());
        }
        SyncConfiguration.Cloud wrong = new SyncConfiguration.Cloud(tenant.authority(), tenant.graphBaseUrl(),
                tenant.clientId(), new SyncConfiguration.Credential(null, otherP12.toString(), password.toString()),
                tenant.caCertificate().toString());
        try (GraphCloudSource source = new GraphCloudSource(wrong)) {
            assertThatThrownBy(source::test).isInstanceOf(CloudException.class).hasMessageContaining("AADSTS700027");
        }
    }

    @Test
    void malformedPageFailsTheImportAndLeavesTheSnapshotAsItWas() throws Exception {
        CloudSnapshot snapshot = new CloudSnapshot();
        try (GraphCloudSource source = source()) {
            source.importInto(snapshot, false);
            String groupsLink = snapshot.groupsDeltaLink();
            tenant.renameGroup(SALES, "Sales EMEA");
            snapshot.clearChanges();
            tenant.malformedNext("/users/delta", 1);
            assertThatThrownBy(() -> source.importInto(snapshot, false)).isInstanceOf(CloudException.class)
                    .hasMessageContaining("read the user changes");
            assertThat(snapshot.groupsDeltaLink()).isEqualTo(groupsLink);
            assertThat(snapshot.groups().get(SALES).displayName()).isEqualTo("Sales");
            assertThat(snapshot.changedGroupIds()).isEmpty();
            // The same delta link still works on the next cycle.
            source.importInto(snapshot, false);
            assertThat(snapshot.groups().get(SALES).displayName()).isEqualTo("Sales EMEA");
        }
    }

    @Test
    void droppedConnectionsFailWithAPlainMessage() throws Exception {
        try (GraphCloudSource source = source()) {
            tenant.dropNext("/v1.0/organization", 5);
            assertThatThrownBy(source::test).isInstanceOf(CloudException.class)
                    .hasMessageContaining("read the organization");
        }
    }

    @Test
    void writebackChangeIsSeenEvenWhenV1DeltaDoesNotReportIt() throws Exception {
        CloudSnapshot snapshot = new CloudSnapshot();
        try (GraphCloudSource source = source()) {
            source.importInto(snapshot, false);
            tenant.setWritebackChangesInV1Delta(false);
            tenant.setWriteback(MARKETING, false, null);
            int sweepsBefore = tenant.requestCount("GET /beta/groups?");
            ImportReport report = source.importInto(snapshot, false);
            assertThat(tenant.requestCount("GET /beta/groups?")).isEqualTo(sweepsBefore + 1);
            assertThat(report.groupsChanged()).isEqualTo(1);
            assertThat(snapshot.groups().get(MARKETING).writeback()).isEqualTo(new WritebackConfiguration(false, null));
            assertThat(snapshot.groups().get(MARKETING).members()).hasSize(2);
        }
    }

    @Test
    void largeTenantsReadWritebackPerChangedGroup() throws Exception {
        CloudSnapshot snapshot = new CloudSnapshot();
        try (GraphCloudSource source = source().withWritebackSweepLimit(2)) {
            source.importInto(snapshot, false);
            tenant.setWriteback(SALES, true, "universalDistributionGroup");
            tenant.addMember(FINANCE, ADELE);
            int sweeps = tenant.requestCount("GET /beta/groups?");
            source.importInto(snapshot, false);
            assertThat(tenant.requestCount("GET /beta/groups?")).isEqualTo(sweeps);
            assertThat(tenant.requestCount("GET /beta/groups/" + SALES + "?")).isEqualTo(1);
            assertThat(tenant.requestCount("GET /beta/groups/" + FINANCE + "?")).isEqualTo(1);
            assertThat(snapshot.groups().get(SALES).writeback())
                    .isEqualTo(new WritebackConfiguration(true, "universalDistributionGroup"));
            assertThat(memberIds(snapshot.groups().get(FINANCE))).contains(ADELE);
        }
    }
}
