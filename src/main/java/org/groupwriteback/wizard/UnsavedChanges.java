package org.groupwriteback.wizard;

import org.groupwriteback.engine.config.SyncConfiguration;

/**
 * Whether closing the wizard now throws work away (Cancel then asks first): on a first run once the
 * administrator has gone past Welcome, otherwise when a task that writes the configuration has changed a
 * setting or chosen what happens to the groups; never once Configure has started (it is saved then).
 */
public final class UnsavedChanges {
    private UnsavedChanges() {
    }

    /** True when closing the wizard on {@code page} would discard changes. */
    public static boolean any(WizardState state, Page page, ConfigurationSummary summary) {
        WizardTask task = state.taskProperty().get();
        if (page == null || page == Page.CONFIGURING || task == null) {
            return false;
        }
        return switch (task) {
            // Group settings are applied in Entra ID as they are chosen: nothing waits to be saved.
            case VIEW_CONFIGURATION, SYNC_STATUS, PREVIEW, GROUP_SETTINGS -> false;
            case FIRST_RUN -> page != Page.WELCOME;
            case CUSTOMIZE, TOGGLE_WRITEBACK -> changed(state, summary);
        };
    }

    private static boolean changed(WizardState state, ConfigurationSummary summary) {
        SyncConfiguration before = state.current().orElse(null);
        if (before == null || state.disableModeProperty().get() != null) {
            return true;
        }
        return summary.compare(before, state.toConfiguration()).stream().anyMatch(ConfigurationSummary.Row::changed);
    }
}
