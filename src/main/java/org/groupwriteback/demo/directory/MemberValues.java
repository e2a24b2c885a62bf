package org.groupwriteback.demo.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes of {@code member} the way AD answers them: values must name entries; adds/deletes of single values. */
final class MemberValues {

    private MemberValues() {
    }

    /** Refuses like AD (32) a member value that names no entry. */
    static void checkExist(InMemoryDirectoryServer server, DN baseDn, String[] members) throws LDAPException {
        for (String member : members) {
            if (!server.entryExists(member)) {
                throw new LDAPException(ResultCode.NO_SUCH_OBJECT,
                        "0000208D: NameErr: DSID-03100288, problem 2001 (NO_OBJECT), data 0, best match of: '"
                                + baseDn + "' (member " + member + ")");
            }
        }
    }

    /**
     * Applies value adds/deletes of {@code member} here and hands the server one replace: the in-memory
     * server compares each new value with every present one by parsing DNs (quadratic; minutes for
     * thousands of members), while a set of normalized DNs is linear. Answers like AD: a value already
     * present fails the add with 68, a value not present fails the delete with 53.
     */
    static List<Modification> rewrite(InMemoryDirectoryServer server, DN baseDn, DN dn, List<Modification> original)
            throws LDAPException {
        boolean touchesMember = original.stream()
                .anyMatch(m -> m.getAttribute().getBaseName().equalsIgnoreCase("member"));
        if (!touchesMember) {
            return new ArrayList<>(original);
        }
        Entry current = server.getEntry(dn.toString(), "member");
        if (current == null) {
            throw new LDAPException(ResultCode.NO_SUCH_OBJECT, "0000208D: NameErr: DSID-03100288, problem 2001 "
                    + "(NO_OBJECT), data 0, best match of: '" + baseDn + "' (" + dn + ")");
        }
        Map<String, String> members = new LinkedHashMap<>();
        String[] present = current.getAttributeValues("member");
        for (String v : present == null ? new String[0] : present) {
            members.put(new DN(v).toNormalizedString(), v);
        }
        List<Modification> out = new ArrayList<>();
        boolean changed = false;
        for (Modification m : original) {
            if (!m.getAttribute().getBaseName().equalsIgnoreCase("member")) {
                out.add(m);
                continue;
            }
            changed = true;
            ModificationType type = m.getModificationType();
            if (type == ModificationType.REPLACE) {
                members.clear();
            }
            if (type == ModificationType.DELETE && m.getValues().length == 0) {
                members.clear();
                continue;
            }
            for (String v : m.getValues()) {
                String key = new DN(v).toNormalizedString();
                if (type == ModificationType.DELETE) {
                    if (members.remove(key) == null) {
                        throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM,
                                "Attribute member doesn't exist for target " + dn + " (" + v + ")");
                    }
                } else if (members.putIfAbsent(key, v) != null && type == ModificationType.ADD) {
                    throw new LDAPException(ResultCode.ENTRY_ALREADY_EXISTS,
                            "Attribute member already exists for target " + dn + " (" + v + ")");
                }
            }
        }
        if (changed) {
            out.add(members.isEmpty() ? new Modification(ModificationType.REPLACE, "member")
                    : new Modification(ModificationType.REPLACE, "member", members.values().toArray(new String[0])));
        }
        return out;
    }
}
