package org.groupwriteback.wizard;

/** What the administrator came to do: the first configuration, or one of the tasks of an existing installation. */
public enum WizardTask {
    FIRST_RUN,
    VIEW_CONFIGURATION,
    CUSTOMIZE,
    TOGGLE_WRITEBACK,
    GROUP_SETTINGS,
    SYNC_STATUS,
    PREVIEW
}
