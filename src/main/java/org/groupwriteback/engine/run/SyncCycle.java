package org.groupwriteback.engine.run;

import com.unboundid.ldap.sdk.DN;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.Optional;
import java.util.function.Function;
import org.groupwriteback.engine.ad.AdPrincipal;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudSnapshot;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.state.Anchor;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.CloudSource;
import org.groupwriteback.engine.plan.Change;
import org.groupwriteback.engine.plan.Plan;
import org.groupwriteback.engine.plan.PlanInput;
import org.groupwriteback.engine.state.StateException;
import org.groupwriteback.engine.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync cycle, as a story: import from the cloud ({@link CloudImport}), read the managed groups from AD
 * ({@link AdReader}), adopt Connect-written groups when asked ({@link Adoption}), plan, check the
 * {@link DeletionThreshold}, apply the plan change by change ({@link PlanApplier}, journaled in the state
 * store, crash healing included), and leave a {@link RunRecord} ({@link RunRecordBuilder}). Per-object LDAP
 * errors become export errors and the cycle goes on; a failed stage (sign-in, import, directory
 * unreachable) ends the run as FAILED with nothing more applied.
 *
 * <p>Dry run: the imported snapshot (and delta links, configuration hash) is persisted, because the import
 * has already consumed the delta and the plan is computed from the full snapshot anyway, so nothing is lost;
 * the run record is kept for the history; anchors, adoption and AD are untouched.
 *
 * <p>Staging mode ({@link SyncConfiguration#staging()}): like a dry run, but recorded as the cycle it replaces,
 * with the pending plan's changes and counts; the first cycle after staging mode is turned off applies it.
 *
 * <p>Not thread-safe: one instance per cycle, serialised by {@link CycleGate} and the engine lock.
 */
public final class SyncCycle {
    private static final Logger LOG = LoggerFactory.getLogger(SyncCycle.class);

    /**
     * What to run: the policy, whether to only plan, how many deletes above the threshold an admin allowed,
     * whether to adopt groups Entra Connect wrote back, and the run (stopped at the deletion threshold) whose
     * pending deletes an admin approved as a set (null: none).
     */
    public record Request(Policy policy, boolean dryRun, int allowDeletes, boolean adopt, Long approveDeletesOf) {

        /** A request that approves no particular set of deletes. */
        public Request(Policy policy, boolean dryRun, int allowDeletes, boolean adopt) {
            this(policy, dryRun, allowDeletes, adopt, null);
        }
    }

    private final SyncConfiguration config;
    private final StateStore store;
    private final CloudSource cloud;
    private final Directory directory;
    private final Function<PlanInput, Plan> planner;
    private final Clock clock;
    private BooleanSupplier stopping = () -> false;

    public SyncCycle(SyncConfiguration config, StateStore store, CloudSource cloud, Directory directory,
            Function<PlanInput, Plan> planner, Clock clock) {
        this.config = config;
        this.store = store;
        this.cloud = cloud;
        this.directory = directory;
        this.planner = planner;
        this.clock = clock;
    }

    /** Makes the apply stop between two changes once {@code stop} says so; returns this. */
    public SyncCycle stoppingWhen(BooleanSupplier stop) {
        this.stopping = stop;
        return this;
    }

    /** Runs one cycle (no adoption). */
    public RunRecord run(Policy policy, boolean dryRun, int allowDeletes) {
        return run(new Request(policy, dryRun, allowDeletes, false));
    }

    /** Runs one cycle and persists its record. */
    public RunRecord run(Request request) {
        Instant started = clock.instant();
        long runId = store.beginRun(request.policy().name(), request.dryRun(), started);
        RunRecordBuilder record = new RunRecordBuilder(runId, request, started);
        try {
            execute(request, record);
        } catch (CloudException e) {
            record.fail("import from Entra ID failed: " + e.getMessage());
        } catch (DirectoryException e) {
            record.fail("reading Active Directory failed: " + e.getMessage());
        } catch (StateException e) {
            record.fail("state store failure: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("run {} failed unexpectedly", runId, e);
            record.fail("unexpected failure: " + e);
        }
        return finish(record);
    }

    private void execute(Request request, RunRecordBuilder record) throws CloudException, DirectoryException {
        long t0 = System.nanoTime();
        CloudImport.Imported imported = new CloudImport(config, store, cloud).run(request.policy());
        record.imported(imported.report(), imported.snapshot().groups());

        long t1 = System.nanoTime();
        AdReader reader = new AdReader(config, store, directory, clock);
        boolean staging = config.staging() && !request.dryRun();
        if (staging) {
            record.staging();
        }
        boolean planOnly = request.dryRun() || staging;
        AdState ad = reader.read(imported.snapshot(), request.policy(), planOnly, record.runId());
        Set<String> anchoredBefore = new HashSet<>(ad.anchors().keySet());
        Adoption adoption = new Adoption(config, store, directory, clock);
        if (request.adopt()) {
            adoption.adopt(imported.snapshot(), ad, planOnly);
        }
        Map<Sid, DN> userDns = reader.userDns(imported.snapshot(), ad);
        Map<Sid, AdPrincipal> principals = reader.principals(imported.snapshot(), ad);
        adoption.adoptConverted(imported.snapshot(), ad, principals, planOnly);

        long t2 = System.nanoTime();
        Set<String> touched = planOnly || request.adopt() || request.policy() == Policy.INITIAL || reader.fullRead()
                ? null : touched(reader, ad, imported.snapshot(), anchoredBefore);
        Plan plan = planner.apply(new PlanInput(config, imported.snapshot().groups(), imported.snapshot().users(),
                Map.copyOf(ad.anchors()), Map.copyOf(ad.managed()),
                userDns, ad.info().exchangeSchema(), imported.snapshot().devices(), principals, touched));
        long t3 = System.nanoTime();
        LOG.info("run {}: import {} ms, read AD {} ms, plan {} ms ({} changes, {})", record.runId(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, plan.changes().size(),
                touched == null ? "full plan" : touched.size() + " touched group(s)");
        record.planned(plan);

        if (staging) {
            return;
        }
        List<PendingDelete> deletes = pendingDeletes(plan, record);
        int allowed = request.allowDeletes();
        if (request.approveDeletesOf() != null) {
            Optional<String> refused = DeleteApproval.check(store, request.approveDeletesOf(), deletes);
            if (refused.isPresent()) {
                record.thresholdExceeded(deletes, refused.get());
                return;
            }
            allowed = Math.max(allowed, deletes.size());
        }
        DeletionThreshold.Verdict threshold = DeletionThreshold
                .of(config.deletionThreshold(), SyncConfiguration.DEFAULT_DELETION_THRESHOLD)
                .check(deletes.size(), allowed);
        if (threshold.exceeded()) {
            record.thresholdExceeded(threshold, deletes, String.valueOf(store.dataDir()));
            return;
        }
        if (request.dryRun()) {
            return;
        }

        new PlanApplier(store, directory, clock, record, ad).stoppingWhen(stopping).apply(plan.changes());
        if (!plan.changes().isEmpty()) {
            reader.refreshAfterApply(ad);
        }
        if (record.cleanSoFar()) {
            // Every change applied without an error: the next cycle plans only what changes from here.
            PlanScope.applied(store);
        }
        LOG.info("run {}: apply {} ms", record.runId(), (System.nanoTime() - t3) / 1_000_000);
    }

    /**
     * The groups an incremental plan compares members for: those pending since the last clean cycle (cloud
     * changes included), the managed groups the AD read found changed or gone, groups adopted this cycle, and
     * the groups holding a user the AD read resolved again; null (plan in full) when nothing clean came before.
     */
    private Set<String> touched(AdReader reader, AdState ad, CloudSnapshot snapshot, Set<String> anchoredBefore) {
        Set<String> pending = PlanScope.pending(store);
        if (pending == null) {
            return null;
        }
        Set<String> out = new HashSet<>(pending);
        for (String id : ad.anchors().keySet()) {
            if (!anchoredBefore.contains(id)) {
                out.add(id); // adopted this cycle
            }
        }
        if (!reader.touchedGroups().isEmpty()) {
            for (Anchor a : ad.anchors().values()) {
                if (reader.touchedGroups().contains(a.guid())) {
                    out.add(a.cloudId());
                }
            }
        }
        if (!reader.touchedUsers().isEmpty()) {
            Set<String> userIds = new HashSet<>();
            for (CloudUser u : snapshot.users().values()) {
                String sid = u.onPremisesSecurityIdentifier();
                if (sid != null && Sid.isValid(sid) && reader.touchedUsers().contains(new Sid(sid))) {
                    userIds.add(u.id());
                }
            }
            for (CloudGroup g : snapshot.groups().values()) {
                for (CloudMember m : g.members()) {
                    if (userIds.contains(m.id())) {
                        out.add(g.id());
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The plan's deletes as they are listed for approval. */
    private static List<PendingDelete> pendingDeletes(Plan plan, RunRecordBuilder record) {
        List<PendingDelete> out = new ArrayList<>();
        for (Change c : plan.changes()) {
            if (c instanceof Change.Delete d) {
                out.add(new PendingDelete(d.cloudId(), record.displayName(d.cloudId()), d.dn().toString(), d.reason()));
            }
        }
        return out;
    }

    private RunRecord finish(RunRecordBuilder builder) {
        RunRecord r = builder.build(clock.instant());
        try {
            store.finishRun(r.id(), r.ended(), r.status().name(), RunJson.write(r));
        } catch (StateException e) {
            LOG.error("run {}: could not store the run record: {}", r.id(), e.getMessage());
        }
        RunCounts c = r.counts();
        LOG.info("run {} {} ({}{}): {} creates, {} updates, {} renames, {} moves, +{} -{} members, {} deletes, "
                + "{} export errors", r.id(), r.status(), r.policy(), r.dryRun() ? ", dry run" : r.staging() ? ", staging" : "", c.creates(),
                c.updates(), c.renames(), c.moves(), c.memberAdds(), c.memberRemoves(), c.deletes(),
                r.exportErrors().size());
        return r;
    }
}
