package org.groupwriteback.wizard.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.rules.GroupNaming;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.WizardServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The live example on the Group writeback page is the engine's own name for the group. */
class ExampleDnTest {
    private static final String ID = "1b7b3f2c-8d7e-4a51-9c3e-2f6a0d9b47e1";
    private static final String OU = "OU=Cloud Groups,DC=fabrikam,DC=local";
    private final WizardServices services = new FakeWizardServices();

    private static String engineDn(String displayName, boolean dnWithDisplayName) throws Exception {
        CloudGroup g = new CloudGroup(ID, displayName, null, null, null, null, true, false, null, null, null, null,
                false);
        return GroupNaming.dn(g, new DN(OU), dnWithDisplayName).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sales", "R&D, Berlin", "  padded  ", "#hash+plus=eq<lt>;\"quoted\"\\",
        "tab\there\nnew line\u0000nul", "party \uD83C\uDF89 emoji \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", " ", ""})
    void theExampleIsTheEnginesNameForHostileDisplayNames(String displayName) throws Exception {
        for (boolean byDisplayName : new boolean[] {false, true}) {
            String example = services.exampleDn(displayName, ID, OU, byDisplayName);
            assertThat(example).isNotEmpty().isEqualTo(engineDn(displayName, byDisplayName));
            assertThat(new DN(example).getParent()).isEqualTo(new DN(OU));
        }
    }

    @Test
    void theDefaultNamingUsesTheObjectId() {
        assertThat(services.exampleDn("Sales", ID, OU, false)).isEqualTo("CN=Group_" + ID + "," + OU);
    }

    @Test
    void aTargetOuThatIsNotADnGivesNoExample() {
        assertThat(services.exampleDn("Sales", ID, "not a dn", true)).isEmpty();
    }
}
