package org.groupwriteback.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.groupwriteback.engine.plan.Fixtures.adGroupFrom;
import static org.groupwriteback.engine.plan.Fixtures.dn;
import static org.groupwriteback.engine.plan.Fixtures.guid;
import static org.groupwriteback.engine.plan.Fixtures.id;
import static org.groupwriteback.engine.plan.Fixtures.security;
import static org.groupwriteback.engine.plan.Fixtures.sid;
import static org.groupwriteback.engine.plan.Fixtures.userDn;

import com.unboundid.ldap.sdk.DN;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.AdPrincipal;
import org.groupwriteback.engine.ad.ExchangeRecipient;
import org.groupwriteback.engine.ad.GroupType;
import org.groupwriteback.engine.ad.NewGroup;
import org.groupwriteback.engine.graph.CloudDevice;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.rules.GroupNaming;
import org.groupwriteback.engine.rules.WritebackRules;
import org.groupwriteback.engine.state.Anchor;
import org.junit.jupiter.api.Test;

/** The planner with members synced from AD (groups, devices), converted groups and Exchange recipient attributes. */
class OnPremisesMembersPlannerTest {
    static final DN HR = dn("CN=HR Staff,OU=Groups,DC=fabrikam,DC=local");
    static final DN LOCAL = dn("CN=Printers,OU=Groups,DC=fabrikam,DC=local");
    static final DN LAPTOP = dn("CN=LT-1,OU=Computers,DC=fabrikam,DC=local");

    static CloudGroup synced(String id, String name, int rid) {
        return new CloudGroup(id, name, null, null, null, List.of(), true, false, true, List.of(), null, Set.of(),
                false, sid(rid).value(), null);
    }

    @Test
    void membersFromAdAreWrittenBySidAndADomainLocalGroupIsAProblemNamingBothGroups() {
        String parent = id(1);
        Fixtures.Input in = new Fixtures.Input().syncedUsers(1)
                .group(security(parent, "Parent", true, CloudMember.user("u1"), CloudMember.group(id(2)),
                        CloudMember.group(id(3)), CloudMember.device("d1"), CloudMember.device("d2"),
                        CloudMember.device("d3")))
                .group(synced(id(2), "HR Staff", 2001)).group(synced(id(3), "Printers", 2002));
        in.principals.put(sid(2001), new AdPrincipal(HR, AdPrincipal.Kind.GROUP, 0x80000002));
        in.principals.put(sid(2002), new AdPrincipal(LOCAL, AdPrincipal.Kind.GROUP, 0x80000004));
        in.principals.put(sid(3001), new AdPrincipal(LAPTOP, AdPrincipal.Kind.COMPUTER, 0));
        in.devices.put("d1", new CloudDevice("d1", sid(3001).value(), true));
        in.devices.put("d2", new CloudDevice("d2", null, null));
        in.devices.put("d3", new CloudDevice("d3", sid(3999).value(), true));

        Plan plan = Planner.plan(in.build());

        Change.AddMembers adds = (Change.AddMembers) plan.changes().stream()
                .filter(c -> c instanceof Change.AddMembers).findFirst().orElseThrow();
        assertThat(adds.members()).containsExactlyInAnyOrder(userDn(1), HR, LAPTOP);
        assertThat(plan.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(Planner.PROBLEM_MEMBER_REFUSED);
            assertThat(p.message()).contains("Printers", "Parent", WritebackRules.LOCAL_IN_UNIVERSAL);
        });
        assertThat(plan.skipped().cloudOnlyDevices()).isEqualTo(1);
        assertThat(plan.skipped().usersNotFoundOrOutOfScope()).as("synced device not found in scope").isEqualTo(1);
        assertThat(plan.changes()).filteredOn(c -> c instanceof Change.Create).hasSize(1);
    }

    @Test
    void aConvertedGroupIsUpdatedInPlaceOnlyInItsMembersAndNeverCreatedOrDeleted() {
        String converted = id(5);
        CloudGroup g = synced(converted, "Finance", 2005).withCloudManaged(true)
                .withMembers(Set.of(CloudMember.user("u1")));
        DN original = dn("CN=Finance,OU=Groups,DC=fabrikam,DC=local");
        AdGroup ad = new AdGroup(guid(5), original, sid(2005), "Finance", 0x80000002, "Finance (AD)", "as is", null,
                null, null, List.of(), Set.of());

        Fixtures.Input notAdopted = new Fixtures.Input().syncedUsers(1).group(g);
        assertThat(Planner.plan(notAdopted.build()).changes()).as("no Group_<id> while not adopted").isEmpty();

        Fixtures.Input in = new Fixtures.Input().syncedUsers(1).group(g);
        in.anchors.put(converted, new Anchor(converted, guid(5), Anchor.Origin.CONVERTED, original.toString(),
                Instant.EPOCH));
        in.managed.put(guid(5), ad);
        Plan plan = Planner.plan(in.build());
        assertThat(plan.changes()).singleElement().isInstanceOfSatisfying(Change.AddMembers.class, a -> {
            assertThat(a.dn()).isEqualTo(original);
            assertThat(a.members()).containsExactly(userDn(1));
        });

        in.config = Fixtures.config(false, false, 50_000, false);
        assertThat(Planner.plan(in.build()).changes()).as("disabling writeback never deletes the original group")
                .isEmpty();
        in.config = Fixtures.config();
        in.groups.remove(converted);
        assertThat(Planner.plan(in.build()).changes()).as("nor does deleting the cloud group").isEmpty();
    }

    @Test
    void exchangeRecipientAttributesOnlyWithTheExchangeSchemaAndForMailTypes() {
        CloudGroup team = Fixtures.m365(id(7), "Team", true, null);
        DN dn = GroupNaming.dn(team, dn(Fixtures.TARGET_OU), false);
        NewGroup without = WritebackRules.newGroup(team, GroupType.UNIVERSAL_DISTRIBUTION, dn, false);
        NewGroup with = WritebackRules.newGroup(team, GroupType.UNIVERSAL_DISTRIBUTION, dn, true);
        NewGroup security = WritebackRules.newGroup(team, GroupType.UNIVERSAL_SECURITY, dn, true);
        NewGroup mailSecurity = WritebackRules.newGroup(team, GroupType.UNIVERSAL_MAIL_ENABLED_SECURITY, dn, true);

        assertThat(without.exchangeAttributes()).isEmpty();
        assertThat(with.exchangeAttributes()).containsEntry(ExchangeRecipient.TYPE_DETAILS, "8796093022208")
                .containsEntry(ExchangeRecipient.DISPLAY_TYPE, "-2147483391");
        assertThat(mailSecurity.exchangeAttributes()).containsEntry(ExchangeRecipient.DISPLAY_TYPE, "-1073739511");
        assertThat(security.exchangeAttributes()).isEmpty();

        AdGroup lacking = adGroupFrom(without, guid(7), Set.of());
        assertThat(WritebackRules.attributeDiff(with, lacking, true)).containsOnlyKeys(
                WritebackRules.ATTR_MAIL_NICKNAME, ExchangeRecipient.DISPLAY_TYPE, ExchangeRecipient.TYPE_DETAILS);
        assertThat(WritebackRules.attributeDiff(with, adGroupFrom(with, guid(7), Set.of()), true)).isEmpty();
        assertThat(WritebackRules.attributeDiff(without, lacking, false)).isEmpty();
    }
}
