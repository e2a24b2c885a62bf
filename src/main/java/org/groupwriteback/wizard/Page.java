package org.groupwriteback.wizard;

/** The pages of the wizard, in the order the left rail lists them. */
public enum Page {
    WELCOME("page.welcome"),
    CURRENT_CONFIGURATION("page.current"),
    SYNC_STATUS("page.status"),
    PREVIEW("page.preview"),
    CONNECT_CLOUD("page.cloud"),
    ENGINE_IDENTITY("page.identity"),
    CONNECT_DIRECTORY("page.directory"),
    OU_FILTER("page.oufilter"),
    OPTIONAL_FEATURES("page.features"),
    GROUP_WRITEBACK("page.writeback"),
    GROUP_SETTINGS("page.settings"),
    PERMISSIONS("page.permissions"),
    READY("page.ready"),
    CONFIGURING("page.configuring");

    private final String titleKey;

    Page(String titleKey) {
        this.titleKey = titleKey;
    }

    /** The message key of the page title. */
    public String titleKey() {
        return titleKey;
    }
}
