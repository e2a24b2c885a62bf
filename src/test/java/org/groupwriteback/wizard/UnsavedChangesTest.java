package org.groupwriteback.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnsavedChangesTest {
    private final ConfigurationSummary summary = new ConfigurationSummary(Messages.load());

    private WizardState configured(WizardTask task) {
        WizardState s = WizardState.from(Optional.of(FakeWizardServices.configuration(true)));
        s.taskProperty().set(task);
        return s;
    }

    @Test
    void aTaskThatChangedNothingClosesWithoutAsking() {
        assertThat(UnsavedChanges.any(configured(WizardTask.CUSTOMIZE), Page.OU_FILTER, summary)).isFalse();
        assertThat(UnsavedChanges.any(configured(WizardTask.SYNC_STATUS), Page.SYNC_STATUS, summary)).isFalse();
    }

    @Test
    void aChangedSettingOrADisableChoiceAsksFirst() {
        WizardState s = configured(WizardTask.CUSTOMIZE);
        s.targetOuProperty().set(FakeWizardServices.SALES);
        assertThat(UnsavedChanges.any(s, Page.GROUP_WRITEBACK, summary)).isTrue();
        WizardState toggle = configured(WizardTask.TOGGLE_WRITEBACK);
        toggle.writebackEnabledProperty().set(false);
        toggle.disableModeProperty().set(WizardState.DisableMode.KEEP_GROUPS);
        assertThat(UnsavedChanges.any(toggle, Page.READY, summary)).isTrue();
    }

    @Test
    void aFirstRunAsksOncePastWelcomeAndNothingAsksOnceConfigureStarted() {
        WizardState first = WizardState.from(Optional.empty());
        assertThat(UnsavedChanges.any(first, Page.WELCOME, summary)).isFalse();
        assertThat(UnsavedChanges.any(first, Page.CONNECT_CLOUD, summary)).isTrue();
        assertThat(UnsavedChanges.any(first, Page.CONFIGURING, summary)).isFalse();
    }
}
