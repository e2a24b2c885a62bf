package org.groupwriteback.wizard.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExampleNamingTest {
    private static final String ID = "1b7b3f2c-8d7e-4a51-9c3e-2f6a0d9b47e1";

    @Test
    void defaultNamingUsesTheObjectId() {
        assertThat(ExampleNaming.cn("Sales", ID, false)).isEqualTo("Group_" + ID);
    }

    @Test
    void displayNameIsTrimmedAndCutTo51CharactersPlusTheIdTail() {
        String name = "  " + "x".repeat(60) + " ";
        String cn = ExampleNaming.cn(name, ID, true);
        assertThat(cn).isEqualTo("x".repeat(51) + "_2f6a0d9b47e1").hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void specialCharactersAreEscapedByTheLdapSdk() {
        assertThat(ExampleNaming.dn("R&D, Berlin", ID, "OU=Cloud Groups,DC=fabrikam,DC=local", true))
                .isEqualTo("CN=R&D\\, Berlin_2f6a0d9b47e1,OU=Cloud Groups,DC=fabrikam,DC=local");
    }
}
