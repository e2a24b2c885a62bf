package org.groupwriteback.engine.run;

import com.unboundid.ldap.sdk.DN;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.crash.CrashPoint;
import org.groupwriteback.engine.plan.Change;
import org.groupwriteback.engine.plan.PlanPrinter;
import org.groupwriteback.engine.plan.PlannedChange;
import org.groupwriteback.engine.rules.GroupNaming;
import org.groupwriteback.engine.state.Anchor;
import org.groupwriteback.engine.state.AnchorUpdate;
import org.groupwriteback.engine.state.Collision;
import org.groupwriteback.engine.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apply step of a cycle: writes the plan's changes to AD in order, each journaled in the state store
 * (intent before the write, result and anchor change after it in one transaction). Per-object errors
 * become export errors and the apply goes on; later changes of a group whose create or move failed are
 * skipped; a lost connection stops the apply and leaves that change's intent open (its outcome is unknown).
 *
 * <p>Crash healing lives in {@link #healOrCollide}: a create whose DN is taken by a group carrying our
 * marker, left by an interrupted earlier create (an unfinished intent in the journal), is anchored instead
 * of created twice; anything else at the DN is a collision export error, never overwritten or adopted.
 *
 * <p>Not thread-safe: one instance per cycle.
 */
final class PlanApplier implements Change.Visitor<PlanApplier.Outcome, DirectoryException> {
    private static final Logger LOG = LoggerFactory.getLogger(PlanApplier.class);

    private final StateStore store;
    private final Directory directory;
    private final Clock clock;
    private final RunRecordBuilder record;
    private final Map<String, Anchor> anchors;
    private final Map<ObjectGuid, AdGroup> managed;
    /** Creates refused earlier because an unmanaged object holds the DN, by cloud id. */
    private final Map<String, Collision> collisions;
    /** Cloud groups whose create or move failed: their later changes would aim at the wrong DN. */
    private final Set<String> blocked = new HashSet<>();
    /** DNs of groups whose create failed: not usable as members of other groups. */
    private final Set<DN> missingGroupDns = new HashSet<>();
    /** Members a healed create already has, so re-adding them is skipped. */
    private final Map<String, Set<DN>> healedMembers = new HashMap<>();
    /** Members a create carries in its add, by cloud id (taken out of the group's AddMembers change). */
    private final Map<String, List<DN>> initialMembers = new HashMap<>();
    private int seq;
    private BooleanSupplier stopping = () -> false;

    /** Most member values a create carries in its add; the rest follow as value-add modifications. */
    static final int MEMBERS_IN_ADD = 5000;

    PlanApplier(StateStore store, Directory directory, Clock clock, RunRecordBuilder record, AdState ad) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
        this.record = record;
        this.anchors = ad.anchors();
        this.managed = ad.managed();
        this.collisions = ad.collisions();
    }

    /** What one write did to the anchors; {@code healed} when it found an interrupted create's group instead. */
    record Outcome(AnchorUpdate update, boolean healed) {
        static final Outcome NONE = new Outcome(AnchorUpdate.NONE, false);
    }

    /** Stops the apply between two changes once {@code stop} says so (the service is shutting down). */
    PlanApplier stoppingWhen(BooleanSupplier stop) {
        this.stopping = stop;
        return this;
    }

    /** Applies {@code changes} in order; returns early when the connection to AD is lost or the engine stops. */
    void apply(List<Change> changes) {
        for (Change c : withMembersInCreates(changes)) {
            if (stopping.getAsBoolean()) {
                record.interrupted("the engine was stopped after " + record.appliedCount()
                        + " change(s); the next cycle applies the rest");
                return;
            }
            if (blocked.contains(c.cloudId())) {
                LOG.info("skipped {} of {}: an earlier change of this group failed", c.kind(), c.cloudId());
                continue;
            }
            Optional<Change> effective = withoutNeedlessMembers(c);
            if (effective.isPresent() && !applyOne(effective.get())) {
                return;
            }
        }
    }

    /**
     * Moves the members of a new group into its create where they can go: every member except groups created
     * by this plan (their create comes first, in id order, so the parent's add cannot name them), up to
     * {@link #MEMBERS_IN_ADD}. What stays follows as the group's AddMembers change.
     */
    private List<Change> withMembersInCreates(List<Change> changes) {
        Set<DN> created = new HashSet<>();
        Set<String> creating = new HashSet<>();
        for (Change c : changes) {
            if (c instanceof Change.Create cr) {
                created.add(cr.dn());
                creating.add(cr.cloudId());
            }
        }
        List<Change> out = new java.util.ArrayList<>(changes.size());
        for (Change c : changes) {
            if (c instanceof Change.AddMembers a && creating.contains(a.cloudId())) {
                List<DN> inAdd = new java.util.ArrayList<>();
                List<DN> later = new java.util.ArrayList<>();
                for (DN m : a.members()) {
                    (inAdd.size() < MEMBERS_IN_ADD && !created.contains(m) ? inAdd : later).add(m);
                }
                initialMembers.put(a.cloudId(), inAdd);
                if (!later.isEmpty()) {
                    out.add(new Change.AddMembers(a.cloudId(), a.group(), later));
                }
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /** Writes and journals one change; false when the connection to AD is lost. */
    private boolean applyOne(Change c) {
        int n = ++seq;
        PlannedChange p = PlanPrinter.describe(c);
        store.recordIntent(record.runId(), n, c.kind().wire(), c.cloudId(), p.dn());
        CrashPoint.BEFORE_WRITE.reach(c.kind().wire());
        try {
            Outcome outcome = c.accept(this);
            CrashPoint.AFTER_WRITE.reach(c.kind().wire());
            String status = outcome.healed() ? "HEALED" : "APPLIED";
            store.recordResult(record.runId(), n, status, null, null, outcome.update());
            if (outcome.healed()) {
                record.healed();
            } else {
                record.applied(c);
            }
            List<DN> carried = c instanceof Change.Create && !outcome.healed() ? initialMembers.getOrDefault(c.cloudId(), List.of())
                    : List.of();
            if (!carried.isEmpty()) {
                record.applied(new Change.AddMembers(c.cloudId(), c.dn(), carried));
            }
            LOG.debug("{} {} {} {}{}", status.toLowerCase(), p.kind(), p.dn(), p.detail(),
                    carried.isEmpty() ? "" : " with " + carried.size() + " member(s) in the add");
            return true;
        } catch (DirectoryException e) {
            Integer code = e.resultCode() == null ? null : e.resultCode().intValue();
            // Connection lost: the DC may have done the write without the answer reaching us. The intent stays
            // unfinished, so the next cycle anchors a group this create did make instead of refusing it as foreign.
            String status = e.kind() == DirectoryException.Kind.UNAVAILABLE ? StateStore.INTENT : "FAILED";
            store.recordResult(record.runId(), n, status, code == null ? null : code.toString(), e.getMessage(),
                    AnchorUpdate.NONE);
            record.exportError(new ExportError(c.cloudId(), record.displayName(c.cloudId()), p.dn(), c.kind().wire(),
                    code, e.resultCode() == null ? null : e.resultCode().getName(), e.getMessage()));
            LOG.warn("export error on {} {} {}: {}", c.kind(), c.cloudId(), p.dn(), e.getMessage());
            switch (c.kind()) {
                case CREATE -> {
                    blocked.add(c.cloudId());
                    missingGroupDns.add(c.dn());
                }
                case MOVE, RENAME -> blocked.add(c.cloudId());
                case UPDATE, ADD_MEMBERS, REMOVE_MEMBERS, DELETE -> {
                    // the group's later changes still aim at the right DN
                }
            }
            if (e.kind() == DirectoryException.Kind.UNAVAILABLE) {
                record.fail("lost the connection to Active Directory while applying ("
                        + (e.resultCode() == null ? e.kind() : e.resultCode().getName()) + "): "
                        + e.getMessage() + "; " + record.appliedCount()
                        + " change(s) were applied, the next cycle continues");
                return false;
            }
            return true;
        }
    }

    /** Drops member values that can't or needn't be written; empty when nothing is left. */
    private Optional<Change> withoutNeedlessMembers(Change change) {
        return change.accept(new Change.Visitor<Optional<Change>, RuntimeException>() {
            @Override
            public Optional<Change> create(Change.Create c) {
                return Optional.of(c);
            }

            @Override
            public Optional<Change> update(Change.Update c) {
                return Optional.of(c);
            }

            @Override
            public Optional<Change> move(Change.Move c) {
                return Optional.of(c);
            }

            @Override
            public Optional<Change> addMembers(Change.AddMembers a) {
                Set<DN> already = healedMembers.getOrDefault(a.cloudId(), Set.of());
                List<DN> keep = a.members().stream()
                        .filter(m -> !missingGroupDns.contains(m) && !already.contains(m)).toList();
                return keep.isEmpty() ? Optional.empty() : Optional.of(keep.size() == a.members().size() ? a
                        : new Change.AddMembers(a.cloudId(), a.group(), keep));
            }

            @Override
            public Optional<Change> removeMembers(Change.RemoveMembers r) {
                return r.members().isEmpty() ? Optional.empty() : Optional.of(r);
            }

            @Override
            public Optional<Change> delete(Change.Delete c) {
                return Optional.of(c);
            }
        });
    }

    @Override
    public Outcome create(Change.Create c) throws DirectoryException {
        Collision known = collisions.get(c.cloudId());
        if (known != null) {
            Optional<ObjectGuid> holder = known.dn().equals(c.group().dn().toString())
                    ? directory.guidAt(c.group().dn()) : Optional.empty();
            if (holder.isPresent() && holder.get().equals(known.blocker())) {
                // The same object still holds the DN: report it again without sending an add that must fail.
                throw new DirectoryException(known.message(), DirectoryException.Kind.ALREADY_EXISTS,
                        com.unboundid.ldap.sdk.ResultCode.ENTRY_ALREADY_EXISTS, known.dn(), null);
            }
            collisions.remove(c.cloudId());
            store.removeCollisions(List.of(c.cloudId()));
        }
        try {
            ObjectGuid guid = directory.createGroup(c.group(), initialMembers.getOrDefault(c.cloudId(), List.of()));
            Anchor a = new Anchor(c.cloudId(), guid, Anchor.Origin.CREATED, c.group().dn().toString(), clock.instant());
            anchors.put(c.cloudId(), a);
            return new Outcome(new AnchorUpdate.Put(a), false);
        } catch (DirectoryException e) {
            if (e.kind() != DirectoryException.Kind.ALREADY_EXISTS) {
                throw e;
            }
            return healOrCollide(c, e);
        }
    }

    /**
     * The DN (or the group's sAMAccountName) is taken: ours from an interrupted earlier create (heal), a group
     * carrying our marker the state store has no anchor for (lost state store or Entra Connect: refused, never
     * created twice), or someone else's object (collision).
     */
    private Outcome healOrCollide(Change.Create cr, DirectoryException cause) throws DirectoryException {
        DN dn = cr.group().dn();
        Optional<AdGroup> existing = directory.readGroup(dn);
        String marker = GroupNaming.adminDescription(cr.cloudId());
        boolean ours = existing.isPresent() && GroupNaming.isMarkerOf(existing.get().adminDescription(), cr.cloudId())
                && store.hasUnfinishedIntent(cr.cloudId(), cr.kind().wire(), record.runId())
                && anchors.values().stream().noneMatch(a -> a.guid().equals(existing.get().guid()));
        if (!ours) {
            // Elsewhere in the target OU when the DN changed since (a rename while the anchor was lost): AD
            // refused the create for its sAMAccountName, which is derived from the cloud id.
            Optional<AdGroup> marked = existing.filter(g -> GroupNaming.isMarkerOf(g.adminDescription(), cr.cloudId()))
                    .or(() -> findMarked(dn.getParent(), cr.cloudId()));
            String message = marked.isPresent()
                    ? "a group carrying adminDescription " + marker + " already exists at " + marked.get().dn()
                            + " but the state store " + store.file() + " has no anchor for it (the state store was lost or "
                            + "replaced, or Entra Connect wrote the group back); it is left untouched and not created "
                            + "again. Take it over with gwb sync --adopt, or remove it"
                    : "an object not created by group-writeback already exists at " + dn
                            + "; it is left untouched. Rename or remove that object, or choose another target OU";
            DirectoryException collision = new DirectoryException(message, DirectoryException.Kind.ALREADY_EXISTS,
                    cause.resultCode(), dn.toString(), cause);
            Optional<ObjectGuid> blocker = existing.isPresent() ? Optional.of(existing.get().guid())
                    : directory.guidAt(dn);
            if (blocker.isPresent()) {
                Collision remembered = new Collision(cr.cloudId(), dn.toString(), blocker.get(),
                        collision.getMessage());
                store.putCollision(remembered);
                collisions.put(cr.cloudId(), remembered);
            }
            throw collision;
        }
        AdGroup g = existing.get();
        LOG.info("found {} created by an interrupted earlier cycle for {}; anchoring it instead of creating it again",
                dn, cr.cloudId());
        store.closeUnfinishedIntents(cr.cloudId(), "HEALED", record.runId());
        healedMembers.put(cr.cloudId(), g.members());
        // The members the create would have carried: add those the interrupted create's group lacks.
        List<DN> missing = initialMembers.getOrDefault(cr.cloudId(), List.of()).stream()
                .filter(m -> !g.members().contains(m)).toList();
        if (!missing.isEmpty()) {
            directory.addMembers(dn, missing);
        }
        managed.put(g.guid(), g);
        Anchor a = new Anchor(cr.cloudId(), g.guid(), Anchor.Origin.CREATED, dn.toString(), clock.instant());
        anchors.put(cr.cloudId(), a);
        return new Outcome(new AnchorUpdate.Put(a), true);
    }

    /** The group under {@code ou} carrying the marker of {@code cloudId}; empty when there is none or the search fails. */
    private Optional<AdGroup> findMarked(DN ou, String cloudId) {
        try {
            return directory.findWrittenBackGroups(ou).stream()
                    .filter(g -> GroupNaming.isMarkerOf(g.adminDescription(), cloudId)).findFirst();
        } catch (DirectoryException e) {
            LOG.warn("could not look for an earlier written-back group of {} under {}: {}", cloudId, ou, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Outcome update(Change.Update c) throws DirectoryException {
        directory.replaceAttributes(c.dn(), c.values());
        return Outcome.NONE;
    }

    @Override
    public Outcome move(Change.Move m) throws DirectoryException {
        DN now = directory.moveOrRename(m.from(), m.to().getRDN(), m.to().getParent());
        Anchor old = anchors.get(m.cloudId());
        Anchor moved = new Anchor(m.cloudId(), m.guid(), old == null ? Anchor.Origin.CREATED : old.origin(),
                now.toString(), old == null ? clock.instant() : old.since());
        anchors.put(m.cloudId(), moved);
        return new Outcome(new AnchorUpdate.Put(moved), false);
    }

    @Override
    public Outcome addMembers(Change.AddMembers c) throws DirectoryException {
        directory.addMembers(c.group(), c.members());
        return Outcome.NONE;
    }

    @Override
    public Outcome removeMembers(Change.RemoveMembers c) throws DirectoryException {
        directory.removeMembers(c.group(), c.members());
        return Outcome.NONE;
    }

    @Override
    public Outcome delete(Change.Delete d) throws DirectoryException {
        try {
            directory.deleteGroup(d.dn());
        } catch (DirectoryException e) {
            if (e.kind() != DirectoryException.Kind.NO_SUCH_OBJECT) {
                throw e;
            }
            LOG.info("{} was already gone from AD; dropping its anchor", d.dn());
        }
        anchors.remove(d.cloudId());
        return new Outcome(new AnchorUpdate.Remove(d.cloudId()), false);
    }
}
