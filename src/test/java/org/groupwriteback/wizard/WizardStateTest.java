package org.groupwriteback.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.groupwriteback.engine.config.ConfigurationValidator;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.TenantInfo;
import org.junit.jupiter.api.Test;

class WizardStateTest {

    @Test
    void anUnchangedDraftOfAnInstallationIsItsConfiguration() {
        SyncConfiguration current = FakeWizardServices.configuration(true);
        WizardState state = WizardState.from(Optional.of(current));
        assertThat(state.toConfiguration()).isEqualTo(current);
        assertThat(state.writebackWasEnabled()).isTrue();
        assertThat(state.taskProperty().get()).isNull();
    }

    @Test
    void firstRunStartsWithConnectDefaults() {
        WizardState state = WizardState.from(Optional.empty());
        SyncConfiguration c = state.toConfiguration();
        assertThat(state.taskProperty().get()).isEqualTo(WizardTask.FIRST_RUN);
        assertThat(c.cloud().authority()).isEqualTo(WizardState.DEFAULT_AUTHORITY);
        assertThat(c.groupWriteback().memberLimit()).isEqualTo(SyncConfiguration.DEFAULT_MEMBER_LIMIT);
        assertThat(c.deletionThreshold()).isEqualTo(SyncConfiguration.DEFAULT_DELETION_THRESHOLD);
        assertThat(c.directory().ldapUrl()).isNull();
    }

    @Test
    void afterSignInTheSavedAuthorityIsTheTenantsOnTheSameHost() {
        WizardState state = WizardState.from(Optional.empty());
        state.tenantProperty().set(new TenantInfo("8f3c1a2e-0000-4000-8000-000000000001", "Fabrikam", null));
        assertThat(state.toConfiguration().cloud().authority())
                .isEqualTo("https://login.microsoftonline.com/8f3c1a2e-0000-4000-8000-000000000001");
        assertThat(state.authorityProperty().get()).isEqualTo(WizardState.DEFAULT_AUTHORITY);

        state.authorityProperty().set("https://127.0.0.1:8443/organizations/");
        state.tenantProperty().set(new TenantInfo("t-1", "Demo", null));
        assertThat(state.toConfiguration().cloud().authority()).isEqualTo("https://127.0.0.1:8443/t-1");
        assertThat(ConfigurationValidator.validate(state.toConfiguration()))
                .noneMatch(e -> e.field().equals("cloud.authority"));
    }

    @Test
    void theDirectoryConnectionHidesThePassword() {
        WizardState state = WizardState.from(Optional.empty());
        state.ldapUrlProperty().set("ldaps://dc1.fabrikam.local");
        state.bindDnProperty().set(FakeWizardServices.BIND_DN);
        state.passwordProperty().set(FakeWizardServices.PASSWORD);
        assertThat(new String(state.directoryConnection().password())).isEqualTo(FakeWizardServices.PASSWORD);
        assertThat(state.directoryConnection().toString()).doesNotContain(FakeWizardServices.PASSWORD);
    }

    @Test
    void aCertificateCredentialIsLoadedAndSavedAsItIsAndNeverMixedWithTheSecret() {
        SyncConfiguration base = FakeWizardServices.configuration(true);
        SyncConfiguration.Cloud c = base.cloud();
        SyncConfiguration withCertificate = new SyncConfiguration(new SyncConfiguration.Cloud(c.authority(),
                c.graphBaseUrl(), c.clientId(), new SyncConfiguration.Credential(null, "/var/lib/gwb/engine.p12",
                        "/var/lib/gwb/engine.password"), null), base.directory(), base.ouFilter(),
                base.groupWriteback(), base.deletionThreshold(), base.scheduler());
        WizardState state = WizardState.from(Optional.of(withCertificate));
        assertThat(state.credentialKindProperty().get()).isEqualTo(WizardState.CredentialKind.CERTIFICATE);
        assertThat(state.toConfiguration().cloud().credential()).isEqualTo(withCertificate.cloud().credential());

        state.credentialKindProperty().set(WizardState.CredentialKind.SECRET);
        state.clientSecretFileProperty().set("/etc/gwb/client-secret");
        assertThat(state.toConfiguration().cloud().credential())
                .isEqualTo(new SyncConfiguration.Credential("/etc/gwb/client-secret", null, null));
    }
}
