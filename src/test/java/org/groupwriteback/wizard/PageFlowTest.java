package org.groupwriteback.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageFlowTest {

    @Test
    void firstRunWithWritebackGoesThroughEveryConfigurationPage() {
        assertThat(PageFlow.pages(WizardTask.FIRST_RUN, true)).containsExactly(Page.WELCOME, Page.CONNECT_CLOUD,
                Page.ENGINE_IDENTITY, Page.CONNECT_DIRECTORY, Page.OU_FILTER, Page.OPTIONAL_FEATURES,
                Page.GROUP_WRITEBACK, Page.GROUP_SETTINGS, Page.PERMISSIONS, Page.READY, Page.CONFIGURING);
    }

    @Test
    void writebackOffSkipsItsTwoPages() {
        assertThat(PageFlow.next(Page.OPTIONAL_FEATURES, WizardTask.CUSTOMIZE, false)).contains(Page.READY);
        assertThat(PageFlow.previous(Page.READY, WizardTask.CUSTOMIZE, false)).contains(Page.OPTIONAL_FEATURES);
        assertThat(PageFlow.pages(WizardTask.CUSTOMIZE, false)).doesNotContain(Page.GROUP_WRITEBACK,
                Page.PERMISSIONS);
    }

    @Test
    void toggleWritebackTaskGoesStraightToOptionalFeatures() {
        assertThat(PageFlow.next(Page.WELCOME, WizardTask.TOGGLE_WRITEBACK, true)).contains(Page.OPTIONAL_FEATURES);
        assertThat(PageFlow.pages(WizardTask.TOGGLE_WRITEBACK, true)).doesNotContain(Page.CONNECT_CLOUD);
    }

    @Test
    void viewTasksEndOnTheirOnlyPage() {
        assertThat(PageFlow.next(Page.WELCOME, WizardTask.SYNC_STATUS, true)).contains(Page.SYNC_STATUS);
        assertThat(PageFlow.isLast(Page.SYNC_STATUS, WizardTask.SYNC_STATUS, true)).isTrue();
        assertThat(PageFlow.pages(WizardTask.PREVIEW, true)).containsExactly(Page.WELCOME, Page.PREVIEW);
        assertThat(PageFlow.isLast(Page.PREVIEW, WizardTask.PREVIEW, true)).isTrue();
        assertThat(PageFlow.next(Page.WELCOME, WizardTask.VIEW_CONFIGURATION, true))
                .contains(Page.CURRENT_CONFIGURATION);
    }

    @Test
    void thereIsNoWayBackFromConfiguringNorBeforeWelcome() {
        assertThat(PageFlow.previous(Page.CONFIGURING, WizardTask.FIRST_RUN, true)).isEmpty();
        assertThat(PageFlow.previous(Page.WELCOME, WizardTask.FIRST_RUN, true)).isEmpty();
        assertThat(PageFlow.isLast(Page.CONFIGURING, WizardTask.FIRST_RUN, true)).isTrue();
    }

    @Test
    void aPageOutsideTheTaskIsRejected() {
        assertThatThrownBy(() -> PageFlow.next(Page.CONNECT_CLOUD, WizardTask.TOGGLE_WRITEBACK, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CONNECT_CLOUD");
    }

    @Test
    void existingInstallationsOfferTheFourConnectTasksAndGroupSettings() {
        assertThat(PageFlow.tasksForExistingInstallation()).containsExactly(WizardTask.VIEW_CONFIGURATION,
                WizardTask.CUSTOMIZE, WizardTask.TOGGLE_WRITEBACK, WizardTask.PREVIEW,
                WizardTask.GROUP_SETTINGS, WizardTask.SYNC_STATUS);
    }

    @Test
    void groupSettingsIsATaskAndFollowsGroupWriteback() {
        assertThat(PageFlow.pages(WizardTask.GROUP_SETTINGS, true)).containsExactly(Page.WELCOME,
                Page.GROUP_SETTINGS);
        assertThat(PageFlow.next(Page.GROUP_WRITEBACK, WizardTask.CUSTOMIZE, true)).contains(Page.GROUP_SETTINGS);
        assertThat(PageFlow.pages(WizardTask.CUSTOMIZE, false)).doesNotContain(Page.GROUP_SETTINGS);
    }
}
