package org.groupwriteback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.ResultCode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.plan.PlannedChange;
import org.groupwriteback.engine.state.Anchor;
import org.groupwriteback.engine.state.ChangeRow;
import org.groupwriteback.engine.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncCycleTest {
    static final String OU = "OU=Cloud Groups,DC=x,DC=test";
    static final Sid ALICE_SID = new Sid("S-1-5-21-1-2-3-1101");
    static final Sid BOB_SID = new Sid("S-1-5-21-1-2-3-1102");

    @TempDir
    Path dir;
    StateStore store;
    final FakeCloud cloud = new FakeCloud();
    final FakeDirectory ad = new FakeDirectory();
    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:15:00Z"), ZoneOffset.UTC);
    DN aliceDn;
    DN bobDn;

    static SyncConfiguration config(int threshold) {
        return new SyncConfiguration(
                new SyncConfiguration.Cloud("https://login.test/t", "https://graph.test/v1.0", "client",
                        new SyncConfiguration.Credential("secret.txt", null, null), null),
                new SyncConfiguration.Directory("ldaps://dc1.x.test", "CN=sync,DC=x,DC=test", "pw.txt", null, "DC=x,DC=test"),
                new SyncConfiguration.OuFilter(List.of("DC=x,DC=test"), List.of()),
                new SyncConfiguration.GroupWriteback(true, OU, false, 50_000, false),
                threshold, new SyncConfiguration.Scheduler(true, 30));
    }

    @BeforeEach
    void setUp() throws Exception {
        store = StateStore.open(dir);
        aliceDn = new DN("CN=Alice,OU=Users,DC=x,DC=test");
        bobDn = new DN("CN=Bob,OU=Users,DC=x,DC=test");
        ad.users.put(ALICE_SID, aliceDn);
        ad.users.put(BOB_SID, bobDn);
        cloud.user("alice", ALICE_SID.value()).user("bob", BOB_SID.value()).user("carol", null);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    RunRecord cycle(int threshold, Policy policy, boolean dryRun, int allowDeletes) {
        return new SyncCycle(config(threshold), store, cloud, ad, SimplePlanner::plan, clock)
                .run(policy, dryRun, allowDeletes);
    }

    RunRecord cycle() {
        return cycle(500, Policy.DELTA, false, 0);
    }

    static DN dn(String cloudId) throws Exception {
        return new DN("CN=Group_" + cloudId + "," + OU);
    }

    @Test
    void initialCycleCreatesGroupsBeforeAddingMembersAndASecondCycleWritesNothing() throws Exception {
        cloud.group(FakeCloud.security("a", "Sales", CloudMember.user("alice"), CloudMember.user("carol"),
                CloudMember.group("b")));
        cloud.group(FakeCloud.security("b", "Sales EU", CloudMember.user("bob")));

        RunRecord first = cycle();

        assertThat(first.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(first.counts()).isEqualTo(new RunCounts(2, 0, 0, 0, 3, 0, 0));
        // Members go into the create's add, except a group created by the same plan (added once it exists).
        assertThat(ad.writes).containsExactly(
                "create " + dn("a") + " with [" + aliceDn + "]", "create " + dn("b") + " with [" + bobDn + "]",
                "addMembers " + dn("a") + " [" + dn("b") + "]");
        assertThat(store.anchors()).containsOnlyKeys("a", "b");
        assertThat(store.anchor("a").get().guid()).isEqualTo(ad.entries.get(dn("a")).guid);
        assertThat(store.anchor("a").get().origin()).isEqualTo(Anchor.Origin.CREATED);
        assertThat(store.changes(first.id())).extracting(ChangeRow::status).containsOnly("APPLIED");

        ad.writes.clear();
        RunRecord second = cycle();
        assertThat(second.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(second.counts().total()).isZero();
        assertThat(ad.writes).isEmpty();
        assertThat(cloud.imports).containsExactly(true, false);
    }

    @Test
    void anExportErrorIsRecordedAndTheCycleGoesOnButAFailedCreateGetsNoMemberChanges() throws Exception {
        cloud.group(FakeCloud.security("a", "Sales", CloudMember.user("alice"), CloudMember.group("b")));
        cloud.group(FakeCloud.security("b", "Broken", CloudMember.user("bob")));
        cloud.group(FakeCloud.security("c", "Support", CloudMember.user("bob")));
        ad.failures.put("create " + dn("b"), ResultCode.INSUFFICIENT_ACCESS_RIGHTS);

        RunRecord run = cycle();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(run.exportErrors()).singleElement().satisfies(e -> {
            assertThat(e.cloudId()).isEqualTo("b");
            assertThat(e.displayName()).isEqualTo("Broken");
            assertThat(e.dn()).isEqualTo(dn("b").toString());
            assertThat(e.kind()).isEqualTo("create");
            assertThat(e.ldapResultCode()).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS.intValue());
        });
        assertThat(ad.writes).containsExactly("create " + dn("a") + " with [" + aliceDn + "]",
                "create " + dn("c") + " with [" + bobDn + "]");
        assertThat(store.anchors()).containsOnlyKeys("a", "c");
        assertThat(store.changes(run.id())).extracting(ChangeRow::status)
                .containsExactly("APPLIED", "FAILED", "APPLIED");
    }

    @Test
    void deletesAboveTheThresholdApplyNothingUntilApproved() throws Exception {
        for (String id : List.of("a", "b", "c")) {
            cloud.group(FakeCloud.security(id, "G " + id, CloudMember.user("alice")));
        }
        cycle(2, Policy.DELTA, false, 0);
        cloud.groups.clear();
        cloud.group(FakeCloud.security("d", "New", CloudMember.user("bob")));
        ad.writes.clear();

        RunRecord stopped = cycle(2, Policy.DELTA, false, 0);

        assertThat(stopped.status()).isEqualTo(RunStatus.DELETION_THRESHOLD_EXCEEDED);
        assertThat(stopped.pendingDeletes()).isEqualTo(3);
        assertThat(stopped.message()).contains("--allow-deletes 3").contains("--approve-deletes " + stopped.id())
                .contains("gwb sync --data ");
        assertThat(stopped.pendingDeleteList()).extracting(PendingDelete::cloudId).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(ad.writes).isEmpty();
        assertThat(store.anchors()).containsOnlyKeys("a", "b", "c");

        RunRecord approved = cycle(2, Policy.DELTA, false, 3);
        assertThat(approved.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(approved.counts().deletes()).isEqualTo(3);
        assertThat(approved.counts().creates()).isEqualTo(1);
        assertThat(store.anchors()).containsOnlyKeys("d");
        assertThat(ad.entries).containsOnlyKeys(dn("d"));
    }

    RunRecord run(SyncConfiguration config, SyncCycle.Request request) {
        return new SyncCycle(config, store, cloud, ad, SimplePlanner::plan, clock).run(request);
    }

    @Test
    void stagingModeExportsNothingForSeveralCyclesThenTheFirstRealCycleAppliesThePendingPlan() throws Exception {
        cloud.group(FakeCloud.security("a", "Sales", CloudMember.user("alice")));
        cloud.group(FakeCloud.security("b", "Support", CloudMember.user("bob")));
        SyncConfiguration staging = config(500).withStagingMode(true);
        SyncCycle.Request delta = new SyncCycle.Request(Policy.DELTA, false, 0, false);

        for (int i = 0; i < 3; i++) {
            RunRecord staged = run(staging, delta);
            assertThat(staged.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(staged.staging()).isTrue();
            assertThat(staged.dryRun()).isFalse();
            assertThat(staged.counts()).isEqualTo(new RunCounts(2, 0, 0, 0, 2, 0, 0));
            assertThat(staged.plan()).hasSize(4);
            assertThat(staged.message()).contains("Staging mode");
        }
        assertThat(ad.writes).isEmpty();
        assertThat(store.anchors()).isEmpty();

        RunRecord applied = run(config(500), delta);
        assertThat(applied.staging()).isFalse();
        assertThat(applied.counts()).isEqualTo(new RunCounts(2, 0, 0, 0, 2, 0, 0));
        // Each create carries its members in the add.
        assertThat(ad.writes).hasSize(2).allMatch(w -> w.startsWith("create ") && w.contains(" with "));
        assertThat(store.anchors()).containsOnlyKeys("a", "b");
    }

    @Test
    void approvalAppliesExactlyTheApprovedSetOnceAndRefusesAChangedSet() throws Exception {
        for (String id : List.of("a", "b", "c", "d")) {
            cloud.group(FakeCloud.security(id, "G " + id, CloudMember.user("alice")));
        }
        cycle();
        cloud.groups.remove("a");
        cloud.groups.remove("b");
        cloud.groups.remove("c");
        RunRecord stopped = cycle(2, Policy.DELTA, false, 0);
        assertThat(stopped.status()).isEqualTo(RunStatus.DELETION_THRESHOLD_EXCEEDED);
        assertThat(stopped.pendingDeleteList()).extracting(PendingDelete::cloudId, PendingDelete::dn)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", dn("a").toString()),
                        org.assertj.core.groups.Tuple.tuple("b", dn("b").toString()),
                        org.assertj.core.groups.Tuple.tuple("c", dn("c").toString()));

        // The set changed (d deleted too): the approval of run "stopped" is refused and nothing is applied.
        cloud.groups.remove("d");
        ad.writes.clear();
        RunRecord refused = new SyncCycle(config(2), store, cloud, ad, SimplePlanner::plan, clock)
                .run(new SyncCycle.Request(Policy.DELTA, false, 0, false, stopped.id()));
        assertThat(refused.status()).isEqualTo(RunStatus.DELETION_THRESHOLD_EXCEEDED);
        assertThat(refused.message()).contains("not the 3 approved in run " + stopped.id()).contains("1 new");
        assertThat(refused.pendingDeleteList()).hasSize(4);
        assertThat(ad.writes).isEmpty();

        // Back to the approved set: exactly those three are deleted.
        cloud.group(FakeCloud.security("d", "G d", CloudMember.user("alice")));
        RunRecord approved = new SyncCycle(config(2), store, cloud, ad, SimplePlanner::plan, clock)
                .run(new SyncCycle.Request(Policy.DELTA, false, 0, false, stopped.id()));
        assertThat(approved.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(approved.counts().deletes()).isEqualTo(3);
        assertThat(store.anchors()).containsOnlyKeys("d");

        // Used once: the same approval again no longer matches what is planned.
        RunRecord again = new SyncCycle(config(2), store, cloud, ad, SimplePlanner::plan, clock)
                .run(new SyncCycle.Request(Policy.DELTA, false, 0, false, stopped.id()));
        assertThat(again.status()).isEqualTo(RunStatus.DELETION_THRESHOLD_EXCEEDED);
        assertThat(again.message()).contains("no longer planned");
    }

    @Test
    void approvingARunThatDidNotStopAtTheThresholdIsRefused() {
        cloud.group(FakeCloud.security("a", "Sales", CloudMember.user("alice")));
        RunRecord ok = cycle();
        RunRecord refused = new SyncCycle(config(2), store, cloud, ad, SimplePlanner::plan, clock)
                .run(new SyncCycle.Request(Policy.DELTA, false, 0, false, ok.id()));
        assertThat(refused.status()).isEqualTo(RunStatus.DELETION_THRESHOLD_EXCEEDED);
        assertThat(refused.message()).contains("Run " + ok.id() + " did not stop at the deletion threshold");
    }

    @Test
    void aCrashBetweenCreateAndItsRecordIsHealedWithoutASecondGroup() throws Exception {
        cloud.group(FakeCloud.security("a", "Sales", CloudMember.user("alice"), CloudMember.user("bob")));
        ad.crashAfterNextCreate = true;
        assertThatThrownBy(this::cycle).isInstanceOf(FakeDirectory.SimulatedCrash.class);
        assertThat(store.anchors()).isEmpty();
        assertThat(ad.entries).containsOnlyKeys(dn("a"));
        ObjectGuid created = ad.entries.get(dn("a")).guid;
        store.close();
        store = StateStore.open(dir); // the engine restarts

        RunRecord healed = cycle();

        assertThat(healed.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(ad.entries).containsOnlyKeys(dn("a"));
        assertThat(store.anchor("a")).get().extracting(Anchor::guid).isEqualTo(created);
        assertThat(ad.entries.get(dn("a")).members).containsExactlyInAnyOrder(aliceDn, bobDn);
        assertThat(store.hasUnfinishedIntent("a", "create", Long.MAX_VALUE)).isFalse();
        assertThat(store.changes(healed.id())).extracting(ChangeRow::status).contains("HEALED");

        ad.writes.clear();
        assertThat(cycle().counts().total()).isZero();
        assertThat(ad.writes).isEmpty();
    }

    @Test
    void aCreateWhoseAnswerWasLostIsAnchoredByTheNextCycleNotReportedAsForeign() throws Exception {
        cloud.group(FakeCloud.security("a", "Sales", CloudMember.user("alice"), CloudMember.user("bob")));
        ad.loseAnswerOfNextCreate = true;

        RunRecord lost = cycle();

        assertThat(lost.status()).isEqualTo(RunStatus.FAILED);
        assertThat(lost.message()).startsWith("lost the connection to Active Directory while applying");
        assertThat(store.anchors()).isEmpty();
        assertThat(store.hasUnfinishedIntent("a", "create", Long.MAX_VALUE)).as("outcome unknown: intent open")
                .isTrue();
        ObjectGuid created = ad.entries.get(dn("a")).guid;

        RunRecord healed = cycle();

        assertThat(healed.status()).as(healed.toString()).isEqualTo(RunStatus.SUCCESS);
        assertThat(healed.exportErrors()).isEmpty();
        assertThat(ad.entries).containsOnlyKeys(dn("a"));
        assertThat(store.anchor("a")).get().extracting(Anchor::guid).isEqualTo(created);
        assertThat(ad.entries.get(dn("a")).members).containsExactlyInAnyOrder(aliceDn, bobDn);
        assertThat(cycle().counts().total()).isZero();
    }

    @Test
    void aForeignObjectAtTheTargetDnIsACollisionAndIsLeftAlone() throws Exception {
        FakeDirectory.Entry foreign = ad.put(dn("a"), "Hand-made", null);
        foreign.members.add(bobDn);
        cloud.group(FakeCloud.security("a", "Sales", CloudMember.user("alice")));

        RunRecord run = cycle();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(run.exportErrors()).singleElement().satisfies(e -> {
            assertThat(e.ldapResultCode()).isEqualTo(ResultCode.ENTRY_ALREADY_EXISTS.intValue());
            assertThat(e.message()).contains("not created by group-writeback").contains(dn("a").toString());
        });
        assertThat(ad.writes).isEmpty();
        assertThat(foreign.members).containsExactly(bobDn);
        assertThat(foreign.displayName).isEqualTo("Hand-made");
        assertThat(store.anchors()).isEmpty();
    }

    @Test
    void aConnectWrittenGroupIsNotTakenOverWithoutAdoption() throws Exception {
        ad.put(dn("a"), "Sales", "Group_a");
        cloud.group(FakeCloud.security("a", "Sales", CloudMember.user("alice")));

        RunRecord run = cycle();

        assertThat(run.exportErrors()).singleElement().extracting(ExportError::message).asString()
                .contains("gwb sync --adopt");
        assertThat(store.anchors()).isEmpty();
    }

    @Test
    void adoptionAnchorsConnectWrittenGroupsInPlace() throws Exception {
        FakeDirectory.Entry connect = ad.put(dn("a"), "Sales", "Group_a");
        cloud.group(FakeCloud.security("a", "Sales", CloudMember.user("alice")));

        RunRecord run = new SyncCycle(config(500), store, cloud, ad, SimplePlanner::plan, clock)
                .run(new SyncCycle.Request(Policy.DELTA, false, 0, true));

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(store.anchor("a")).get().satisfies(a -> {
            assertThat(a.guid()).isEqualTo(connect.guid);
            assertThat(a.origin()).isEqualTo(Anchor.Origin.ADOPTED);
        });
        assertThat(ad.writes).containsExactly("addMembers " + dn("a") + " [" + aliceDn + "]");
    }

    @Test
    void dryRunPlansButWritesNothingToAdOrAnchors() throws Exception {
        cloud.group(FakeCloud.security("a", "Sales", CloudMember.user("alice")));

        RunRecord dry = cycle(500, Policy.DELTA, true, 0);

        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(dry.plan()).extracting(PlannedChange::kind).containsExactly("create", "addMembers");
        assertThat(dry.counts().creates()).isEqualTo(1);
        assertThat(ad.writes).isEmpty();
        assertThat(ad.entries).isEmpty();
        assertThat(store.anchors()).isEmpty();
        assertThat(store.changes(dry.id())).isEmpty();
        // the imported snapshot is kept, so the real cycle continues from the delta link
        assertThat(store.loadSnapshot().groups()).containsOnlyKeys("a");
        RunRecord real = cycle();
        assertThat(real.counts().creates()).isEqualTo(1);
        assertThat(cloud.imports).containsExactly(true, false);
    }

    @Test
    void renameInAdIsRevertedWithModifyDnKeepingTheSameObject() throws Exception {
        cloud.group(FakeCloud.security("a", "Sales", CloudMember.user("alice")));
        cycle();
        FakeDirectory.Entry e = ad.entries.remove(dn("a"));
        DN elsewhere = new DN("CN=Renamed,OU=Other,DC=x,DC=test");
        e.dn = elsewhere;
        ad.entries.put(elsewhere, e);

        RunRecord run = cycle();

        assertThat(run.counts().moves()).isEqualTo(1);
        assertThat(ad.entries).containsOnlyKeys(dn("a"));
        assertThat(ad.entries.get(dn("a")).guid).isEqualTo(e.guid);
        assertThat(store.anchor("a").get().lastKnownDn()).isEqualTo(dn("a").toString());
    }

    @Test
    void anImportFailureFailsTheRunAndAppliesNothing() {
        cloud.group(FakeCloud.security("a", "Sales"));
        cloud.failure = new CloudException("sign-in refused: AADSTS7000215 invalid client secret; update the secret file");

        RunRecord run = cycle();

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.message()).contains("import from Entra ID failed").contains("AADSTS7000215");
        assertThat(ad.writes).isEmpty();
        assertThat(store.lastRuns(1)).singleElement().asString().contains("FAILED");
    }

    @Test
    void aConfigurationChangeForcesAFullImport() {
        cloud.group(FakeCloud.security("a", "Sales"));
        cycle();
        cycle();
        SyncConfiguration moved = new SyncConfiguration(config(500).cloud(), config(500).directory(),
                config(500).ouFilter(), new SyncConfiguration.GroupWriteback(true, "OU=New,DC=x,DC=test", false, 50_000,
                        false), 500, null);
        RunRecord run = new SyncCycle(moved, store, cloud, ad, SimplePlanner::plan, clock).run(Policy.DELTA, false, 0);
        assertThat(cloud.imports).containsExactly(true, false, true);
        assertThat(run.importReport().fullImportReason()).contains("configuration changed");
        assertThat(run.counts().moves()).isEqualTo(1);
    }

    @Test
    void theRunRecordSurvivesAJsonRoundTrip() {
        cloud.group(FakeCloud.security("a", "Sales", CloudMember.user("alice")));
        RunRecord run = cycle();
        RunRecord back = RunJson.read(store.lastRuns(1).get(0));
        assertThat(back).isEqualTo(run);
    }
}
