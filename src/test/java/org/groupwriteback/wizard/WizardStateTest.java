package org.groupwriteback.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.groupwriteback.engine.config.SyncConfiguration;
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
    void theDirectoryConnectionHidesThePassword() {
        WizardState state = WizardState.from(Optional.empty());
        state.ldapUrlProperty().set("ldaps://dc1.fabrikam.local");
        state.bindDnProperty().set(FakeWizardServices.BIND_DN);
        state.passwordProperty().set(FakeWizardServices.PASSWORD);
        assertThat(new String(state.directoryConnection().password())).isEqualTo(FakeWizardServices.PASSWORD);
        assertThat(state.directoryConnection().toString()).doesNotContain(FakeWizardServices.PASSWORD);
    }
}
