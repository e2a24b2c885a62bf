package org.groupwriteback.engine.rules;

import com.unboundid.ldap.sdk.DN;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.AdPrincipal;
import org.groupwriteback.engine.ad.ExchangeRecipient;
import org.groupwriteback.engine.ad.GroupType;
import org.groupwriteback.engine.ad.NewGroup;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.rules.Eligibility.Reason;

/**
 * The writeback rules of {@code behaviour.md} as pure functions: which cloud groups are written back, as
 * which AD type, with which attributes and members (the names: {@link GroupNaming}). No I/O; safe to call
 * from any thread.
 */
public final class WritebackRules {

    /** AD attribute names writeback manages. Everything else on a group is left alone. */
    public static final String ATTR_DISPLAY_NAME = "displayName";
    public static final String ATTR_DESCRIPTION = "description";
    public static final String ATTR_ADMIN_DESCRIPTION = "adminDescription";
    public static final String ATTR_GROUP_TYPE = "groupType";
    public static final String ATTR_MAIL = "mail";
    public static final String ATTR_PROXY_ADDRESSES = "proxyAddresses";
    public static final String ATTR_MAIL_NICKNAME = "mailNickname";

    private WritebackRules() {
    }

    // ---------------------------------------------------------------- eligibility

    /**
     * Whether {@code group} is written back (behaviour.md, "Which cloud groups are written back").
     * Soft-deleted is checked first so a restorable group is never mistaken for one whose writeback was
     * switched off; then the kinds that are never written back; then the per-group switch.
     */
    public static Eligibility eligibility(CloudGroup group) {
        Objects.requireNonNull(group, "group");
        if (group.softDeleted()) {
            return Eligibility.of(Reason.SOFT_DELETED);
        }
        if (group.sourceOfAuthorityInCloud()) {
            return Eligibility.of(Reason.CLOUD_MANAGED);
        }
        if (Boolean.TRUE.equals(group.onPremisesSyncEnabled()) || group.hasOnPremisesSid()) {
            return Eligibility.of(Reason.SYNCED_FROM_ON_PREMISES);
        }
        Boolean enabled = group.writeback().isEnabled();
        if (group.isUnified()) {
            if (Boolean.TRUE.equals(enabled)) {
                return Eligibility.of(Reason.UNIFIED_ENABLED);
            }
            // Unset keeps Connect's default (written back); the tenant default only decides what new groups
            // get, and Entra stamps isEnabled false on those itself.
            if (enabled == null) {
                return Eligibility.of(Reason.UNIFIED_NOT_SET);
            }
            return Eligibility.of(Reason.WRITEBACK_DISABLED);
        }
        if (group.mailEnabled()) {
            return Eligibility.of(Reason.MAIL_ENABLED_NOT_UNIFIED);
        }
        if (!group.securityEnabled()) {
            return Eligibility.of(Reason.UNSUPPORTED_KIND);
        }
        // Security group: only an explicit true writes it back; unset means no.
        return Eligibility.of(Boolean.TRUE.equals(enabled) ? Reason.SECURITY_ENABLED : Reason.WRITEBACK_DISABLED);
    }

    // ---------------------------------------------------------------- type

    /**
     * The AD type for an eligible group: a Microsoft 365 group may be a universal distribution (default),
     * security or mail-enabled security group; a security group only a universal security group. Any
     * other {@code onPremisesGroupType} is a problem naming the group and the value.
     */
    public static TargetType targetType(CloudGroup group) {
        String requested = group.writeback().onPremisesGroupType();
        boolean unified = group.isUnified();
        if (requested == null || requested.isBlank()) {
            return TargetType.ok(unified ? GroupType.UNIVERSAL_DISTRIBUTION : GroupType.UNIVERSAL_SECURITY);
        }
        Optional<GroupType> type = GroupType.fromGraphName(requested.strip());
        if (unified && type.isPresent()) {
            return TargetType.ok(type.get());
        }
        if (!unified && type.filter(t -> t == GroupType.UNIVERSAL_SECURITY).isPresent()) {
            return TargetType.ok(GroupType.UNIVERSAL_SECURITY);
        }
        String allowed = unified
                ? "universalDistributionGroup, universalSecurityGroup, universalMailEnabledSecurityGroup"
                : "universalSecurityGroup";
        return TargetType.invalid("group " + describe(group) + " has onPremisesGroupType '" + requested
                + "', which a " + (unified ? "Microsoft 365" : "security") + " group cannot be written back as"
                + " (allowed: " + allowed + "); it is not written back: change its target writeback type"
                + " (gwb writeback set " + group.id() + " --type ...)");
    }

    /**
     * The {@code onPremisesGroupType}s a group of this kind may be written back as (behaviour.md): all three for a
     * Microsoft 365 group, only a universal security group for a security group; the default type first.
     */
    public static List<GroupType> allowedTypes(boolean unified) {
        return unified ? List.of(GroupType.UNIVERSAL_DISTRIBUTION, GroupType.UNIVERSAL_SECURITY,
                GroupType.UNIVERSAL_MAIL_ENABLED_SECURITY) : List.of(GroupType.UNIVERSAL_SECURITY);
    }

    // ---------------------------------------------------------------- attributes

    /**
     * The group to create for {@code group}: managed attributes from the cloud. Mail attributes
     * ({@code mail}, {@code proxyAddresses}) only for mail-enabled types; {@code mailNickname} only when
     * the forest has the Exchange schema as well, and then a Microsoft 365 group written back as a distribution
     * or mail-enabled security group also gets the Exchange recipient attributes ({@link ExchangeRecipient}) so
     * on-premises Exchange routes its mail to the cloud group.
     */
    public static NewGroup newGroup(CloudGroup group, GroupType type, DN dn, boolean exchangeSchema) {
        boolean mail = type.mailEnabled();
        return new NewGroup(dn, GroupNaming.samAccountName(group.id()), type.adValue(), blankToNull(GroupNaming.wellFormed(group.displayName())),
                blankToNull(GroupNaming.wellFormed(group.description())), GroupNaming.adminDescription(group.id()),
                mail ? blankToNull(GroupNaming.wellFormed(group.mail())) : null,
                mail && exchangeSchema ? blankToNull(GroupNaming.wellFormed(group.mailNickname())) : null,
                mail ? nonBlank(group.proxyAddresses()) : List.of(),
                exchangeSchema && group.isUnified() ? ExchangeRecipient.forUnifiedGroup(type) : Map.of());
    }

    /**
     * The managed attributes whose AD values differ from {@code desired}, mapped to the desired values
     * (empty list = remove), in a stable order. Values compare case-sensitively; {@code proxyAddresses}
     * as a set (AD returns it in any order); {@code mailNickname} only with the Exchange schema (without
     * it the attribute does not exist). {@code sAMAccountName} is not managed after creation: it is
     * stable, and adopted groups keep Connect's.
     */
    public static Map<String, List<String>> attributeDiff(NewGroup desired, AdGroup actual, boolean exchangeSchema) {
        Map<String, List<String>> diff = new LinkedHashMap<>();
        single(diff, ATTR_DISPLAY_NAME, desired.displayName(), actual.displayName());
        single(diff, ATTR_DESCRIPTION, desired.description(), actual.description());
        single(diff, ATTR_ADMIN_DESCRIPTION, desired.adminDescription(), actual.adminDescription());
        if (desired.groupType() != actual.groupType()) {
            diff.put(ATTR_GROUP_TYPE, List.of(Integer.toString(desired.groupType())));
        }
        single(diff, ATTR_MAIL, desired.mail(), actual.mail());
        if (!new HashSet<>(desired.proxyAddresses()).equals(new HashSet<>(actual.proxyAddresses()))) {
            diff.put(ATTR_PROXY_ADDRESSES, List.copyOf(new LinkedHashSet<>(desired.proxyAddresses())));
        }
        if (exchangeSchema) {
            single(diff, ATTR_MAIL_NICKNAME, desired.mailNickname(), actual.mailNickname());
            for (String a : ExchangeRecipient.ATTRIBUTES) {
                single(diff, a, desired.exchangeAttributes().get(a), actual.exchangeAttributes().get(a));
            }
        }
        return diff;
    }

    /** What AD holds for the managed attributes named in {@code attributes} (for the report of an update). */
    public static Map<String, List<String>> currentValues(AdGroup actual, Iterable<String> attributes) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String a : attributes) {
            out.put(a, switch (a) {
                case ATTR_DISPLAY_NAME -> listOf(actual.displayName());
                case ATTR_DESCRIPTION -> listOf(actual.description());
                case ATTR_ADMIN_DESCRIPTION -> listOf(actual.adminDescription());
                case ATTR_GROUP_TYPE -> List.of(Integer.toString(actual.groupType()));
                case ATTR_MAIL -> listOf(actual.mail());
                case ATTR_PROXY_ADDRESSES -> actual.proxyAddresses();
                case ATTR_MAIL_NICKNAME -> listOf(actual.mailNickname());
                case ExchangeRecipient.DISPLAY_TYPE, ExchangeRecipient.TYPE_DETAILS ->
                        listOf(actual.exchangeAttributes().get(a));
                default -> throw new IllegalArgumentException("not a managed attribute: " + a);
            });
        }
        return out;
    }

    private static void single(Map<String, List<String>> diff, String attr, String desired, String actual) {
        String d = blankToNull(desired);
        String a = blankToNull(actual);
        if (!Objects.equals(d, a)) {
            diff.put(attr, listOf(d));
        }
    }

    // ---------------------------------------------------------------- members

    /**
     * Whether {@code group} has more members than {@code memberLimit}; if so the problem text naming the
     * group and its size. Such a group is not exported (but an existing AD group is not deleted for it).
     */
    public static Optional<String> memberLimitProblem(CloudGroup group, int memberLimit) {
        int n = group.members().size();
        if (n <= memberLimit) {
            return Optional.empty();
        }
        return Optional.of("group " + describe(group) + " has " + n + " members, more than the member limit "
                + memberLimit + "; it is not written back (raise groupWriteback.memberLimit up to 250000)");
    }

    /** AD's rule for members of universal groups, as Windows words it. */
    public static final String LOCAL_IN_UNIVERSAL = "A universal group cannot have a local group as a member";

    /**
     * The AD member DNs for {@code group}. Users: the AD user whose objectSid equals the cloud user's
     * {@code onPremisesSecurityIdentifier}, looked up in {@code userDns} (which holds only users inside
     * the OU filter's scope); cloud-only users, and synced users not found or out of scope, are skipped
     * and counted. Groups: the DN {@code groupDn} gives for a member group that is written back, else
     * skipped and counted. Other kinds are skipped and counted.
     */
    public static MemberResolution resolveMembers(CloudGroup group, Map<String, CloudUser> cloudUsers,
            Map<Sid, DN> userDns, Function<String, Optional<DN>> groupDn) {
        return resolveMembers(group, new UserResolver(cloudUsers, userDns), OnPremisesResolver.NONE, groupDn);
    }

    /** As {@link #resolveMembers(CloudGroup, UserResolver, OnPremisesResolver, Function)}, users and written-back groups only. */
    public static MemberResolution resolveMembers(CloudGroup group, UserResolver users,
            Function<String, Optional<DN>> groupDn) {
        return resolveMembers(group, users, OnPremisesResolver.NONE, groupDn);
    }

    /**
     * The AD member DNs for {@code group} (behaviour.md, "Members"). Users by SID as above. Groups: the DN
     * {@code groupDn} gives for a member group that is written back; else, for a group synced from AD, the AD
     * group with its SID inside the OU filter (as Connect does), except a domain-local group, which AD refuses
     * in a universal group (every group we write is universal): that one is {@link MemberResolution#refused()}
     * with AD's rule text, and the other members are still written (the engine applies the rule itself, since
     * Samba does not). Global and universal groups are accepted. Devices: the AD computer with the device's
     * SID; cloud-only devices are counted apart. A group is never its own member.
     */
    public static MemberResolution resolveMembers(CloudGroup group, UserResolver users, OnPremisesResolver onPremises,
            Function<String, Optional<DN>> groupDn) {
        Set<DN> members = new HashSet<>();
        List<MemberResolution.RefusedMember> refused = new ArrayList<>();
        int cloudOnly = 0;
        int notFound = 0;
        int groups = 0;
        int other = 0;
        int cloudOnlyDevices = 0;
        for (CloudMember m : group.members()) {
            switch (m.kind()) {
                case USER -> {
                    DN dn = users.dn(m.id());
                    if (dn != null) {
                        members.add(dn);
                    } else if (users.outcome(m.id()) == UserResolver.Outcome.CLOUD_ONLY) {
                        cloudOnly++;
                    } else {
                        notFound++;
                    }
                }
                case GROUP -> {
                    if (m.id().equals(group.id())) {
                        groups++;
                        continue;
                    }
                    Optional<DN> dn = groupDn.apply(m.id());
                    AdPrincipal onPrem = dn.isPresent() ? null : onPremises.group(m.id());
                    if (dn.isPresent()) {
                        members.add(dn.get());
                    } else if (onPrem != null && onPrem.isDomainLocalGroup()) {
                        refused.add(new MemberResolution.RefusedMember(m.id(), onPrem.dn(), LOCAL_IN_UNIVERSAL));
                    } else if (onPrem != null) {
                        members.add(onPrem.dn());
                    } else {
                        groups++;
                    }
                }
                case DEVICE -> {
                    AdPrincipal computer = onPremises.device(m.id());
                    if (computer != null) {
                        members.add(computer.dn());
                    } else if (onPremises.cloudOnlyDevice(m.id())) {
                        cloudOnlyDevices++;
                    } else {
                        notFound++;
                    }
                }
                default -> other++;
            }
        }
        return new MemberResolution(members, new SkippedMembers(cloudOnly, notFound, groups, other, cloudOnlyDevices),
                refused);
    }

    // ---------------------------------------------------------------- helpers

    /** {@code "<displayName> (<id>)"}, for messages. */
    public static String describe(CloudGroup group) {
        return (group.displayName() == null ? "" : group.displayName()) + " (" + group.id() + ")";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static List<String> listOf(String s) {
        return s == null ? List.of() : List.of(s);
    }

    /**
     * Non-blank values without duplicates. AD compares {@code proxyAddresses} values case-insensitively
     * and refuses a duplicate, so {@code smtp:a@x} after {@code SMTP:a@x} is dropped (the first, usually
     * the primary address, wins).
     */
    private static List<String> nonBlank(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        Set<String> seen = new HashSet<>();
        for (String value : values) {
            String v = GroupNaming.wellFormed(value);
            if (v != null && !v.isBlank() && seen.add(v.toLowerCase(Locale.ROOT))) {
                out.add(v);
            }
        }
        return out;
    }
}
