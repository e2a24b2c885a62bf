package org.groupwriteback.engine.ad.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import org.junit.jupiter.api.Test;

/** The "I will configure it using PowerShell" output for each way an admin may name the account. */
class PermissionsScriptTest {
    private static final DN OU = dn("OU=Groups,OU=Sync,DC=corp,DC=example,DC=test");

    @Test
    void downLevelNameGoesIntoDsaclsAndTheConnectCmdlet() {
        String s = WritebackPermissions.script(OU, "CORP\\svc-sync");
        assertThat(s).contains("dsacls \"OU=Groups,OU=Sync,DC=corp,DC=example,DC=test\" /I:T /G"
                + " \"CORP\\svc-sync:CCDC;group\"")
                .contains("dsacls \"OU=Groups,OU=Sync,DC=corp,DC=example,DC=test\" /I:S /G"
                        + " \"CORP\\svc-sync:GRGWSDDT;;group\"")
                .contains("Set-ADSyncUnifiedGroupWritebackPermissions -ADConnectorAccountName 'svc-sync'"
                        + " -ADConnectorAccountDomain 'CORP'")
                .contains("[System.Security.Principal.NTAccount]'CORP\\svc-sync'")
                .doesNotContain("Replace DOMAIN");
    }

    @Test
    void aDnIsUsedForPowerShellAndMarkedAsAPlaceholderForDsacls() {
        String s = WritebackPermissions.script(OU, "CN=svc-sync,OU=Sync,DC=corp,DC=example,DC=test");
        assertThat(s).contains("Get-ADObject -Identity 'CN=svc-sync,OU=Sync,DC=corp,DC=example,DC=test'")
                .contains("\"DOMAIN\\svc-sync:CCDC;group\"")
                .contains("Replace DOMAIN\\svc-sync")
                .contains("-ADConnectorAccountDN 'CN=svc-sync,OU=Sync,DC=corp,DC=example,DC=test'");
    }

    @Test
    void quotesInsideTheOuAreDoubledForPowerShell() {
        DN odd = dn("OU=O'Brien,DC=corp,DC=example,DC=test");
        assertThat(WritebackPermissions.script(odd, "CORP\\svc-sync"))
                .contains("$ou = 'OU=O''Brien,DC=corp,DC=example,DC=test'");
    }

    @Test
    void insufficientRightsAdviceNamesAccountOuAndTheFix() {
        assertThat(WritebackPermissions.insufficientRightsAdvice("CN=svc", OU, "create groups"))
                .startsWith("the sync account CN=svc may not create groups in " + OU)
                .contains("gwb permissions grant --ou \"" + OU + "\" --account \"CN=svc\"");
    }

    private static DN dn(String s) {
        try {
            return new DN(s);
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
