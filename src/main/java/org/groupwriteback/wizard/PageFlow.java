package org.groupwriteback.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which page follows which, for each task, like the Connect wizard: pure functions of the task and of
 * whether group writeback is switched on (its two pages are skipped when it is off).
 */
public final class PageFlow {
    private PageFlow() {
    }

    /** The pages of {@code task} in order, as the left rail shows them. */
    public static List<Page> pages(WizardTask task, boolean writebackEnabled) {
        List<Page> pages = new ArrayList<>();
        pages.add(Page.WELCOME);
        switch (task) {
            case VIEW_CONFIGURATION -> pages.add(Page.CURRENT_CONFIGURATION);
            case SYNC_STATUS -> pages.add(Page.SYNC_STATUS);
            case PREVIEW -> pages.add(Page.PREVIEW);
            case FIRST_RUN, CUSTOMIZE -> {
                pages.add(Page.CONNECT_CLOUD);
                pages.add(Page.ENGINE_IDENTITY);
                pages.add(Page.CONNECT_DIRECTORY);
                pages.add(Page.OU_FILTER);
                addFeaturePages(pages, writebackEnabled);
            }
            case TOGGLE_WRITEBACK -> addFeaturePages(pages, writebackEnabled);
            case GROUP_SETTINGS -> pages.add(Page.GROUP_SETTINGS);
        }
        return List.copyOf(pages);
    }

    private static void addFeaturePages(List<Page> pages, boolean writebackEnabled) {
        pages.add(Page.OPTIONAL_FEATURES);
        if (writebackEnabled) {
            pages.add(Page.GROUP_WRITEBACK);
            pages.add(Page.GROUP_SETTINGS);
            pages.add(Page.PERMISSIONS);
        }
        pages.add(Page.READY);
        pages.add(Page.CONFIGURING);
    }

    /** The page after {@code current}, or empty when {@code current} is the last one. */
    public static Optional<Page> next(Page current, WizardTask task, boolean writebackEnabled) {
        List<Page> pages = pages(task, writebackEnabled);
        int i = pages.indexOf(current);
        if (i < 0) {
            throw new IllegalArgumentException(current + " is not a page of " + task);
        }
        return i + 1 < pages.size() ? Optional.of(pages.get(i + 1)) : Optional.empty();
    }

    /**
     * The page before {@code current}, or empty when there is no way back: on the first page, and once the
     * configuration is being applied.
     */
    public static Optional<Page> previous(Page current, WizardTask task, boolean writebackEnabled) {
        if (current == Page.CONFIGURING) {
            return Optional.empty();
        }
        List<Page> pages = pages(task, writebackEnabled);
        int i = pages.indexOf(current);
        if (i < 0) {
            throw new IllegalArgumentException(current + " is not a page of " + task);
        }
        return i > 0 ? Optional.of(pages.get(i - 1)) : Optional.empty();
    }

    /** True when {@code page} is the last of the task: Next reads "Exit" there. */
    public static boolean isLast(Page page, WizardTask task, boolean writebackEnabled) {
        return next(page, task, writebackEnabled).isEmpty();
    }

    /** The tasks offered on the Welcome page for an installation that is already configured. */
    public static List<WizardTask> tasksForExistingInstallation() {
        return List.of(WizardTask.VIEW_CONFIGURATION, WizardTask.CUSTOMIZE, WizardTask.TOGGLE_WRITEBACK,
                WizardTask.PREVIEW, WizardTask.GROUP_SETTINGS, WizardTask.SYNC_STATUS);
    }
}
