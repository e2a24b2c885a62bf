package org.groupwriteback.demo.directory;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ReadOnlySearchRequest;
import com.unboundid.ldap.sdk.SearchRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * AD's computed rights attributes for the bound account: {@code allowedChildClassesEffective} on OUs, containers
 * and the domain, {@code allowedAttributesEffective} on groups; present where the account may write, absent where
 * the demo denies it writes, so permission checks see what they would see on AD.
 */
final class EffectiveRights {

    private static final String PROPERTY = "gwb.effectiveRights";
    private static final String DROP_CLASS = PROPERTY + ".dropClass";
    /** What AD lists in allowedChildClassesEffective for an account that may create these classes. */
    private static final String[] CHILD_CLASSES = {"group", "user", "contact", "organizationalUnit"};
    /** What AD lists in allowedAttributesEffective on a group the account may write. */
    private static final String[] GROUP_ATTRIBUTES = {"cn", "name", "member", "description", "displayName",
        "adminDescription", "groupType", "sAMAccountName", "mail", "mailNickname", "proxyAddresses", "info",
        "managedBy"};

    /** Whether the account of a connection may create or change {@code target}. */
    interface WriteCheck {
        boolean mayWrite(long connectionId, DN target);
    }

    private EffectiveRights() {
    }

    /**
     * Notes a request for the rights attributes (they depend on the entry's class, fetched too and dropped
     * again in {@link #onEntry}); returns the request the server now runs.
     */
    static ReadOnlySearchRequest onRequest(InMemoryInterceptedSearchRequest request, ReadOnlySearchRequest original,
            String[] requested) {
        boolean rights = Arrays.stream(requested).anyMatch(a -> a.equalsIgnoreCase("allowedChildClassesEffective")
                || a.equalsIgnoreCase("allowedAttributesEffective"));
        if (!rights) {
            return original;
        }
        request.setProperty(PROPERTY, requested);
        if (Arrays.stream(requested).anyMatch(a -> a.equalsIgnoreCase("objectClass") || a.equals("*"))) {
            return original;
        }
        SearchRequest withClass = original.duplicate();
        List<String> attrs = new ArrayList<>(Arrays.asList(requested));
        attrs.add("objectClass");
        withClass.setAttributes(attrs);
        request.setRequest(withClass);
        request.setProperty(DROP_CLASS, Boolean.TRUE);
        return withClass;
    }

    /** Fills in the rights attributes the search asked for on a returned entry. */
    static void onEntry(InMemoryInterceptedSearchEntry result, WriteCheck check) {
        String[] requested = (String[]) result.getProperty(PROPERTY);
        if (requested == null) {
            return;
        }
        Entry entry = result.getSearchEntry();
        boolean allowed;
        try {
            allowed = check.mayWrite(result.getConnectionID(), new DN(new RDN("CN", "probe"),
                    entry.getParsedDN()));
        } catch (LDAPException e) {
            allowed = false;
        }
        Entry e = entry.duplicate();
        boolean container = entry.hasObjectClass("organizationalUnit") || entry.hasObjectClass("container")
                || entry.hasObjectClass("domainDNS");
        if (Boolean.TRUE.equals(result.getProperty(DROP_CLASS))) {
            e.removeAttribute("objectClass");
        }
        for (String a : requested) {
            if (!allowed) {
                break;
            }
            if (a.equalsIgnoreCase("allowedChildClassesEffective") && container) {
                e.setAttribute("allowedChildClassesEffective", CHILD_CLASSES);
            } else if (a.equalsIgnoreCase("allowedAttributesEffective") && entry.hasObjectClass("group")) {
                e.setAttribute("allowedAttributesEffective", GROUP_ATTRIBUTES);
            }
        }
        result.setSearchEntry(e);
    }
}
