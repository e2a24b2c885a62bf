package org.groupwriteback.engine.ad;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import org.junit.jupiter.api.Test;

/** How the range-retrieval reader reads the answers of AD, Samba and a server without range support. */
class MemberRangeTest {

    private static Entry entry(String attribute, String... values) {
        Entry e = new Entry("cn=g,dc=x");
        if (values.length > 0) {
            e.addAttribute(new Attribute(attribute, values));
        }
        return e;
    }

    @Test
    void unrangedMemberIsComplete() {
        EntryReader.MemberChunk chunk = EntryReader.memberChunk(entry("member", "cn=a", "cn=b"));
        assertThat(chunk.values()).containsExactly("cn=a", "cn=b");
        assertThat(chunk.next()).isEqualTo(-1);
    }

    @Test
    void windowsChunkContinuesAfterItsEnd() {
        EntryReader.MemberChunk chunk = EntryReader.memberChunk(entry("member;range=0-1", "cn=a", "cn=b"));
        assertThat(chunk.values()).hasSize(2);
        assertThat(chunk.next()).isEqualTo(2);
    }

    @Test
    void lastChunkEndsWithStar() {
        EntryReader.MemberChunk chunk = EntryReader.memberChunk(entry("member;range=1500-*", "cn=a"));
        assertThat(chunk.values()).containsExactly("cn=a");
        assertThat(chunk.next()).isEqualTo(-1);
    }

    @Test
    void absentMemberMeansNoMoreValues() {
        EntryReader.MemberChunk chunk = EntryReader.memberChunk(entry("member"));
        assertThat(chunk.values()).isEmpty();
        assertThat(chunk.next()).isEqualTo(-1);
    }

    @Test
    void plainInMemoryServerIgnoresTheRangeOptionSoTheReaderAlsoAsksForPlainMember() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=x");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("LDAP",
                java.net.InetAddress.getLoopbackAddress(), 0, null));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.startListening();
        server.add("dn: dc=x", "objectClass: top", "objectClass: domain", "dc: x");
        server.add("dn: cn=a,dc=x", "objectClass: top", "objectClass: device", "cn: a");
        server.add("dn: cn=g,dc=x", "objectClass: top", "objectClass: groupOfNames", "cn: g", "member: cn=a,dc=x");
        try (LDAPConnection c = server.getConnection()) {
            SearchResultEntry rangedOnly = c.getEntry("cn=g,dc=x", "member;range=0-*");
            // What UnboundID's in-memory server answers: no attribute at all for an option it does not store.
            assertThat(rangedOnly.getAttributes()).noneMatch(a -> a.getBaseName().equalsIgnoreCase("member"));
            SearchResultEntry both = c.getEntry("cn=g,dc=x", "member", "member;range=0-*");
            EntryReader.MemberChunk chunk = EntryReader.memberChunk(both);
            assertThat(chunk.values()).containsExactly("cn=a,dc=x");
            assertThat(chunk.next()).isEqualTo(-1);
        } finally {
            server.shutDown(true);
        }
    }
}
