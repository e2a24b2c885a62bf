package org.groupwriteback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.groupwriteback.demo.directory.DemoDirectory;
import org.groupwriteback.engine.ad.ExchangeRecipient;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the demo directory: Exchange recipient attributes written only when the directory has the Exchange schema,
 * and a nested written-back group renamed and moved in one cycle without the plan fighting AD's DN updates.
 */
class ExchangeAndNestingOnDemoDirectoryTest {
    static final String TEAM = "c0000000-0000-4000-8000-000000000001";
    static final String PARENT = "c0000000-0000-4000-8000-000000000002";
    static final String CHILD = "c0000000-0000-4000-8000-000000000003";

    @TempDir
    Path dir;
    DemoCycleFixture f;
    DemoDirectory demo;
    LdapDirectory ldap;
    FakeCloud cloud;

    void start(boolean exchangeSchema) throws Exception {
        f = DemoCycleFixture.start(dir, exchangeSchema);
        demo = f.demo;
        ldap = f.ldap;
        cloud = f.cloud;
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    RunRecord cycle() {
        RunRecord r = f.cycle();
        assertThat(r.status()).as(r.message() + " " + r.exportErrors()).isEqualTo(RunStatus.SUCCESS);
        return r;
    }

    static int changes(RunRecord r) {
        RunCounts c = r.counts();
        return c.creates() + c.updates() + c.renames() + c.moves() + c.memberAdds() + c.memberRemoves() + c.deletes();
    }

    static CloudGroup team() {
        return new CloudGroup(TEAM, "Team", null, "team", "team@fabrikam.test", List.of("Unified"), false, true, null,
                List.of("SMTP:team@fabrikam.test"), new WritebackConfiguration(true, null), Set.of(), false);
    }

    SearchResultEntry teamEntry() throws Exception {
        try (LDAPConnection c = demo.connection()) {
            return c.getEntry("CN=Group_" + TEAM + "," + f.targetOu, "*");
        }
    }

    @Test
    void withTheExchangeSchemaAMicrosoft365GroupGetsItsRecipientAttributes() throws Exception {
        start(true);
        assertThat(ldap.test().exchangeSchema()).isTrue();
        cloud.group(team());

        cycle();

        SearchResultEntry e = teamEntry();
        assertThat(e.getAttributeValue(ExchangeRecipient.TYPE_DETAILS)).isEqualTo("8796093022208");
        assertThat(e.getAttributeValue(ExchangeRecipient.DISPLAY_TYPE)).isEqualTo("-2147483391");
        assertThat(e.getAttributeValue("mailNickname")).isEqualTo("team");
        assertThat(e.getAttributeValue("mail")).isEqualTo("team@fabrikam.test");
        assertThat(changes(cycle())).as("second cycle").isZero();
    }

    @Test
    void withoutTheExchangeSchemaTheGroupIsWrittenWithoutThem() throws Exception {
        start(false);
        assertThat(ldap.test().exchangeSchema()).as("mailNickname alone is not the Exchange schema").isFalse();
        cloud.group(team());

        cycle();

        SearchResultEntry e = teamEntry();
        assertThat(e.getAttributeValue("mail")).isEqualTo("team@fabrikam.test");
        assertThat(e.hasAttribute(ExchangeRecipient.TYPE_DETAILS)).isFalse();
        assertThat(e.hasAttribute(ExchangeRecipient.DISPLAY_TYPE)).isFalse();
        assertThat(e.hasAttribute("mailNickname")).isFalse();
        assertThat(changes(cycle())).isZero();
    }

    @Test
    void aNestedChildRenamedAndMovedInOneCycleStaysAMemberAndTheNextCycleIsEmpty() throws Exception {
        start(false);
        f.byDisplayName = true;
        cloud.group(FakeCloud.security(CHILD, "Child", new CloudMember[0]));
        cloud.group(FakeCloud.security(PARENT, "Parent", CloudMember.group(CHILD)));
        cycle();

        cloud.group(FakeCloud.security(CHILD, "Child renamed", new CloudMember[0]));
        f.targetOu = new DN("OU=Groups,OU=Corp," + demo.baseDn());
        RunRecord moved = cycle();

        assertThat(moved.counts().memberAdds() + moved.counts().memberRemoves()).as("no member churn").isZero();
        DN child = new DN("CN=Child renamed_" + CHILD.substring(CHILD.length() - 12) + "," + f.targetOu);
        DN parent = new DN("CN=Parent_" + PARENT.substring(PARENT.length() - 12) + "," + f.targetOu);
        try (LDAPConnection c = demo.connection()) {
            assertThat(c.getEntry(child.toString())).isNotNull();
            assertThat(new DN(c.getEntry(parent.toString(), "member").getAttributeValue("member"))).isEqualTo(child);
        }
        assertThat(changes(cycle())).as("AD's own DN update is not fought").isZero();
    }
}
