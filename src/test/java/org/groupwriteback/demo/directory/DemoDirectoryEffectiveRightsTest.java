package org.groupwriteback.demo.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.util.List;
import org.groupwriteback.engine.ad.permissions.MissingRight;
import org.groupwriteback.engine.ad.permissions.WritebackPermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo answers AD's effective-rights attributes, so "Verify" on the permissions page works on it. */
class DemoDirectoryEffectiveRightsTest {
    private static final DN TARGET = dn("OU=Cloud Groups,OU=Corp,DC=fabrikam,DC=local");
    private DemoDirectory directory;

    @BeforeEach
    void start() throws Exception {
        directory = DemoDirectory.startDefault(0);
    }

    @AfterEach
    void stop() {
        directory.close();
    }

    @Test
    void verifyFindsNothingMissingWhereTheSyncAccountMayWrite() throws Exception {
        try (LDAPConnection sync = new LDAPConnection("127.0.0.1", directory.port(), directory.bindDn().toString(),
                directory.bindPassword())) {
            assertThat(sync.getEntry(TARGET.toString(), "allowedChildClassesEffective")
                    .getAttributeValues("allowedChildClassesEffective")).contains("group");
            assertThat(WritebackPermissions.verify(TARGET, sync)).isEmpty();
        }
    }

    @Test
    void verifyReportsTheCreateRightMissingWhereWritesAreDenied() throws Exception {
        directory.denyWrites(TARGET);
        try (LDAPConnection sync = new LDAPConnection("127.0.0.1", directory.port(), directory.bindDn().toString(),
                directory.bindPassword())) {
            assertThat(sync.getEntry(TARGET.toString(), "allowedChildClassesEffective")
                    .hasAttribute("allowedChildClassesEffective")).isFalse();
            List<MissingRight> missing = WritebackPermissions.verify(TARGET, sync);
            assertThat(missing).extracting(MissingRight::kind).contains(MissingRight.Kind.CREATE_GROUPS);
        }
    }

    private static DN dn(String s) {
        try {
            return new DN(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
