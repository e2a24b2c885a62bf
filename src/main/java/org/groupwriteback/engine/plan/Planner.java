package org.groupwriteback.engine.plan;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.GroupType;
import org.groupwriteback.engine.ad.NewGroup;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.config.SyncConfiguration.GroupWriteback;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.plan.Plan.Problem;
import org.groupwriteback.engine.rules.Eligibility;
import org.groupwriteback.engine.rules.Eligibility.Reason;
import org.groupwriteback.engine.rules.MemberResolution;
import org.groupwriteback.engine.rules.SkippedMembers;
import org.groupwriteback.engine.rules.TargetType;
import org.groupwriteback.engine.rules.OnPremisesResolver;
import org.groupwriteback.engine.rules.UserResolver;
import org.groupwriteback.engine.rules.GroupNaming;
import org.groupwriteback.engine.rules.WritebackRules;
import org.groupwriteback.engine.state.Anchor;

/**
 * Computes the {@link Plan} for one cycle: desired AD state (cloud groups through the writeback rules
 * and the configuration) against what AD holds for the managed groups. A pure function: no I/O, the same
 * input always gives the same plan (changes sorted by kind, then by cloud id), and a plan computed after
 * applying it is empty.
 */
public final class Planner {

    /** Problem code: more members than {@code groupWriteback.memberLimit}. */
    public static final String PROBLEM_MEMBER_LIMIT = "memberLimitExceeded";
    /** Problem code: an {@code onPremisesGroupType} the group's kind cannot have. */
    public static final String PROBLEM_INVALID_GROUP_TYPE = "invalidGroupType";
    /** Problem code: the group's DN is already taken by another managed group. */
    public static final String PROBLEM_DN_COLLISION = "dnCollision";
    /** Problem code: a member AD refuses in a universal group (a domain-local group). */
    public static final String PROBLEM_MEMBER_REFUSED = "localGroupInUniversal";
    /** Problem code: the derived sAMAccountName is already taken by another managed group. */
    public static final String PROBLEM_SAM_COLLISION = "samAccountNameCollision";

    /** Delete reason: the cloud group is permanently deleted. */
    public static final String REASON_DELETED_IN_CLOUD = "deleted in Entra ID";
    /** Delete reason: group writeback was switched off as a whole. */
    public static final String REASON_WRITEBACK_DISABLED = "group writeback disabled";
    /** Delete reason: the group's own writeback was switched off and deleteWhenWritebackDisabled is on. */
    public static final String REASON_GROUP_WRITEBACK_OFF = "writeback switched off for the group";

    private static final Comparator<Change> BY_CLOUD_ID = Comparator.comparing(Change::cloudId);

    private Planner() {
    }

    /**
     * The ordered plan for {@code input}: creates, then moves/renames, attribute updates, member
     * removals, member additions and finally deletes, each kind sorted by cloud id.
     *
     * @throws IllegalArgumentException when there is no configuration, or writeback is enabled but
     *     {@code groupWriteback.targetOu} is not a DN (the configuration was not validated)
     */
    public static Plan plan(PlanInput input) {
        return plan(input, input.touched());
    }

    /**
     * The plan for {@code input} with member lists compared only for the groups in {@code touched} (cloud ids
     * changed in the cloud or read again from AD this cycle) and their dependants: groups created, moved or
     * renamed by this plan, the groups holding them (in the cloud or in AD), and every group with a member that
     * is not a user (groups and devices synced from AD are resolved every cycle). Everything else (eligibility,
     * names and DN claims, creates, moves, attribute updates, deletes) is planned for every group as in
     * {@link #plan(PlanInput)}. When the input holds the converged AD state of the untouched groups the changes
     * are those of the full plan; {@link Plan#skipped()} counts the groups whose members were compared.
     * {@code touched} null plans in full.
     */
    public static Plan plan(PlanInput input, Set<String> touched) {
        SyncConfiguration config = input.config();
        if (config == null) {
            // Never read "no configuration" as "writeback disabled": that would delete every managed group.
            throw new IllegalArgumentException("no configuration to plan with; run gwb configure first");
        }
        GroupWriteback gw = config.groupWriteback();
        Map<String, Anchor> anchors = orEmpty(input.anchors());
        Map<ObjectGuid, AdGroup> managed = orEmpty(input.managed());
        if (!config.writebackEnabled()) {
            return disabledPlan(anchors, managed);
        }
        return new Run(input, gw, anchors, managed, touched).plan();
    }

    /** Writeback switched off as a whole: delete every managed group that still exists, nothing else. */
    private static Plan disabledPlan(Map<String, Anchor> anchors, Map<ObjectGuid, AdGroup> managed) {
        List<Change> deletes = new ArrayList<>();
        for (Anchor anchor : sortedAnchors(anchors)) {
            AdGroup ad = managed.get(anchor.guid());
            if (ad != null && anchor.origin() != Anchor.Origin.CONVERTED) {
                deletes.add(new Change.Delete(anchor.cloudId(), ad.guid(), ad.dn(), REASON_WRITEBACK_DISABLED));
            }
        }
        return new Plan(deletes, List.of(), SkippedMembers.NONE);
    }

    /** One planning pass; holds the working maps so the steps stay small. */
    private static final class Run {
        private final PlanInput input;
        private final Map<String, Anchor> anchors;
        private final Map<ObjectGuid, AdGroup> managed;
        private final Map<String, CloudGroup> cloudGroups;
        private final Map<String, CloudUser> cloudUsers;
        private final Map<Sid, DN> userDns;
        private final DN targetOu;
        private final boolean byDisplayName;
        private final int memberLimit;
        private final boolean deleteWhenOff;

        private final List<Problem> problems = new ArrayList<>();
        /** Groups exported this cycle, by cloud id, in cloud id order. */
        private final Map<String, Desired> exported = new LinkedHashMap<>();
        /** The DN every member-able group has once this plan is applied. */
        private final Map<String, DN> dnAfterPlan = new HashMap<>();

        private record Desired(CloudGroup cloud, NewGroup group, AdGroup current) {
        }

        /** The cloud ids whose members are compared (null: all). */
        private final Set<String> touched;

        Run(PlanInput input, GroupWriteback gw, Map<String, Anchor> anchors, Map<ObjectGuid, AdGroup> managed,
                Set<String> touched) {
            this.input = input;
            this.touched = touched;
            this.anchors = anchors;
            this.managed = managed;
            this.cloudGroups = orEmpty(input.cloudGroups());
            this.cloudUsers = orEmpty(input.cloudUsers());
            this.userDns = orEmpty(input.userDns());
            this.targetOu = parseTargetOu(gw.targetOu());
            this.byDisplayName = Boolean.TRUE.equals(gw.dnWithDisplayName());
            this.memberLimit = gw.memberLimit() == null ? SyncConfiguration.DEFAULT_MEMBER_LIMIT : gw.memberLimit();
            this.deleteWhenOff = Boolean.TRUE.equals(gw.deleteWhenWritebackDisabled());
        }

        Plan plan() {
            List<CloudGroup> sorted = new ArrayList<>(cloudGroups.values());
            sorted.sort(Comparator.comparing(CloudGroup::id));

            // 1. Which eligible groups can be exported at all (type and member limit).
            Map<String, GroupType> candidates = new LinkedHashMap<>();
            Set<String> blocked = new HashSet<>();
            for (CloudGroup g : sorted) {
                Eligibility eligibility = eligibility(g);
                if (!eligibility.eligible()) {
                    continue;
                }
                if (eligibility.reason() == Reason.CLOUD_MANAGED) {
                    inPlace(g);
                    continue;
                }
                TargetType type = WritebackRules.targetType(g);
                Optional<String> limit = WritebackRules.memberLimitProblem(g, memberLimit);
                if (type.problem() != null) {
                    problem(g, PROBLEM_INVALID_GROUP_TYPE, type.problem());
                    blocked.add(g.id());
                } else if (limit.isPresent()) {
                    problem(g, PROBLEM_MEMBER_LIMIT, limit.get());
                    blocked.add(g.id());
                } else {
                    candidates.put(g.id(), type.type());
                }
            }

            // 2. Claim DNs and sAMAccountNames. Every managed group occupies its current DN for the whole
            // cycle: deletes run last and moves run in id order, so a DN freed by this plan is only taken by
            // another group on the next cycle (never an "entry already exists" at apply time). Candidates
            // then claim their desired DN in id order.
            Map<DN, String> dnOwner = new HashMap<>();
            Map<String, String> samOwner = new HashMap<>();
            for (Anchor a : sortedAnchors(anchors)) {
                AdGroup ad = managed.get(a.guid());
                if (ad == null) {
                    continue;
                }
                dnOwner.putIfAbsent(ad.dn(), a.cloudId());
                if (ad.samAccountName() != null) {
                    samOwner.putIfAbsent(ad.samAccountName().toLowerCase(Locale.ROOT), a.cloudId());
                }
            }
            for (Map.Entry<String, GroupType> c : candidates.entrySet()) {
                CloudGroup g = cloudGroups.get(c.getKey());
                AdGroup current = current(g.id());
                DN dn = GroupNaming.dn(g, targetOu, byDisplayName);
                String dnHolder = dnOwner.get(dn);
                if (dnHolder != null && !dnHolder.equals(g.id())) {
                    problem(g, PROBLEM_DN_COLLISION, "group " + WritebackRules.describe(g) + " would be written back as "
                            + dn + ", which group " + describeId(dnHolder) + " has; it is not written back this cycle"
                            + " (if that group is being renamed, moved or deleted, the next cycle writes it back;"
                            + " otherwise rename one of them in Entra ID)");
                    blocked.add(g.id());
                    continue;
                }
                NewGroup group = WritebackRules.newGroup(g, c.getValue(), dn, input.exchangeSchema());
                if (current == null) {
                    String sam = group.samAccountName().toLowerCase(Locale.ROOT);
                    String samHolder = samOwner.get(sam);
                    if (samHolder != null && !samHolder.equals(g.id())) {
                        problem(g, PROBLEM_SAM_COLLISION, "group " + WritebackRules.describe(g)
                                + " would get sAMAccountName " + group.samAccountName() + ", which group "
                                + describeId(samHolder) + " already has; it is not written back");
                        blocked.add(g.id());
                        continue;
                    }
                    samOwner.put(sam, g.id());
                }
                dnOwner.put(dn, g.id());
                exported.put(g.id(), new Desired(g, group, current));
                dnAfterPlan.put(g.id(), dn);
            }
            // A group we cannot export this cycle but which already exists stays where it is and can still
            // be a member; one that would have been created cannot.
            for (String id : blocked) {
                AdGroup current = current(id);
                if (current != null) {
                    dnAfterPlan.put(id, current.dn());
                }
            }

            // 3. Changes for exported groups.
            List<Change> creates = new ArrayList<>();
            List<Change> moves = new ArrayList<>();
            List<Change> updates = new ArrayList<>();
            List<Change> removes = new ArrayList<>();
            List<Change> adds = new ArrayList<>();
            List<Change> deletes = new ArrayList<>();
            // AD rewrites member values itself when a member group is renamed or moved, so compare AD's
            // member list as it will read after this plan's moves.
            Map<DN, DN> movedTo = new HashMap<>();
            for (Desired d : exported.values()) {
                if (d.current() != null && !d.current().dn().equals(d.group().dn())) {
                    movedTo.put(d.current().dn(), d.group().dn());
                }
            }
            Set<String> memberScope = touched == null ? null : memberScope(movedTo);
            SkippedMembers skipped = SkippedMembers.NONE;
            UserResolver users = new UserResolver(cloudUsers, userDns);
            OnPremisesResolver onPremises = new OnPremisesResolver(cloudGroups, input.cloudDevices(),
                    input.principals());
            for (Desired d : exported.values()) {
                String id = d.cloud().id();
                DN dn = d.group().dn();
                if (memberScope != null && d.current() != null && !memberScope.contains(id)) {
                    moveAndUpdate(d, moves, updates);
                    continue;
                }
                MemberResolution members = WritebackRules.resolveMembers(d.cloud(), users, onPremises,
                        memberId -> Optional.ofNullable(dnAfterPlan.get(memberId)));
                skipped = skipped.plus(members.skipped());
                for (MemberResolution.RefusedMember r : members.refused()) {
                    problem(d.cloud(), PROBLEM_MEMBER_REFUSED, "group " + describeId(r.memberId()) + " (" + r.dn()
                            + ") is not written as a member of " + WritebackRules.describe(d.cloud()) + " (" + dn
                            + "): " + r.reason() + "; the other members are written (remove it from the group, or"
                            + " change its scope in AD to global or universal)");
                }
                AdGroup current = d.current();
                if (current == null) {
                    creates.add(new Change.Create(id, d.group()));
                    if (!members.members().isEmpty()) {
                        adds.add(new Change.AddMembers(id, dn, sortedDns(members.members())));
                    }
                    continue;
                }
                moveAndUpdate(d, moves, updates);
                Set<DN> actual = new HashSet<>();
                for (DN m : current.members()) {
                    actual.add(movedTo.getOrDefault(m, m));
                }
                List<DN> toRemove = new ArrayList<>();
                for (DN m : actual) {
                    if (!members.members().contains(m)) {
                        toRemove.add(m);
                    }
                }
                List<DN> toAdd = new ArrayList<>();
                for (DN m : members.members()) {
                    if (!actual.contains(m)) {
                        toAdd.add(m);
                    }
                }
                if (!toRemove.isEmpty()) {
                    removes.add(new Change.RemoveMembers(id, dn, sortedDns(toRemove)));
                }
                if (!toAdd.isEmpty()) {
                    adds.add(new Change.AddMembers(id, dn, sortedDns(toAdd)));
                }
            }

            // 4. Deletes: only anchored groups that still exist in AD.
            for (Anchor a : sortedAnchors(anchors)) {
                AdGroup ad = managed.get(a.guid());
                if (ad == null || exported.containsKey(a.cloudId()) || a.origin() == Anchor.Origin.CONVERTED) {
                    // A converted group is the admin's original AD group: released (by the cycle), never deleted.
                    continue;
                }
                CloudGroup g = cloudGroups.get(a.cloudId());
                if (g == null) {
                    deletes.add(new Change.Delete(a.cloudId(), ad.guid(), ad.dn(), REASON_DELETED_IN_CLOUD));
                } else if (eligibility(g).reason() == Reason.WRITEBACK_DISABLED && deleteWhenOff) {
                    deletes.add(new Change.Delete(a.cloudId(), ad.guid(), ad.dn(), REASON_GROUP_WRITEBACK_OFF));
                }
                // Otherwise kept as it is: soft-deleted (kept until the permanent delete, so a restore loses
                // nothing), writeback switched off without the delete opt-in, a problem this cycle (member
                // limit, type, name clash: never a reason to delete), or no longer eligible for another
                // reason (now synced from on-premises, now a mail-enabled DL): kept and no longer updated.
            }

            List<Change> changes = new ArrayList<>();
            for (List<Change> kind : List.of(creates, moves, updates, removes, adds, deletes)) {
                kind.sort(BY_CLOUD_ID);
                changes.addAll(kind);
            }
            problems.sort(Comparator.comparing(Problem::cloudId).thenComparing(Problem::code));
            return new Plan(changes, problems, skipped);
        }

        /** The rename/move and the attribute update of an existing group. */
        private void moveAndUpdate(Desired d, List<Change> moves, List<Change> updates) {
            String id = d.cloud().id();
            DN dn = d.group().dn();
            AdGroup current = d.current();
            Change.Move move = move(id, current, dn);
            if (move != null) {
                moves.add(move);
            }
            Map<String, List<String>> diff = WritebackRules.attributeDiff(d.group(), current, input.exchangeSchema());
            if (!diff.isEmpty()) {
                updates.add(new Change.Update(id, current.guid(), dn, diff,
                        WritebackRules.currentValues(current, diff.keySet())));
            }
        }

        /**
         * The groups whose members are compared in an incremental plan: the touched ones, every group with a
         * member that is not a user, and the holders (cloud members, or AD members by DN) of groups whose DN
         * after this plan is not the one AD has (created, moved, renamed).
         */
        private Set<String> memberScope(Map<DN, DN> movedTo) {
            Set<String> scope = new HashSet<>(touched);
            Set<String> relocated = new HashSet<>();
            for (Map.Entry<String, DN> e : dnAfterPlan.entrySet()) {
                AdGroup current = current(e.getKey());
                if (current == null || !current.dn().equals(e.getValue())) {
                    relocated.add(e.getKey());
                }
            }
            for (Desired d : exported.values()) {
                for (org.groupwriteback.engine.graph.CloudMember m : d.cloud().members()) {
                    if (m.kind() != org.groupwriteback.engine.graph.CloudMember.Kind.USER) {
                        scope.add(d.cloud().id());
                        break;
                    }
                }
                if (!movedTo.isEmpty() && d.current() != null
                        && d.current().members().stream().anyMatch(movedTo::containsKey)) {
                    scope.add(d.cloud().id());
                }
            }
            if (!relocated.isEmpty()) {
                for (Desired d : exported.values()) {
                    if (d.cloud().members().stream().anyMatch(m -> relocated.contains(m.id()))) {
                        scope.add(d.cloud().id());
                    }
                }
            }
            return scope;
        }

        /**
         * A group whose source of authority moved to the cloud: once adopted (anchored to its original AD group),
         * it keeps its DN, name, type and attributes, and only its members are managed from the cloud. Not
         * adopted yet (its AD group not found in scope): nothing, and never a new {@code Group_<id>}.
         */
        private void inPlace(CloudGroup g) {
            Anchor a = anchors.get(g.id());
            AdGroup current = a == null || a.origin() != Anchor.Origin.CONVERTED ? null : managed.get(a.guid());
            if (current == null) {
                return;
            }
            NewGroup asIs = new NewGroup(current.dn(), current.samAccountName() == null ? "" : current.samAccountName(),
                    current.groupType(), current.displayName(), current.description(), current.adminDescription(),
                    current.mail(), current.mailNickname(), current.proxyAddresses(), current.exchangeAttributes());
            exported.put(g.id(), new Desired(g, asIs, current));
            dnAfterPlan.put(g.id(), current.dn());
        }

        private Eligibility eligibility(CloudGroup g) {
            return WritebackRules.eligibility(g);
        }

        /** The managed AD group of {@code cloudId}, or null when there is no anchor or the object is gone. */
        private AdGroup current(String cloudId) {
            Anchor a = anchors.get(cloudId);
            return a == null ? null : managed.get(a.guid());
        }

        private Change.Move move(String id, AdGroup current, DN desired) {
            String currentCn = current.dn().getRDN() == null ? null : current.dn().getRDN().getAttributeValues()[0];
            String desiredCn = desired.getRDN().getAttributeValues()[0];
            // Exact comparison of the cn value, so a case-only rename in the cloud is carried over too.
            boolean rename = !desiredCn.equals(currentCn);
            boolean move = !desired.getParent().equals(current.dn().getParent());
            if (!rename && !move) {
                return null;
            }
            return new Change.Move(id, current.guid(), current.dn(), desired, rename, move);
        }

        private void problem(CloudGroup g, String code, String message) {
            problems.add(new Problem(g.id(), g.displayName(), code, message));
        }

        private String describeId(String cloudId) {
            CloudGroup g = cloudGroups.get(cloudId);
            return g == null ? "(" + cloudId + ")" : WritebackRules.describe(g);
        }
    }

    private static DN parseTargetOu(String targetOu) {
        if (targetOu == null || targetOu.isBlank()) {
            throw new IllegalArgumentException(
                    "groupWriteback.targetOu is not set; choose the target OU on the Group writeback page");
        }
        try {
            return new DN(targetOu);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("groupWriteback.targetOu '" + targetOu + "' is not a valid DN: "
                    + e.getExceptionMessage(), e);
        }
    }

    private static List<DN> sortedDns(java.util.Collection<DN> dns) {
        // By normalised string: deterministic, and far cheaper than DN.compareTo (which re-normalises).
        List<DN> out = new ArrayList<>(dns);
        out.sort(Comparator.comparing(DN::toNormalizedString));
        return out;
    }

    private static List<Anchor> sortedAnchors(Map<String, Anchor> anchors) {
        List<Anchor> out = new ArrayList<>(anchors.values());
        out.sort(Comparator.comparing(Anchor::cloudId));
        return out;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
