package org.groupwriteback.wizard;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The wizard's texts from {@code messages.properties}, formatted with {@link MessageFormat}. */
public final class Messages {
    private final ResourceBundle bundle;

    private Messages(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /** Loads the bundle for the default locale. */
    public static Messages load() {
        return new Messages(ResourceBundle.getBundle("org.groupwriteback.wizard.messages", Locale.getDefault()));
    }

    /** The text for {@code key} with its {@code {0}}-style arguments filled in. */
    public String get(String key, Object... args) {
        try {
            return new MessageFormat(bundle.getString(key), bundle.getLocale()).format(args);
        } catch (MissingResourceException e) {
            // A missing text must be visible in the UI and in tests, not crash a page.
            return "!" + key + "!";
        }
    }
}
