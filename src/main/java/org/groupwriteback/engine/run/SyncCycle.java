package org.groupwriteback.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.DirectoryInfo;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudSnapshot;
import org.groupwriteback.engine.graph.CloudSource;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.graph.ImportReport;
import org.groupwriteback.engine.plan.Change;
import org.groupwriteback.engine.plan.Plan;
import org.groupwriteback.engine.plan.PlanInput;
import org.groupwriteback.engine.rules.WritebackRules;
import org.groupwriteback.engine.state.Anchor;
import org.groupwriteback.engine.state.AnchorUpdate;
import org.groupwriteback.engine.state.StateException;
import org.groupwriteback.engine.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync cycle: import from the cloud, read the managed groups from AD, plan, check the deletion
 * threshold, apply the plan change by change (journaled in the state store), and leave a {@link RunRecord}.
 * Per-object LDAP errors become export errors and the cycle goes on; a failed stage (sign-in, import,
 * directory unreachable) ends the run as FAILED with nothing more applied.
 *
 * <p>Crash healing: a create whose LDAP write succeeded but whose anchor was never recorded leaves an
 * unfinished intent in the journal. When the next cycle's create for the same cloud group finds an entry
 * at the DN carrying our marker ({@code adminDescription = Group_<id>}) and such an intent exists, the
 * group is anchored as created by us instead of being created twice. Anything else at the DN is a
 * collision export error, never overwritten or adopted silently.
 *
 * <p>Dry run: the imported snapshot (and delta links, configuration hash) is persisted, because the import
 * has already consumed the delta and the plan is computed from the full snapshot anyway, so nothing is lost;
 * the run record is kept for the history; anchors, adoption and AD are untouched.
 *
 * <p>Not thread-safe: one instance per cycle, serialised by {@link CycleGate} and the engine lock.
 */
public final class SyncCycle {
    private static final Logger LOG = LoggerFactory.getLogger(SyncCycle.class);
    private static final ObjectMapper HASH_JSON = new ObjectMapper();

    /** What to run. {@code adopt} adopts Connect-written groups even when the stored setting is off. */
    public record Request(Policy policy, boolean dryRun, int allowDeletes, boolean adopt) {
    }

    private final SyncConfiguration config;
    private final StateStore store;
    private final CloudSource cloud;
    private final Directory directory;
    private final Function<PlanInput, Plan> planner;
    private final Clock clock;

    public SyncCycle(SyncConfiguration config, StateStore store, CloudSource cloud, Directory directory,
            Function<PlanInput, Plan> planner, Clock clock) {
        this.config = config;
        this.store = store;
        this.cloud = cloud;
        this.directory = directory;
        this.planner = planner;
        this.clock = clock;
    }

    /** Runs one cycle (no forced adoption). */
    public RunRecord run(Policy policy, boolean dryRun, int allowDeletes) {
        return run(new Request(policy, dryRun, allowDeletes, false));
    }

    /** Runs one cycle and persists its record. */
    public RunRecord run(Request request) {
        Instant started = clock.instant();
        long runId = store.beginRun(request.policy().name(), request.dryRun(), started);
        Builder b = new Builder(runId, request, started);
        try {
            execute(request, b);
        } catch (CloudException e) {
            b.fail("import from Entra ID failed: " + e.getMessage());
        } catch (DirectoryException e) {
            b.fail("reading Active Directory failed: " + e.getMessage());
        } catch (StateException e) {
            b.fail("state store failure: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("run {} failed unexpectedly", runId, e);
            b.fail("unexpected failure: " + e);
        }
        RunRecord record = b.build(clock.instant());
        try {
            store.finishRun(runId, record.ended(), record.status().name(), RunJson.write(record));
        } catch (StateException e) {
            LOG.error("run {}: could not store the run record: {}", runId, e.getMessage());
        }
        LOG.info("run {} {} ({}{}): {} creates, {} updates, {} renames, {} moves, +{} -{} members, {} deletes, {} export errors",
                runId, record.status(), record.policy(), record.dryRun() ? ", dry run" : "", record.counts().creates(),
                record.counts().updates(), record.counts().renames(), record.counts().moves(),
                record.counts().memberAdds(), record.counts().memberRemoves(), record.counts().deletes(),
                record.exportErrors().size());
        return record;
    }

    private void execute(Request request, Builder b) throws CloudException, DirectoryException {
        long t0 = System.nanoTime();
        // 1. import
        CloudSnapshot snapshot = store.loadSnapshot();
        String hash = configurationHash(config);
        String fullReason = fullImportReason(request.policy(), snapshot, hash);
        ImportReport report = cloud.importInto(snapshot, fullReason != null);
        // When we asked for a full import, our reason is the one the admin needs; when Graph forced one
        // (expired delta link), its reason stands.
        if (fullReason != null) {
            report = new ImportReport(report.fullImport(), fullReason, report.groupsChanged(),
                    report.groupsSoftDeleted(), report.groupsDeleted(), report.usersChanged(),
                    report.throttledResponses(), report.requests());
        }
        b.importReport = report;
        store.saveSnapshot(snapshot);
        store.putSetting(EngineSettings.CONFIG_HASH, hash);
        store.putSetting(EngineSettings.FULL_IMPORT_PENDING, null);
        b.cloudGroups = snapshot.groups();

        long t1 = System.nanoTime();
        // 2. read AD
        DirectoryInfo info = directory.test();
        Map<String, Anchor> anchors = new LinkedHashMap<>(store.anchors());
        Map<ObjectGuid, AdGroup> managed = new HashMap<>(directory.readGroups(
                anchors.values().stream().map(Anchor::guid).toList()));
        healFinishedDeletes(anchors, managed, snapshot, request.dryRun(), b.runId);

        // 3. adoption
        boolean adopt = request.adopt()
                || store.setting(EngineSettings.ADOPT_EXISTING).map(Boolean::parseBoolean).orElse(false);
        if (adopt) {
            adopt(snapshot, anchors, managed, request.dryRun());
        }

        Set<Sid> sids = new LinkedHashSet<>();
        for (CloudGroup g : snapshot.groups().values()) {
            if (!mayBeWrittenBack(g, snapshot.unifiedWritebackDefault()) && !anchors.containsKey(g.id())) {
                continue;
            }
            for (CloudMember m : g.members()) {
                CloudUser u = m.kind() == CloudMember.Kind.USER ? snapshot.users().get(m.id()) : null;
                if (u != null && u.isSynced() && Sid.isValid(u.onPremisesSecurityIdentifier())) {
                    sids.add(new Sid(u.onPremisesSecurityIdentifier()));
                }
            }
        }
        Map<Sid, DN> userDns = sids.isEmpty() ? Map.of() : directory.resolveUsers(sids, config.ouFilter());

        // 4. plan
        long t2 = System.nanoTime();
        Plan plan = planner.apply(new PlanInput(config, snapshot.groups(), snapshot.users(),
                snapshot.unifiedWritebackDefault(), Map.copyOf(anchors), Map.copyOf(managed), userDns,
                info.exchangeSchema()));
        long t3 = System.nanoTime();
        LOG.info("run {}: import {} ms, read AD {} ms, plan {} ms ({} changes)", b.runId, (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, plan.changes().size());
        b.skipped = plan.skipped();
        for (Plan.Problem p : plan.problems()) {
            b.errors.add(new ExportError(p.cloudId(), p.displayName(), null, "plan", null, p.code(), p.message()));
        }
        if (request.dryRun()) {
            plan.changes().forEach(c -> {
                b.plan.add(describe(c));
                b.countPlanned(c);
            });
        }

        // 5. deletion threshold
        int deletes = (int) plan.count(Change.Delete.class);
        int threshold = config.deletionThreshold() == null ? SyncConfiguration.DEFAULT_DELETION_THRESHOLD
                : config.deletionThreshold();
        int approved = Math.max(request.allowDeletes(),
                store.setting(EngineSettings.APPROVED_DELETES).map(Integer::parseInt).orElse(0));
        if (deletes > threshold && deletes > approved) {
            b.pendingDeletes = deletes;
            b.thresholdHit = true;
            b.message = deletes + " deletes planned, more than the deletion threshold of " + threshold
                    + "; nothing was applied. Review with gwb sync --dry-run, then approve with gwb sync --allow-deletes "
                    + deletes;
            if (!request.dryRun()) {
                b.counts = RunCounts.ZERO;
            }
            return;
        }
        if (request.dryRun()) {
            return;
        }

        // 6. apply
        new Applier(b, anchors, managed).apply(plan.changes());
        LOG.info("run {}: apply {} ms", b.runId, (System.nanoTime() - t3) / 1_000_000);
        if (deletes > threshold) {
            store.putSetting(EngineSettings.APPROVED_DELETES, null);
        }
    }

    /** Anchors whose AD group is gone and whose cloud group is gone too: a delete that finished. */
    private void healFinishedDeletes(Map<String, Anchor> anchors, Map<ObjectGuid, AdGroup> managed,
            CloudSnapshot snapshot, boolean dryRun, long runId) {
        for (Anchor a : List.copyOf(anchors.values())) {
            if (!managed.containsKey(a.guid()) && !snapshot.groups().containsKey(a.cloudId())) {
                anchors.remove(a.cloudId());
                if (!dryRun) {
                    LOG.info("anchor of deleted cloud group {} dropped: its AD group {} is gone too", a.cloudId(),
                            a.lastKnownDn());
                    store.removeAnchor(a.cloudId());
                    store.closeUnfinishedIntents(a.cloudId(), "HEALED", runId);
                }
            }
        }
    }

    private void adopt(CloudSnapshot snapshot, Map<String, Anchor> anchors, Map<ObjectGuid, AdGroup> managed,
            boolean dryRun) throws DirectoryException {
        String baseText = config.groupWriteback() != null && config.groupWriteback().targetOu() != null
                ? config.groupWriteback().targetOu() : config.directory().baseDn();
        DN base;
        try {
            base = new DN(baseText);
        } catch (LDAPException e) {
            throw new DirectoryException("the target OU '" + baseText + "' is not a valid DN; fix it with gwb configure",
                    ResultCode.INVALID_DN_SYNTAX, baseText, e);
        }
        Set<ObjectGuid> anchored = new HashSet<>();
        anchors.values().forEach(a -> anchored.add(a.guid()));
        for (AdGroup g : directory.findWrittenBackGroups(base)) {
            String marker = g.adminDescription();
            if (marker == null || !marker.startsWith(WritebackRules.GROUP_PREFIX) || anchored.contains(g.guid())) {
                continue;
            }
            String cloudId = marker.substring(WritebackRules.GROUP_PREFIX.length());
            CloudGroup cg = snapshot.groups().get(cloudId);
            if (cg == null || anchors.containsKey(cloudId) || !mayBeWrittenBack(cg, snapshot.unifiedWritebackDefault())) {
                continue;
            }
            Anchor a = new Anchor(cloudId, g.guid(), Anchor.Origin.ADOPTED, g.dn().toString(), clock.instant());
            anchors.put(cloudId, a);
            anchored.add(g.guid());
            managed.put(g.guid(), g);
            if (!dryRun) {
                store.putAnchor(a);
                LOG.info("adopted {} for cloud group {} ({})", g.dn(), cloudId, cg.displayName());
            }
        }
    }

    /**
     * Whether a cloud group is written back at all (the rules' eligibility), used here only to limit which
     * members' SIDs are resolved and which groups may be adopted; the planner makes the real decision.
     */
    static boolean mayBeWrittenBack(CloudGroup g, boolean unifiedDefault) {
        return WritebackRules.eligibility(g, unifiedDefault).eligible();
    }

    private String fullImportReason(Policy policy, CloudSnapshot snapshot, String hash) {
        if (policy == Policy.INITIAL) {
            return "initial policy requested";
        }
        if (snapshot.groupsDeltaLink() == null) {
            return "no delta link yet (first import)";
        }
        Optional<String> stored = store.setting(EngineSettings.CONFIG_HASH);
        if (stored.isPresent() && !stored.get().equals(hash)) {
            return "the configuration changed since the last import";
        }
        return store.setting(EngineSettings.FULL_IMPORT_PENDING).map(r -> "full import requested: " + r).orElse(null);
    }

    /**
     * Hash of the parts of the configuration that decide what is written where (cloud, directory, OU
     * filter, group writeback); the scheduler and the deletion threshold don't need a full import.
     */
    public static String configurationHash(SyncConfiguration c) {
        try {
            byte[] json = HASH_JSON.writeValueAsBytes(List.of(
                    Optional.ofNullable(c.cloud()).map(Object::toString).orElse(""),
                    Optional.ofNullable(c.directory()).map(Object::toString).orElse(""),
                    HASH_JSON.writeValueAsString(c.ouFilter()),
                    HASH_JSON.writeValueAsString(c.groupWriteback())));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the configuration", e);
        }
    }

    static PlannedChange describe(Change c) {
        if (c instanceof Change.Create cr) {
            return new PlannedChange(c.kind(), c.cloudId(), cr.group().dn().toString(),
                    "sAMAccountName=" + cr.group().samAccountName() + ", groupType=" + cr.group().groupType());
        } else if (c instanceof Change.Update u) {
            return new PlannedChange(c.kind(), c.cloudId(), u.dn().toString(),
                    "attributes " + String.join(", ", u.values().keySet()));
        } else if (c instanceof Change.Move m) {
            return new PlannedChange(c.kind(), c.cloudId(), m.from().toString(), "-> " + m.to());
        } else if (c instanceof Change.AddMembers a) {
            return new PlannedChange(c.kind(), c.cloudId(), a.group().toString(), "+" + a.members().size() + " member(s)");
        } else if (c instanceof Change.RemoveMembers r) {
            return new PlannedChange(c.kind(), c.cloudId(), r.group().toString(), "-" + r.members().size() + " member(s)");
        }
        Change.Delete d = (Change.Delete) c;
        return new PlannedChange(c.kind(), c.cloudId(), d.dn().toString(), d.reason());
    }

    /** Applies the plan's changes in order, each journaled; keeps going past per-object errors. */
    private final class Applier {
        private final Builder b;
        private final Map<String, Anchor> anchors;
        private final Map<ObjectGuid, AdGroup> managed;
        /** Cloud groups whose create or move failed: their later changes would aim at the wrong DN. */
        private final Set<String> blocked = new HashSet<>();
        /** DNs of groups whose create failed: not usable as members of other groups. */
        private final Set<DN> missingGroupDns = new HashSet<>();
        /** Members a healed create already has, so re-adding them is skipped. */
        private final Map<String, Set<DN>> healedMembers = new HashMap<>();
        private int seq;

        Applier(Builder b, Map<String, Anchor> anchors, Map<ObjectGuid, AdGroup> managed) {
            this.b = b;
            this.anchors = anchors;
            this.managed = managed;
        }

        void apply(List<Change> changes) {
            for (Change c : changes) {
                if (blocked.contains(c.cloudId())) {
                    LOG.info("skipped {} of {}: an earlier change of this group failed", c.kind(), c.cloudId());
                    continue;
                }
                Change effective = filterMembers(c);
                if (effective == null) {
                    continue;
                }
                int n = ++seq;
                PlannedChange p = describe(effective);
                store.recordIntent(b.runId, n, effective.kind(), effective.cloudId(), p.dn());
                try {
                    Outcome outcome = write(effective);
                    String status = outcome.healed() ? "HEALED" : "APPLIED";
                    store.recordResult(b.runId, n, status, null, null, outcome.update());
                    if (outcome.healed()) {
                        b.applied++; // written by the interrupted run, not this one: not counted as a create
                    } else {
                        b.countApplied(effective);
                    }
                    LOG.info("{} {} {} {}", status.toLowerCase(), p.kind(), p.dn(), p.detail());
                } catch (DirectoryException e) {
                    ResultCode rc = e.resultCode();
                    store.recordResult(b.runId, n, "FAILED", rc == null ? null : Integer.toString(rc.intValue()),
                            e.getMessage(), AnchorUpdate.NONE);
                    b.errors.add(new ExportError(c.cloudId(), b.displayName(c.cloudId()), p.dn(), c.kind(),
                            rc == null ? null : rc.intValue(), rc == null ? null : rc.getName(), e.getMessage()));
                    LOG.warn("export error on {} {} {}: {}", c.kind(), c.cloudId(), p.dn(), e.getMessage());
                    if (c instanceof Change.Create cr) {
                        blocked.add(c.cloudId());
                        missingGroupDns.add(cr.group().dn());
                    } else if (c instanceof Change.Move) {
                        blocked.add(c.cloudId());
                    }
                    if (rc != null && !ResultCode.isConnectionUsable(rc)) {
                        b.fail("lost the connection to Active Directory while applying (" + rc.getName() + "): "
                                + e.getMessage() + "; " + b.applied + " change(s) were applied, the next cycle continues");
                        return;
                    }
                }
            }
        }

        /** Drops member values that can't or needn't be written; null when nothing is left. */
        private Change filterMembers(Change c) {
            if (c instanceof Change.AddMembers a) {
                Set<DN> already = healedMembers.getOrDefault(a.cloudId(), Set.of());
                List<DN> keep = a.members().stream()
                        .filter(m -> !missingGroupDns.contains(m) && !already.contains(m)).toList();
                return keep.isEmpty() ? null : keep.size() == a.members().size() ? a
                        : new Change.AddMembers(a.cloudId(), a.group(), keep);
            }
            if (c instanceof Change.RemoveMembers r && r.members().isEmpty()) {
                return null;
            }
            return c;
        }

        private Outcome write(Change c) throws DirectoryException {
            if (c instanceof Change.Create cr) {
                return create(cr);
            } else if (c instanceof Change.Update u) {
                directory.replaceAttributes(u.dn(), u.values());
            } else if (c instanceof Change.Move m) {
                DN now = directory.moveOrRename(m.from(), m.to().getRDN(), m.to().getParent());
                Anchor old = anchors.get(m.cloudId());
                Anchor moved = new Anchor(m.cloudId(), m.guid(), old == null ? Anchor.Origin.CREATED : old.origin(),
                        now.toString(), old == null ? clock.instant() : old.since());
                anchors.put(m.cloudId(), moved);
                return new Outcome(new AnchorUpdate.Put(moved), false);
            } else if (c instanceof Change.AddMembers a) {
                directory.addMembers(a.group(), a.members());
            } else if (c instanceof Change.RemoveMembers r) {
                directory.removeMembers(r.group(), r.members());
            } else if (c instanceof Change.Delete d) {
                try {
                    directory.deleteGroup(d.dn());
                } catch (DirectoryException e) {
                    if (e.resultCode() != ResultCode.NO_SUCH_OBJECT) {
                        throw e;
                    }
                    LOG.info("{} was already gone from AD; dropping its anchor", d.dn());
                }
                anchors.remove(d.cloudId());
                return new Outcome(new AnchorUpdate.Remove(d.cloudId()), false);
            }
            return new Outcome(AnchorUpdate.NONE, false);
        }

        private Outcome create(Change.Create cr) throws DirectoryException {
            try {
                ObjectGuid guid = directory.createGroup(cr.group());
                Anchor a = new Anchor(cr.cloudId(), guid, Anchor.Origin.CREATED, cr.group().dn().toString(),
                        clock.instant());
                anchors.put(cr.cloudId(), a);
                return new Outcome(new AnchorUpdate.Put(a), false);
            } catch (DirectoryException e) {
                if (e.resultCode() != ResultCode.ENTRY_ALREADY_EXISTS) {
                    throw e;
                }
                return healOrCollide(cr, e);
            }
        }

        /** The DN is taken: ours from an interrupted earlier create (heal), or someone else's (collision). */
        private Outcome healOrCollide(Change.Create cr, DirectoryException cause) throws DirectoryException {
            DN dn = cr.group().dn();
            Optional<AdGroup> existing = directory.readGroup(dn);
            String marker = WritebackRules.adminDescription(cr.cloudId());
            boolean ours = existing.isPresent() && WritebackRules.isMarkerOf(existing.get().adminDescription(), cr.cloudId())
                    && store.hasUnfinishedIntent(cr.cloudId(), cr.kind(), b.runId)
                    && anchors.values().stream().noneMatch(a -> a.guid().equals(existing.get().guid()));
            if (!ours) {
                String hint = existing.isPresent() && WritebackRules.isMarkerOf(existing.get().adminDescription(), cr.cloudId())
                        ? "it carries adminDescription " + marker + " (written back earlier, e.g. by Entra Connect): "
                                + "adopt it with gwb sync --adopt, or remove it"
                        : "rename or remove that object, or choose another target OU";
                throw new DirectoryException("an object not created by group-writeback already exists at " + dn
                        + "; it is left untouched. " + hint, ResultCode.ENTRY_ALREADY_EXISTS, dn.toString(), cause);
            }
            AdGroup g = existing.get();
            LOG.info("found {} created by an interrupted earlier cycle for {}; anchoring it instead of creating it again",
                    dn, cr.cloudId());
            store.closeUnfinishedIntents(cr.cloudId(), "HEALED", b.runId);
            healedMembers.put(cr.cloudId(), g.members());
            managed.put(g.guid(), g);
            Anchor a = new Anchor(cr.cloudId(), g.guid(), Anchor.Origin.CREATED, dn.toString(), clock.instant());
            anchors.put(cr.cloudId(), a);
            return new Outcome(new AnchorUpdate.Put(a), true);
        }
    }

    /** What one write did to the anchors; {@code healed} when it found an interrupted create's group instead. */
    private record Outcome(AnchorUpdate update, boolean healed) {
    }

    /** Collects the pieces of a run record as the cycle goes. */
    private static final class Builder {
        final long runId;
        final Request request;
        final Instant started;
        ImportReport importReport;
        Map<String, CloudGroup> cloudGroups = Map.of();
        RunCounts counts = RunCounts.ZERO;
        Plan.SkippedMembers skipped = Plan.SkippedMembers.NONE;
        final List<ExportError> errors = new ArrayList<>();
        final List<PlannedChange> plan = new ArrayList<>();
        int pendingDeletes;
        boolean thresholdHit;
        String failure;
        String message;
        int applied;

        Builder(long runId, Request request, Instant started) {
            this.runId = runId;
            this.request = request;
            this.started = started;
        }

        void fail(String why) {
            failure = why;
            LOG.error("run {} failed: {}", runId, why);
        }

        String displayName(String cloudId) {
            CloudGroup g = cloudGroups.get(cloudId);
            return g == null ? null : g.displayName();
        }

        void countPlanned(Change c) {
            add(c);
        }

        void countApplied(Change c) {
            applied++;
            add(c);
        }

        private void add(Change c) {
            RunCounts k = counts;
            int creates = k.creates();
            int updates = k.updates();
            int renames = k.renames();
            int moves = k.moves();
            int adds = k.memberAdds();
            int removes = k.memberRemoves();
            int deletes = k.deletes();
            if (c instanceof Change.Create) {
                creates++;
            } else if (c instanceof Change.Update) {
                updates++;
            } else if (c instanceof Change.Move m) {
                if ("rename".equals(m.kind())) {
                    renames++;
                } else {
                    moves++;
                }
            } else if (c instanceof Change.AddMembers a) {
                adds += a.members().size();
            } else if (c instanceof Change.RemoveMembers r) {
                removes += r.members().size();
            } else if (c instanceof Change.Delete) {
                deletes++;
            }
            counts = new RunCounts(creates, updates, renames, moves, adds, removes, deletes);
        }

        RunRecord build(Instant ended) {
            RunStatus status;
            String msg = message;
            if (failure != null) {
                status = RunStatus.FAILED;
                msg = failure;
            } else if (thresholdHit) {
                status = RunStatus.DELETION_THRESHOLD_EXCEEDED;
            } else if (!errors.isEmpty()) {
                status = RunStatus.COMPLETED_WITH_ERRORS;
                msg = errors.size() + " object(s) could not be exported; see the export errors";
            } else {
                status = RunStatus.SUCCESS;
            }
            return new RunRecord(runId, request.policy(), request.dryRun(), started, ended,
                    ended.toEpochMilli() - started.toEpochMilli(), status, msg, importReport, counts, skipped, errors,
                    pendingDeletes, plan);
        }
    }
}
