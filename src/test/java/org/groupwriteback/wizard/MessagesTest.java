package org.groupwriteback.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every text the wizard asks for exists in messages.properties and is a valid MessageFormat pattern. */
class MessagesTest {
    private static final Pattern KEY = Pattern.compile("\\bm(?:essages)?\\.get\\(\"([a-zA-Z.]+)\"");
    private final ResourceBundle bundle = ResourceBundle.getBundle("org.groupwriteback.wizard.messages");

    @Test
    void everyKeyUsedInTheSourcesExists() throws IOException {
        TreeSet<String> keys = new TreeSet<>();
        // Only the UI reads the bundle; engine and demo code call get("...") on JSON and maps.
        List<Path> uiSources = new ArrayList<>();
        for (String pkg : List.of("wizard", "app")) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/groupwriteback", pkg))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(uiSources::add);
            }
        }
        {
            for (Path f : uiSources) {
                Matcher m = KEY.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).endsWith(".")) {
                        keys.add(m.group(1));
                    }
                }
            }
        }
        for (WizardTask t : PageFlow.tasksForExistingInstallation()) {
            keys.add("task." + t.name());
            keys.add("task." + t.name() + ".description");
        }
        for (Page p : Page.values()) {
            keys.add(p.titleKey());
            if (p != Page.WELCOME && p != Page.CONFIGURING) {
                keys.add("title." + p.name());
            }
        }
        for (String c : List.of("added", "updated", "renamed", "moved", "membersAdded", "membersRemoved", "deleted",
                "exportErrors")) {
            keys.add("configuring.count." + c);
        }
        assertThat(keys).hasSizeGreaterThan(100);
        List<String> missing = new ArrayList<>();
        for (String k : keys) {
            if (!bundle.containsKey(k)) {
                missing.add(k);
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyTextIsAValidPattern() {
        List<String> broken = new ArrayList<>();
        for (String k : bundle.keySet()) {
            try {
                new MessageFormat(bundle.getString(k)).format(new Object[] {3, "a", "b", "c"});
            } catch (IllegalArgumentException e) {
                broken.add(k + ": " + e.getMessage());
            }
        }
        assertThat(broken).isEmpty();
    }

    /** MessageFormat takes a single quote as the start of a quoted literal: an apostrophe must be written twice. */
    @Test
    void everyApostropheIsShown() {
        List<String> lost = new ArrayList<>();
        for (String k : bundle.keySet()) {
            String raw = bundle.getString(k);
            long expected = raw.replace("''", "'").chars().filter(c -> c == '\'').count();
            String shown = new MessageFormat(raw).format(new Object[] {3, "a", "b", "c"});
            if (shown.chars().filter(c -> c == '\'').count() < expected) {
                lost.add(k + ": " + shown);
            }
        }
        assertThat(lost).isEmpty();
    }
}
