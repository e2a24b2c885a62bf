package org.groupwriteback.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one permission list, and the README that must name exactly it. */
class RequiredPermissionsTest {

    @Test
    void writePermissionOnlyForWritebackManagement() {
        assertThat(RequiredPermissions.applicationNames(false))
                .containsExactly("Group.Read.All", "User.Read.All", "Device.Read.All", "Organization.Read.All");
        assertThat(RequiredPermissions.applicationNames(true)).endsWith("Group.ReadWrite.All").hasSize(5);
        assertThat(RequiredPermissions.describe(false))
                .isEqualTo("Group.Read.All, User.Read.All, Device.Read.All and Organization.Read.All");
        assertThat(RequiredPermissions.lines(false)).contains("User.Read.All  (application) read the on-premises")
                .doesNotContain("Group.ReadWrite.All");
    }

    @Test
    void theReadmeListsExactlyTheseApplicationAndDelegatedPermissions() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("<!-- permissions:");
        assertThat(start).isPositive();
        String section = readme.substring(start, readme.indexOf("2. **AD account**", start));
        String application = section.substring(0, section.indexOf("Delegated permissions"));
        String delegated = section.substring(section.indexOf("Delegated permissions"));
        assertThat(names(application)).containsExactlyElementsOf(RequiredPermissions.applicationNames(true));
        assertThat(names(delegated)).containsExactlyElementsOf(RequiredPermissions.ADMIN_SCOPES);
    }

    private static List<String> names(String text) {
        Matcher m = Pattern.compile("`([A-Z][A-Za-z]+(?:\\.[A-Za-z]+)+)`").matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
