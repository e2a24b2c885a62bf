package org.groupwriteback.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.groupwriteback.engine.plan.Fixtures.dn;
import static org.groupwriteback.engine.plan.Fixtures.id;
import static org.groupwriteback.engine.plan.Fixtures.m365;
import static org.groupwriteback.engine.plan.Fixtures.security;
import static org.groupwriteback.engine.plan.Fixtures.userDn;

import com.unboundid.ldap.sdk.DN;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.GroupType;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.engine.rules.SkippedMembers;
import org.groupwriteback.engine.rules.GroupNaming;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final DN OU = dn(Fixtures.TARGET_OU);
    private static final String OTHER_OU = "OU=Moved Groups,DC=fabrikam,DC=local";

    private final SimulatedAd ad = new SimulatedAd();

    private static DN defaultDn(String id) {
        return dn("CN=Group_" + id + "," + Fixtures.TARGET_OU);
    }

    /** Plans, applies to the simulated AD, and returns the plan. */
    private Plan planAndApply(Fixtures.Input in) {
        Plan plan = Planner.plan(in.build());
        ad.apply(plan, in);
        return plan;
    }

    private static <T extends Change> List<T> changes(Plan plan, Class<T> kind) {
        return plan.changes().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    // ------------------------------------------------------------ creates

    @Test
    void eligibleGroupWithoutAnchorIsCreatedAndItsMembersAdded() {
        Fixtures.Input in = new Fixtures.Input().syncedUsers(1, 2)
                .group(m365(id(1), "Sales", null, null, CloudMember.user("u1"), CloudMember.user("u2")));
        Plan plan = Planner.plan(in.build());
        assertThat(plan.changes()).hasSize(2);
        Change.Create create = (Change.Create) plan.changes().get(0);
        assertThat(create.cloudId()).isEqualTo(id(1));
        assertThat(create.group().dn()).isEqualTo(defaultDn(id(1)));
        assertThat(create.group().groupType()).isEqualTo(GroupType.UNIVERSAL_DISTRIBUTION.adValue());
        assertThat(create.group().adminDescription()).isEqualTo("Group_" + id(1));
        Change.AddMembers add = (Change.AddMembers) plan.changes().get(1);
        assertThat(add.group()).isEqualTo(defaultDn(id(1)));
        assertThat(add.members()).containsExactly(userDn(1), userDn(2));
        assertThat(plan.problems()).isEmpty();
    }

    @Test
    void groupWithoutMembersIsCreatedWithoutAnAddMembersChange() {
        Fixtures.Input in = new Fixtures.Input().group(security(id(1), "Empty", true));
        Plan plan = Planner.plan(in.build());
        assertThat(plan.changes()).singleElement().isInstanceOf(Change.Create.class);
    }

    @Test
    void anchoredGroupWhoseAdObjectIsGoneIsCreatedAgain() {
        Fixtures.Input in = new Fixtures.Input().group(security(id(1), "Sec", true));
        in.anchors.put(id(1), Fixtures.anchor(id(1), Fixtures.guid(99)));
        Plan plan = Planner.plan(in.build());
        assertThat(plan.changes()).singleElement().isInstanceOfSatisfying(Change.Create.class,
                c -> assertThat(c.group().dn()).isEqualTo(defaultDn(id(1))));
    }

    @Test
    void ineligibleGroupsAreNeverCreated() {
        CloudGroup synced = new CloudGroup(id(1), "Synced", null, null, null, List.of(), true, false, true, List.of(),
                new WritebackConfiguration(true, null), Set.of(), false);
        CloudGroup dl = new CloudGroup(id(2), "DL", null, "dl", "dl@x.com", List.of(), false, true, null, List.of(),
                new WritebackConfiguration(true, null), Set.of(), false);
        Fixtures.Input in = new Fixtures.Input().group(synced).group(dl)
                .group(security(id(3), "Not enabled", null))
                .group(security(id(4), "Off", false))
                .group(m365(id(5), "Soft deleted", true, null).withSoftDeleted(true));
        assertThat(Planner.plan(in.build()).isEmpty()).isTrue();
    }

    @Test
    void m365GroupWithUnsetWritebackIsWrittenBackAndAnExplicitOffIsNot() {
        Fixtures.Input in = new Fixtures.Input().group(m365(id(1), "Sales", null, null));
        assertThat(Planner.plan(in.build()).count(Change.Create.class)).isEqualTo(1);
        in.group(m365(id(1), "Sales", false, null)); // what Entra stamps on groups made while the default is off
        assertThat(Planner.plan(in.build()).changes()).isEmpty();
    }

    // ------------------------------------------------------------ idempotence and drift

    @Test
    void planIsEmptyWhenAdAlreadyMatches() {
        Fixtures.Input in = new Fixtures.Input().syncedUsers(1, 2, 3)
                .group(m365(id(1), "Sales", true, null, CloudMember.user("u1"), CloudMember.group(id(2))))
                .group(security(id(2), "Team", true, CloudMember.user("u2"), CloudMember.user("u3")));
        in.exchangeSchema = true;
        planAndApply(in);
        Plan again = Planner.plan(in.build());
        assertThat(again.changes()).isEmpty();
        assertThat(again.isEmpty()).isTrue();
    }

    @Test
    void memberDnsCompareNormalisedSoCaseAndSpacingInAdAreNotChanges() {
        Fixtures.Input in = new Fixtures.Input().syncedUsers(1)
                .group(security(id(1), "Sec", true, CloudMember.user("u1")));
        planAndApply(in);
        AdGroup g = in.managed.values().iterator().next();
        in.managed.put(g.guid(), SimulatedAd.with(g, g.dn(), Set.of(dn("cn=user 1, ou=USERS ,dc=fabrikam,dc=local"))));
        assertThat(Planner.plan(in.build()).changes()).isEmpty();
    }

    @Test
    void driftedManagedAttributesAreSetBackAndOnlyTheyAreUpdated() {
        Fixtures.Input in = new Fixtures.Input().group(m365(id(1), "Sales", true, null));
        planAndApply(in);
        AdGroup g = in.managed.values().iterator().next();
        AdGroup drifted = new AdGroup(g.guid(), g.dn(), g.sid(), "renamedSam", GroupType.UNIVERSAL_SECURITY.adValue(),
                "sales", g.description(), g.adminDescription(), g.mail(), g.mailNickname(), g.proxyAddresses(),
                g.members());
        in.managed.put(g.guid(), drifted);
        Plan plan = Planner.plan(in.build());
        Change.Update up = (Change.Update) plan.changes().stream().filter(c -> c instanceof Change.Update)
                .findFirst().orElseThrow();
        assertThat(plan.changes()).hasSize(1);
        assertThat(up.guid()).isEqualTo(g.guid());
        assertThat(up.values()).containsOnlyKeys("displayName", "groupType");
        assertThat(up.values().get("displayName")).containsExactly("Sales");
        assertThat(up.values().get("groupType")).containsExactly("8");
        assertThat(up.previous()).containsEntry("displayName", List.of("sales"))
                .containsEntry("groupType", List.of("-2147483640"));
    }

    @Test
    void changingTheCloudTypeUpdatesGroupTypeAndMailAttributesInPlace() {
        Fixtures.Input in = new Fixtures.Input().group(m365(id(1), "Sales", true, null));
        planAndApply(in);
        ObjectGuid guid = in.anchors.get(id(1)).guid();
        in.group(m365(id(1), "Sales", true, "universalSecurityGroup"));
        Plan plan = planAndApply(in);
        assertThat(plan.changes()).singleElement().isInstanceOfSatisfying(Change.Update.class, up -> {
            assertThat(up.guid()).isEqualTo(guid);
            assertThat(up.values()).containsOnlyKeys("groupType", "mail", "proxyAddresses");
            assertThat(up.values().get("groupType")).containsExactly("-2147483640");
            assertThat(up.values().get("mail")).isEmpty();
            assertThat(up.values().get("proxyAddresses")).isEmpty();
        });
        assertThat(in.anchors.get(id(1)).guid()).isEqualTo(guid);
        assertThat(Planner.plan(in.build()).changes()).isEmpty();
    }

    @Test
    void memberDiffRemovesExtrasAndAddsMissingExactly() {
        Fixtures.Input in = new Fixtures.Input().syncedUsers(1, 2, 3, 4)
                .group(security(id(1), "Sec", true, CloudMember.user("u1"), CloudMember.user("u2")));
        planAndApply(in);
        AdGroup g = in.managed.values().iterator().next();
        // someone edited AD: removed u2, added u3 and an account we know nothing about
        DN stranger = dn("CN=Stranger,OU=Elsewhere,DC=fabrikam,DC=local");
        in.managed.put(g.guid(), SimulatedAd.with(g, g.dn(), Set.of(userDn(1), userDn(3), stranger)));
        in.group(security(id(1), "Sec", true, CloudMember.user("u1"), CloudMember.user("u2"), CloudMember.user("u4")));
        Plan plan = planAndApply(in);
        assertThat(plan.changes()).hasSize(2);
        Change.RemoveMembers rm = (Change.RemoveMembers) plan.changes().get(0);
        Change.AddMembers add = (Change.AddMembers) plan.changes().get(1);
        assertThat(rm.members()).containsExactlyInAnyOrder(userDn(3), stranger);
        assertThat(add.members()).containsExactly(userDn(2), userDn(4));
        assertThat(Planner.plan(in.build()).changes()).isEmpty();
    }

    // ------------------------------------------------------------ rename and move

    @Test
    void cloudRenameRenamesTheAdObjectKeepingItsGuid() {
        Fixtures.Input in = new Fixtures.Input();
        in.config = Fixtures.config(true, true, 50_000, false);
        String gid = "11111111-1111-4111-8111-0123456789ab";
        in.group(security(gid, "Sales", true));
        planAndApply(in);
        ObjectGuid guid = in.anchors.get(gid).guid();
        in.group(security(gid, "Sales & Marketing, EMEA", true));
        Plan plan = planAndApply(in);
        Change.Move mv = changes(plan, Change.Move.class).get(0);
        assertThat(mv.kind()).isEqualTo(ChangeKind.RENAME);
        assertThat(mv.rename()).isTrue();
        assertThat(mv.move()).isFalse();
        assertThat(mv.guid()).isEqualTo(guid);
        assertThat(mv.from().getRDN().getAttributeValues()).containsExactly("Sales_0123456789ab");
        assertThat(mv.to().getRDN().getAttributeValues()).containsExactly("Sales & Marketing, EMEA_0123456789ab");
        assertThat(changes(plan, Change.Update.class)).singleElement()
                .satisfies(up -> assertThat(up.values()).containsOnlyKeys("displayName"))
                .satisfies(up -> assertThat(up.dn()).isEqualTo(mv.to()));
        assertThat(Planner.plan(in.build()).changes()).isEmpty();
    }

    @Test
    void caseOnlyRenameIsCarriedOver() {
        Fixtures.Input in = new Fixtures.Input();
        in.config = Fixtures.config(true, true, 50_000, false);
        in.group(security(id(1), "sales", true));
        planAndApply(in);
        in.group(security(id(1), "Sales", true));
        Plan plan = planAndApply(in);
        assertThat(changes(plan, Change.Move.class)).singleElement().satisfies(mv -> {
            assertThat(mv.rename()).isTrue();
            assertThat(mv.move()).isFalse();
        });
        assertThat(Planner.plan(in.build()).changes()).isEmpty();
    }

    @Test
    void changingTheTargetOuMovesGroupsInsteadOfRecreatingThem() {
        Fixtures.Input in = new Fixtures.Input().group(security(id(1), "A", true)).group(security(id(2), "B", true));
        planAndApply(in);
        Map<String, ObjectGuid> before = Map.of(id(1), in.anchors.get(id(1)).guid(), id(2), in.anchors.get(id(2)).guid());
        in.config = Fixtures.config(true, OTHER_OU, false, 50_000, false);
        Plan plan = planAndApply(in);
        assertThat(plan.changes()).hasSize(2).allSatisfy(c -> assertThat(c).isInstanceOf(Change.Move.class));
        for (Change.Move mv : changes(plan, Change.Move.class)) {
            assertThat(mv.move()).isTrue();
            assertThat(mv.rename()).isFalse();
            assertThat(mv.kind()).isEqualTo(ChangeKind.MOVE);
            assertThat(mv.guid()).isEqualTo(before.get(mv.cloudId()));
            assertThat(mv.to().getParent()).isEqualTo(dn(OTHER_OU));
        }
        assertThat(Planner.plan(in.build()).changes()).isEmpty();
    }

    @Test
    void renameAndOuChangeInOneCycleIsOneMoveWithBothFlags() {
        Fixtures.Input in = new Fixtures.Input();
        in.config = Fixtures.config(true, true, 50_000, false);
        in.group(security(id(1), "Old", true));
        planAndApply(in);
        in.config = Fixtures.config(true, OTHER_OU, true, 50_000, false);
        in.group(security(id(1), "New", true));
        Plan plan = planAndApply(in);
        assertThat(changes(plan, Change.Move.class)).singleElement().satisfies(mv -> {
            assertThat(mv.rename()).isTrue();
            assertThat(mv.move()).isTrue();
            assertThat(mv.kind()).isEqualTo(ChangeKind.MOVE);
            assertThat(mv.to()).isEqualTo(dn("CN=New_000000000001," + OTHER_OU));
        });
        assertThat(Planner.plan(in.build()).changes()).isEmpty();
    }

    @Test
    void m365GroupBecomingMailEnabledSecurityKeepsMailAndChangesOnlyGroupType() {
        Fixtures.Input in = new Fixtures.Input().group(m365(id(1), "Sales", true, null));
        planAndApply(in);
        in.group(m365(id(1), "Sales", true, "universalMailEnabledSecurityGroup"));
        Plan plan = planAndApply(in);
        assertThat(plan.changes()).singleElement().isInstanceOfSatisfying(Change.Update.class,
                up -> assertThat(up.values()).containsOnlyKeys("groupType")
                        .containsEntry("groupType", List.of("-2147483640")));
    }

    @Test
    void mailNicknameDriftIsRevertedOnlyWithTheExchangeSchema() {
        Fixtures.Input in = new Fixtures.Input().group(m365(id(1), "Sales", true, null));
        in.exchangeSchema = true;
        planAndApply(in);
        AdGroup g = in.managed.values().iterator().next();
        assertThat(g.mailNickname()).isEqualTo("sales");
        in.managed.put(g.guid(), new AdGroup(g.guid(), g.dn(), g.sid(), g.samAccountName(), g.groupType(),
                g.displayName(), g.description(), g.adminDescription(), g.mail(), "changed", g.proxyAddresses(),
                g.members(), g.exchangeAttributes()));
        assertThat(Planner.plan(in.build()).changes()).singleElement().isInstanceOfSatisfying(Change.Update.class,
                up -> assertThat(up.values()).containsOnly(Map.entry("mailNickname", List.of("sales"))));
        in.exchangeSchema = false;
        assertThat(Planner.plan(in.build()).changes()).isEmpty();
    }

    @Test
    void switchingToDisplayNameNamingRenamesEveryGroup() {
        Fixtures.Input in = new Fixtures.Input().group(security(id(1), "A", true));
        planAndApply(in);
        in.config = Fixtures.config(true, false, 50_000, false);
        in.config = Fixtures.config(true, true, 50_000, false);
        Plan plan = planAndApply(in);
        assertThat(changes(plan, Change.Move.class)).singleElement()
                .satisfies(mv -> assertThat(mv.to().getRDN().getAttributeValues()).containsExactly("A_000000000001"));
    }

    // ------------------------------------------------------------ nesting

    @Test
    void nestedGroupMembersUseTheMemberGroupsDesiredDn() {
        Fixtures.Input in = new Fixtures.Input();
        in.config = Fixtures.config(true, true, 50_000, false);
        in.group(security(id(1), "Parent", true, CloudMember.group(id(2)), CloudMember.group(id(3))))
                .group(security(id(2), "Child", true));
        planAndApply(in);
        // child renamed in the cloud, a new child appears: the parent must reference both by their new DNs
        in.group(security(id(2), "Child renamed", true)).group(security(id(3), "New child", true));
        Plan plan = Planner.plan(in.build());
        DN renamed = dn("CN=Child renamed_000000000002," + Fixtures.TARGET_OU);
        DN created = dn("CN=New child_000000000003," + Fixtures.TARGET_OU);
        assertThat(changes(plan, Change.Move.class)).singleElement().satisfies(mv -> assertThat(mv.to()).isEqualTo(renamed));
        // AD rewrites the parent's member value on modify DN itself, so no remove/add for the renamed child
        assertThat(changes(plan, Change.RemoveMembers.class)).isEmpty();
        assertThat(changes(plan, Change.AddMembers.class)).singleElement().satisfies(add -> {
            assertThat(add.cloudId()).isEqualTo(id(1));
            assertThat(add.members()).containsExactly(created);
        });
        ad.apply(plan, in);
        AdGroup parent = in.managed.get(in.anchors.get(id(1)).guid());
        assertThat(parent.members()).containsExactlyInAnyOrder(renamed, created);
        assertThat(Planner.plan(in.build()).changes()).isEmpty();
    }

    @Test
    void groupsCreatedInThePlanAreCreatedBeforeTheyAreAddedAsMembers() {
        Fixtures.Input in = new Fixtures.Input()
                .group(security(id(1), "Parent", true, CloudMember.group(id(2))))
                .group(security(id(2), "Child", true, CloudMember.group(id(3))))
                .group(security(id(3), "Grandchild", true));
        Plan plan = planAndApply(in);
        assertThat(plan.changes()).extracting(Change::kind)
                .containsExactly(ChangeKind.CREATE, ChangeKind.CREATE, ChangeKind.CREATE, ChangeKind.ADD_MEMBERS,
                        ChangeKind.ADD_MEMBERS);
        assertThat(changes(plan, Change.AddMembers.class)).extracting(a -> a.members().get(0))
                .containsExactly(defaultDn(id(2)), defaultDn(id(3)));
    }

    @Test
    void memberGroupsThatAreNotWrittenBackAreSkippedAndCounted() {
        Fixtures.Input in = new Fixtures.Input()
                .group(security(id(1), "Parent", true, CloudMember.group(id(2)), CloudMember.group(id(3)),
                        CloudMember.group("not-imported")))
                .group(security(id(2), "Not enabled", null))
                .group(security(id(3), "Too big", true, CloudMember.user("a"), CloudMember.user("b"),
                        CloudMember.user("c"), CloudMember.user("d")));
        in.config = Fixtures.config(true, false, 3, false);
        Plan plan = Planner.plan(in.build());
        assertThat(plan.changes()).singleElement().isInstanceOf(Change.Create.class);
        assertThat(plan.skipped().groupsNotWrittenBack()).isEqualTo(3);
        assertThat(plan.problems()).singleElement().satisfies(p -> assertThat(p.cloudId()).isEqualTo(id(3)));
    }

    @Test
    void existingGroupOverTheMemberLimitStaysAMemberAtItsCurrentDn() {
        Fixtures.Input in = new Fixtures.Input().syncedUsers(1, 2)
                .group(security(id(1), "Parent", true, CloudMember.group(id(2))))
                .group(security(id(2), "Child", true, CloudMember.user("u1")));
        planAndApply(in);
        in.group(security(id(2), "Child", true, CloudMember.user("u1"), CloudMember.user("u2")));
        in.config = Fixtures.config(true, false, 1, false);
        Plan plan = Planner.plan(in.build());
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(Planner.PROBLEM_MEMBER_LIMIT);
            assertThat(p.message()).contains("Child (" + id(2) + ") has 2 members, more than the member limit 1");
        });
    }

    // ------------------------------------------------------------ member limit and problems

    @Test
    void groupOverTheMemberLimitIsNotExportedAndNotDeleted() {
        Fixtures.Input in = new Fixtures.Input().syncedUsers(1, 2, 3)
                .group(security(id(1), "Big", true, CloudMember.user("u1"), CloudMember.user("u2")))
                .group(security(id(2), "New big", true, CloudMember.user("u1"), CloudMember.user("u2"),
                        CloudMember.user("u3")));
        in.config = Fixtures.config(true, false, 2, false);
        planAndApply(in);
        assertThat(in.anchors).containsOnlyKeys(id(1));
        // grows over the limit and is renamed: no update, no member change, no delete
        in.group(security(id(1), "Big renamed", true, CloudMember.user("u1"), CloudMember.user("u2"),
                CloudMember.user("u3")));
        Plan plan = Planner.plan(in.build());
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.problems()).extracting(Plan.Problem::cloudId).containsExactly(id(1), id(2));
        assertThat(plan.problems()).allSatisfy(p -> {
            assertThat(p.code()).isEqualTo(Planner.PROBLEM_MEMBER_LIMIT);
            assertThat(p.message()).contains("has 3 members, more than the member limit 2")
                    .contains("groupWriteback.memberLimit");
        });
        assertThat(plan.isEmpty()).isFalse();
    }

    @Test
    void invalidTargetTypeIsAProblemNamingGroupAndValue() {
        Fixtures.Input in = new Fixtures.Input()
                .group(security(id(1), "Sec", true).withWriteback(new WritebackConfiguration(true,
                        "universalDistributionGroup")));
        Plan plan = Planner.plan(in.build());
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(Planner.PROBLEM_INVALID_GROUP_TYPE);
            assertThat(p.displayName()).isEqualTo("Sec");
            assertThat(p.message()).contains("Sec (" + id(1) + ")").contains("universalDistributionGroup");
        });
    }

    @Test
    void twoGroupsWantingTheSameDnGiveAProblemForTheSecondOnly() {
        Fixtures.Input in = new Fixtures.Input();
        in.config = Fixtures.config(true, true, 50_000, false);
        String first = "11111111-1111-4111-8111-0123456789ab";
        String second = "22222222-2222-4222-8222-0123456789AB";
        in.group(security(second, "Same", true)).group(security(first, "same", true));
        Plan plan = Planner.plan(in.build());
        assertThat(changes(plan, Change.Create.class)).singleElement()
                .satisfies(c -> assertThat(c.cloudId()).isEqualTo(first));
        assertThat(plan.problems()).singleElement().satisfies(p -> {
            assertThat(p.cloudId()).isEqualTo(second);
            assertThat(p.code()).isEqualTo(Planner.PROBLEM_DN_COLLISION);
            assertThat(p.message()).contains(first).contains(second);
        });
    }

    @Test
    void dnHeldByAKeptGroupIsNotTakenByAnother() {
        Fixtures.Input in = new Fixtures.Input();
        in.config = Fixtures.config(true, true, 50_000, false);
        String kept = "11111111-1111-4111-8111-0123456789ab";
        String newcomer = "00000000-2222-4222-8222-0123456789ab";
        in.group(security(kept, "Same", true));
        planAndApply(in);
        in.group(security(kept, "Same", false)).group(security(newcomer, "Same", true));
        Plan plan = Planner.plan(in.build());
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.problems()).singleElement().satisfies(p -> assertThat(p.cloudId()).isEqualTo(newcomer));
    }

    @Test
    void samAccountNameAlreadyHeldByAnotherManagedGroupIsAProblemForTheNewGroup() {
        Fixtures.Input in = new Fixtures.Input().group(security(id(1), "Adopted", true));
        planAndApply(in);
        AdGroup adopted = in.managed.get(in.anchors.get(id(1)).guid());
        // an adopted group (named by Entra Connect) happens to hold the name we derive for id(2)
        String taken = GroupNaming.samAccountName(id(2)).toUpperCase();
        in.managed.put(adopted.guid(), new AdGroup(adopted.guid(), adopted.dn(), adopted.sid(), taken,
                adopted.groupType(), adopted.displayName(), adopted.description(), adopted.adminDescription(),
                adopted.mail(), adopted.mailNickname(), adopted.proxyAddresses(), adopted.members()));
        in.group(security(id(2), "Newcomer", true));
        Plan plan = Planner.plan(in.build());
        assertThat(plan.changes()).isEmpty(); // sAMAccountName is not managed after creation: no update for id(1)
        assertThat(plan.problems()).singleElement().satisfies(p -> {
            assertThat(p.cloudId()).isEqualTo(id(2));
            assertThat(p.code()).isEqualTo(Planner.PROBLEM_SAM_COLLISION);
            assertThat(p.message()).containsIgnoringCase(taken).contains(id(1));
        });
    }

    // ------------------------------------------------------------ deletes

    @Test
    void permanentlyDeletedCloudGroupIsDeleted() {
        Fixtures.Input in = new Fixtures.Input().group(security(id(1), "Gone", true)).group(security(id(2), "Stays", true));
        planAndApply(in);
        AdGroup gone = in.managed.get(in.anchors.get(id(1)).guid());
        in.groups.remove(id(1));
        Plan plan = Planner.plan(in.build());
        assertThat(plan.changes()).singleElement().isInstanceOfSatisfying(Change.Delete.class, d -> {
            assertThat(d.cloudId()).isEqualTo(id(1));
            assertThat(d.guid()).isEqualTo(gone.guid());
            assertThat(d.dn()).isEqualTo(gone.dn());
            assertThat(d.reason()).isEqualTo("deleted in Entra ID");
        });
    }

    @Test
    void softDeletedGroupIsKeptEvenWithDeleteWhenWritebackDisabled() {
        Fixtures.Input in = new Fixtures.Input().syncedUsers(1)
                .group(m365(id(1), "Restorable", true, null, CloudMember.user("u1")));
        planAndApply(in);
        in.config = Fixtures.config(true, false, 50_000, true);
        in.group(m365(id(1), "Restorable", false, null).withSoftDeleted(true));
        assertThat(Planner.plan(in.build()).changes()).isEmpty();
        // restored: managed again, nothing lost
        in.group(m365(id(1), "Restorable", true, null, CloudMember.user("u1")));
        assertThat(Planner.plan(in.build()).changes()).isEmpty();
    }

    @Test
    void switchingWritebackOffForAGroupKeepsItUnlessDeletionIsOptedIn() {
        Fixtures.Input in = new Fixtures.Input()
                .group(security(id(1), "Sec", true)).group(m365(id(2), "M365", null, null));
        planAndApply(in);
        in.group(security(id(1), "Sec renamed", false)); // switched off (and renamed: not followed)
        in.group(m365(id(2), "M365", false, null)); // switched off
        assertThat(Planner.plan(in.build()).changes()).isEmpty();

        in.config = Fixtures.config(true, false, 50_000, true);
        Plan plan = Planner.plan(in.build());
        assertThat(changes(plan, Change.Delete.class)).extracting(Change::cloudId, Change.Delete::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id(1), Planner.REASON_GROUP_WRITEBACK_OFF),
                        org.assertj.core.groups.Tuple.tuple(id(2), Planner.REASON_GROUP_WRITEBACK_OFF));
        assertThat(plan.changes()).hasSize(2);
    }

    @Test
    void groupThatBecameIneligibleForAnotherReasonIsKeptAndNoLongerUpdated() {
        Fixtures.Input in = new Fixtures.Input().group(security(id(1), "Sec", true)).group(security(id(2), "Sec2", true));
        planAndApply(in);
        in.config = Fixtures.config(true, false, 50_000, true);
        in.group(new CloudGroup(id(1), "Now synced", null, null, null, List.of(), true, false, true, List.of(),
                new WritebackConfiguration(true, null), Set.of(), false));
        in.group(new CloudGroup(id(2), "Now a DL", null, "dl", "dl@x.com", List.of(), true, true, null, List.of(),
                new WritebackConfiguration(true, null), Set.of(), false));
        assertThat(Planner.plan(in.build()).changes()).isEmpty();
    }

    @Test
    void disablingGroupWritebackDeletesEveryManagedGroupThatStillExistsAndNothingElse() {
        Fixtures.Input in = new Fixtures.Input().syncedUsers(1)
                .group(security(id(1), "A", true, CloudMember.user("u1"))).group(m365(id(2), "B", true, null))
                .group(security(id(3), "C", true));
        planAndApply(in);
        in.managed.remove(in.anchors.get(id(3)).guid()); // deleted by hand in AD: nothing to delete
        in.group(security(id(4), "New", true)); // would be created if writeback were on
        in.groups.remove(id(2));
        in.config = Fixtures.config(false, false, 50_000, false);
        Plan plan = Planner.plan(in.build());
        assertThat(plan.changes()).extracting(Change::kind).containsOnly(ChangeKind.DELETE);
        assertThat(changes(plan, Change.Delete.class)).extracting(Change::cloudId).containsExactly(id(1), id(2));
        assertThat(changes(plan, Change.Delete.class)).allSatisfy(
                d -> assertThat(d.reason()).isEqualTo("group writeback disabled"));
        assertThat(plan.problems()).isEmpty();
    }

    @Test
    void deletedMemberGroupIsRemovedFromItsParentBeforeItIsDeleted() {
        Fixtures.Input in = new Fixtures.Input()
                .group(security(id(1), "Parent", true, CloudMember.group(id(2)))).group(security(id(2), "Child", true));
        planAndApply(in);
        in.groups.remove(id(2));
        in.group(security(id(1), "Parent", true));
        Plan plan = planAndApply(in);
        assertThat(plan.changes()).extracting(Change::kind).containsExactly(ChangeKind.REMOVE_MEMBERS, ChangeKind.DELETE);
        assertThat(Planner.plan(in.build()).changes()).isEmpty();
    }

    // ------------------------------------------------------------ order, determinism, counts

    @Test
    void changesAreOrderedByKindThenCloudId() {
        Fixtures.Input in = new Fixtures.Input().syncedUsers(1, 2);
        in.config = Fixtures.config(true, true, 50_000, false);
        for (int i = 1; i <= 6; i++) {
            in.group(security(id(i), "G" + i, true, CloudMember.user("u1")));
        }
        planAndApply(in);
        in.groups.remove(id(6)); // delete
        in.groups.remove(id(5));
        in.group(security(id(4), "G4", true, CloudMember.user("u2"))); // remove u1 + add u2
        in.group(security(id(3), "G3 renamed", true, CloudMember.user("u1"))); // rename + update
        in.group(new CloudGroup(id(2), "G2", "now with a description", null, null, List.of(), true, false, null,
                List.of(), new WritebackConfiguration(true, null), Set.of(CloudMember.user("u1")), false));
        in.group(security(id(9), "New", true, CloudMember.user("u2"))); // create + add
        in.group(security(id(7), "New too", true)); // create
        Plan plan = planAndApply(in);
        assertThat(plan.changes()).extracting(c -> c.kind() + " " + c.cloudId()).containsExactly(
                "create " + id(7), "create " + id(9),
                "rename " + id(3),
                "update " + id(2), "update " + id(3),
                "removeMembers " + id(4),
                "addMembers " + id(4), "addMembers " + id(9),
                "delete " + id(5), "delete " + id(6));
        assertThat(Planner.plan(in.build()).changes()).isEmpty();
    }

    @Test
    void samePlanForTheSameInputWhateverTheMapOrder() {
        Fixtures.Input in = new Fixtures.Input().syncedUsers(1, 2, 3, 4, 5);
        for (int i = 40; i > 0; i--) {
            in.group(security(id(i), "G" + i, true, CloudMember.user("u" + (i % 5 + 1)), CloudMember.user("u1"),
                    CloudMember.group(id(i + 1))));
        }
        Plan a = Planner.plan(in.build());
        Plan b = Planner.plan(new PlanInput(in.config, new java.util.TreeMap<>(in.groups), new java.util.TreeMap<>(in.users),
                Map.of(), Map.of(), new java.util.LinkedHashMap<>(in.userDns), false));
        assertThat(b).isEqualTo(a);
    }

    @Test
    void skippedMembersAreCountedPerMembership() {
        Fixtures.Input in = new Fixtures.Input().syncedUsers(1);
        in.users.put("cloudOnly", new CloudUser("cloudOnly", null, null));
        in.users.put("outOfScope", new CloudUser("outOfScope", Fixtures.sid(4242).value(), true));
        CloudMember[] members = {CloudMember.user("u1"), CloudMember.user("cloudOnly"), CloudMember.user("outOfScope"),
            new CloudMember("device", CloudMember.Kind.OTHER), CloudMember.group("unknown")};
        in.group(security(id(1), "A", true, members)).group(m365(id(2), "B", true, null, members));
        Plan plan = Planner.plan(in.build());
        assertThat(plan.skipped()).isEqualTo(new SkippedMembers(2, 2, 2, 2));
        assertThat(plan.skipped().total()).isEqualTo(8);
    }

    @Test
    void mailNicknameIsManagedOnlyWithTheExchangeSchema() {
        Fixtures.Input in = new Fixtures.Input().group(m365(id(1), "Sales", true, null));
        Plan without = Planner.plan(in.build());
        assertThat(((Change.Create) without.changes().get(0)).group().mailNickname()).isNull();
        in.exchangeSchema = true;
        Plan with = Planner.plan(in.build());
        assertThat(((Change.Create) with.changes().get(0)).group().mailNickname()).isEqualTo("sales");
    }

    @Test
    void missingTargetOuIsAClearError() {
        Fixtures.Input in = new Fixtures.Input().group(security(id(1), "A", true));
        in.config = Fixtures.config(true, "not a dn", false, 50_000, false);
        assertThatThrownBy(() -> Planner.plan(in.build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("groupWriteback.targetOu");
    }

    @Test
    void noConfigurationIsRefusedRatherThanReadAsWritebackDisabled() {
        Fixtures.Input in = new Fixtures.Input().group(security(id(1), "A", true));
        planAndApply(in);
        in.config = null;
        assertThatThrownBy(() -> Planner.plan(in.build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no configuration");
    }

    @Test
    void plannerNeverTouchesGroupsItHasNoAnchorFor() {
        Fixtures.Input in = new Fixtures.Input().group(security(id(1), "A", true));
        planAndApply(in);
        // an anchor-less group in managed (should not happen) is ignored; only anchored objects change
        AdGroup stray = new AdGroup(Fixtures.guid(77), dn("CN=Stray," + Fixtures.TARGET_OU), null, "stray", 8, "Stray",
                null, null, null, null, List.of(), Set.of());
        in.managed.put(stray.guid(), stray);
        assertThat(Planner.plan(in.build()).changes()).isEmpty();
        in.config = Fixtures.config(false, false, 50_000, false);
        assertThat(Planner.plan(in.build()).changes()).extracting(Change::cloudId).containsExactly(id(1));
    }

    @Test
    void hugeMembershipIsDiffedExactly() {
        Fixtures.Input in = new Fixtures.Input();
        Set<CloudMember> members = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            in.syncedUsers(i);
            members.add(CloudMember.user("u" + i));
        }
        in.group(security(id(1), "Big", true).withMembers(members));
        Plan first = planAndApply(in);
        assertThat(changes(first, Change.AddMembers.class).get(0).members()).hasSize(20_000);
        members.remove(CloudMember.user("u5"));
        members.add(CloudMember.user("u20000"));
        in.syncedUsers(20_000);
        in.group(security(id(1), "Big", true).withMembers(members));
        Plan second = planAndApply(in);
        assertThat(changes(second, Change.RemoveMembers.class).get(0).members()).containsExactly(userDn(5));
        assertThat(changes(second, Change.AddMembers.class).get(0).members()).containsExactly(userDn(20_000));
    }
}
