package org.groupwriteback.demo.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import org.junit.jupiter.api.Test;

/** The Exchange schema extension is there when asked for, and absent otherwise. */
class DemoDirectoryExchangeSchemaTest {

    private static Entry mailGroup(DemoDirectory d) {
        Entry e = new Entry("CN=Sales,OU=Cloud Groups,OU=Corp," + d.baseDn());
        e.addAttribute("objectClass", "top", "group");
        e.addAttribute("cn", "Sales");
        e.addAttribute("sAMAccountName", "sales-x");
        e.addAttribute("groupType", "8");
        e.addAttribute("mail", "sales@fabrikam.com");
        e.addAttribute("msExchRecipientDisplayType", "1");
        e.addAttribute("msExchRecipientTypeDetails", "256");
        e.addAttribute("msExchRequireAuthToSendTo", "TRUE");
        e.addAttribute("extensionAttribute1", "cloud");
        return e;
    }

    private static LDAPConnection bound(DemoDirectory d) throws LDAPException {
        return new LDAPConnection("127.0.0.1", d.port(), d.bindDn().toString(), d.bindPassword());
    }

    @Test
    void withTheExtensionTheSubschemaListsTheExchangeAttributesAndGroupsTakeThem() throws LDAPException {
        try (DemoDirectory d = DemoDirectory.startDefault(0, true); LDAPConnection c = bound(d)) {
            Schema schema = Schema.getSchema(c);
            for (String name : new String[] {"msExchRecipientDisplayType", "msExchRecipientTypeDetails",
                "msExchRemoteRecipientType", "msExchVersion", "msExchGroupDepartRestriction",
                "msExchGroupJoinRestriction", "msExchRequireAuthToSendTo", "msExchModeratedByLink",
                "msExchPoliciesExcluded", "targetAddress", "legacyExchangeDN", "extensionAttribute15"}) {
                assertThat(schema.getAttributeType(name)).as(name).isNotNull();
            }
            AttributeTypeDefinition moderatedBy = schema.getAttributeType("msExchModeratedByLink");
            assertThat(moderatedBy.isSingleValued()).isFalse();
            assertThat(schema.getAttributeType("msExchRecipientTypeDetails").isSingleValued()).isTrue();

            c.add(mailGroup(d));
            SearchResultEntry e = c.getEntry(mailGroup(d).getDN(), "msExchRecipientTypeDetails", "extensionAttribute1");
            assertThat(e.getAttributeValue("msExchRecipientTypeDetails")).isEqualTo("256");
            assertThat(e.getAttributeValue("extensionAttribute1")).isEqualTo("cloud");
        }
    }

    @Test
    void withoutTheExtensionNoExchangeAttributeExists() throws LDAPException {
        try (DemoDirectory d = DemoDirectory.startDefault(0); LDAPConnection c = bound(d)) {
            Schema schema = Schema.getSchema(c);
            assertThat(schema.getAttributeTypes()).extracting(AttributeTypeDefinition::getNameOrOID)
                    .noneMatch(n -> n.toLowerCase().startsWith("msexch"));
            assertThat(schema.getAttributeType("extensionAttribute1")).isNull();
            assertThatThrownBy(() -> c.add(mailGroup(d))).isInstanceOfSatisfying(LDAPException.class,
                    e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.OBJECT_CLASS_VIOLATION));
        }
    }
}
