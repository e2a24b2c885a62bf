package org.groupwriteback.engine.plan;

import com.unboundid.ldap.sdk.DN;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.ExchangeRecipient;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.rules.WritebackRules;

/**
 * Applies a {@link Plan} to the AD state of a {@link Fixtures.Input} the way AD would: DNs are unique,
 * adding a member that is there or removing one that is not fails, modify DN rewrites member values that
 * point at the moved group, and a delete removes the group from every member list. Lets tests check that
 * a plan applies cleanly and that re-planning afterwards gives an empty plan.
 */
final class SimulatedAd {
    private int nextGuid = 1;

    void apply(Plan plan, Fixtures.Input in) {
        for (Change c : plan.changes()) {
            if (c instanceof Change.Create cr) {
                requireFree(in, cr.group().dn());
                ObjectGuid guid = new ObjectGuid(new UUID(0xC0FFEEL, nextGuid++));
                in.manage(cr.cloudId(), Fixtures.adGroupFrom(cr.group(), guid, Set.of()));
            } else if (c instanceof Change.Move mv) {
                AdGroup g = require(in, mv.guid());
                if (!g.dn().equals(mv.from())) {
                    throw new IllegalStateException("move from " + mv.from() + " but group is at " + g.dn());
                }
                if (!mv.to().equals(mv.from())) {
                    requireFree(in, mv.to());
                }
                put(in, with(g, mv.to(), g.members()));
                for (AdGroup other : List.copyOf(in.managed.values())) {
                    if (other.members().contains(mv.from())) {
                        Set<DN> ms = new HashSet<>(other.members());
                        ms.remove(mv.from());
                        ms.add(mv.to());
                        put(in, with(other, other.dn(), ms));
                    }
                }
            } else if (c instanceof Change.Update up) {
                AdGroup g = require(in, up.guid());
                if (!g.dn().equals(up.dn())) {
                    throw new IllegalStateException("update of " + up.dn() + " but group is at " + g.dn());
                }
                put(in, updated(g, up.values()));
            } else if (c instanceof Change.RemoveMembers rm) {
                AdGroup g = byDn(in, rm.group());
                Set<DN> ms = new HashSet<>(g.members());
                for (DN m : rm.members()) {
                    if (!ms.remove(m)) {
                        throw new IllegalStateException("noSuchAttribute: " + m + " not a member of " + g.dn());
                    }
                }
                put(in, with(g, g.dn(), ms));
            } else if (c instanceof Change.AddMembers am) {
                AdGroup g = byDn(in, am.group());
                Set<DN> ms = new HashSet<>(g.members());
                for (DN m : am.members()) {
                    if (!ms.add(m)) {
                        throw new IllegalStateException("attributeOrValueExists: " + m + " in " + g.dn());
                    }
                }
                put(in, with(g, g.dn(), ms));
            } else if (c instanceof Change.Delete del) {
                AdGroup g = require(in, del.guid());
                in.managed.remove(g.guid());
                in.anchors.remove(del.cloudId());
                for (AdGroup other : List.copyOf(in.managed.values())) {
                    if (other.members().contains(g.dn())) {
                        Set<DN> ms = new HashSet<>(other.members());
                        ms.remove(g.dn());
                        put(in, with(other, other.dn(), ms));
                    }
                }
            }
        }
    }

    private static void requireFree(Fixtures.Input in, DN dn) {
        for (AdGroup g : in.managed.values()) {
            if (g.dn().equals(dn)) {
                throw new IllegalStateException("entryAlreadyExists: " + dn);
            }
        }
    }

    private static AdGroup require(Fixtures.Input in, ObjectGuid guid) {
        AdGroup g = in.managed.get(guid);
        if (g == null) {
            throw new IllegalStateException("noSuchObject: " + guid);
        }
        return g;
    }

    private static AdGroup byDn(Fixtures.Input in, DN dn) {
        for (AdGroup g : in.managed.values()) {
            if (g.dn().equals(dn)) {
                return g;
            }
        }
        throw new IllegalStateException("noSuchObject: " + dn);
    }

    private static void put(Fixtures.Input in, AdGroup g) {
        in.managed.put(g.guid(), g);
    }

    static AdGroup with(AdGroup g, DN dn, Set<DN> members) {
        return new AdGroup(g.guid(), dn, g.sid(), g.samAccountName(), g.groupType(), g.displayName(),
                g.description(), g.adminDescription(), g.mail(), g.mailNickname(), g.proxyAddresses(), members,
                g.exchangeAttributes());
    }

    private static AdGroup updated(AdGroup g, Map<String, List<String>> values) {
        String displayName = g.displayName();
        String description = g.description();
        String adminDescription = g.adminDescription();
        int groupType = g.groupType();
        String mail = g.mail();
        String mailNickname = g.mailNickname();
        List<String> proxies = g.proxyAddresses();
        Map<String, String> exchange = new java.util.HashMap<>(g.exchangeAttributes());
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            List<String> v = e.getValue();
            String first = v.isEmpty() ? null : v.get(0);
            switch (e.getKey()) {
                case WritebackRules.ATTR_DISPLAY_NAME -> displayName = first;
                case WritebackRules.ATTR_DESCRIPTION -> description = first;
                case WritebackRules.ATTR_ADMIN_DESCRIPTION -> adminDescription = first;
                case WritebackRules.ATTR_GROUP_TYPE -> groupType = Integer.parseInt(first);
                case WritebackRules.ATTR_MAIL -> mail = first;
                case WritebackRules.ATTR_MAIL_NICKNAME -> mailNickname = first;
                case WritebackRules.ATTR_PROXY_ADDRESSES -> proxies = new ArrayList<>(v);
                case ExchangeRecipient.DISPLAY_TYPE, ExchangeRecipient.TYPE_DETAILS -> {
                    if (first == null) {
                        exchange.remove(e.getKey());
                    } else {
                        exchange.put(e.getKey(), first);
                    }
                }
                default -> throw new IllegalStateException("unmanaged attribute written: " + e.getKey());
            }
        }
        return new AdGroup(g.guid(), g.dn(), g.sid(), g.samAccountName(), groupType, displayName, description,
                adminDescription, mail, mailNickname, proxies, g.members(), exchange);
    }
}
