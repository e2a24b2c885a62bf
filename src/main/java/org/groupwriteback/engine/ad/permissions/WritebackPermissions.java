package org.groupwriteback.engine.ad.permissions;

import com.unboundid.asn1.ASN1Integer;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.asn1.ASN1Sequence;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.Sid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delegates, checks and scripts the rights the sync account needs for group writeback on the target OU (or the
 * domain root): Connect's {@code Set-ADSyncUnifiedGroupWritebackPermissions}. The admin connection passed to
 * {@link #grant} is used for that call only and never kept. Stateless and thread-safe.
 */
public final class WritebackPermissions {
    /** LDAP_SERVER_SD_FLAGS_OID: read/write only the parts of nTSecurityDescriptor named in its value. */
    public static final String SD_FLAGS_OID = "1.2.840.113556.1.4.801";
    /** DACL_SECURITY_INFORMATION: owner, group and SACL are neither read nor rewritten. */
    static final int DACL_SECURITY_INFORMATION = 4;
    /** Attributes the engine writes on the groups it manages; all must be writable (cn for renames). */
    public static final List<String> WRITTEN_ATTRIBUTES = List.of("cn", "member", "description", "displayName",
            "adminDescription", "groupType", "sAMAccountName", "mail", "proxyAddresses");

    private static final Logger LOG = LoggerFactory.getLogger(WritebackPermissions.class);
    private static final String SD = "nTSecurityDescriptor";

    private WritebackPermissions() {
    }

    /**
     * Adds the two delegation ACEs of {@link DelegationAcl} for {@code account} to the DACL of {@code target}
     * (the writeback OU, or the domain root for {@code --domain}). Idempotent: when the account already has the
     * rights nothing is written and {@link GrantResult#acesAdded()} is 0.
     *
     * @param account the sync account as a DN, UPN or {@code DOMAIN\sam}
     * @param admin a connection bound as an account allowed to change permissions on {@code target}
     */
    public static GrantResult grant(DN target, String account, LDAPInterface admin) throws DirectoryException {
        SyncAccount resolved = resolveAccount(account, admin);
        byte[] sd = readDacl(target, admin);
        DelegationAcl.Result result = DelegationAcl.addDelegation(sd, resolved.sid());
        if (result.acesAdded() > 0) {
            ModifyRequest modify = new ModifyRequest(target,
                    new Modification(ModificationType.REPLACE, SD, result.securityDescriptor()));
            modify.addControl(sdFlags());
            try {
                admin.modify(modify);
            } catch (LDAPException e) {
                throw new DirectoryException(switch (e.getResultCode().intValue()) {
                    case 50 -> "the admin account may not change permissions on " + target
                            + ": sign in as a Domain Admin (or an account with 'Modify permissions' there), or let an"
                            + " admin run the script from 'gwb permissions script'";
                    default -> "writing the permissions of " + target + " failed: " + e.getResultCode()
                            + " (" + e.getDiagnosticMessage() + ")";
                }, e.getResultCode(), target.toString(), e);
            }
        }
        LOG.info("group writeback rights on {} for {}: {} ACE(s) added", target, resolved.dn(), result.acesAdded());
        return new GrantResult(target, resolved, result.acesAdded());
    }

    /**
     * Checks, as the sync account itself, that it may create groups in {@code ou}, write the attributes the
     * engine manages on them, and delete them. The create right is read from {@code allowedChildClassesEffective}
     * on the OU; write rights from {@code allowedAttributesEffective} on a group already in the OU. When the
     * account may create groups, a probe group ({@code CN=gwb-probe-<random>}) is created, checked and deleted,
     * which proves create, write and delete for real; if the probe cannot be deleted that is reported.
     *
     * @return the missing rights in plain words; empty when everything is in place
     */
    public static List<MissingRight> verify(DN ou, LDAPInterface sync) throws DirectoryException {
        return verify(ou, sync, true);
    }

    /**
     * As {@link #verify(DN, LDAPInterface)}; with {@code probe} false it only reads (the effective-rights attributes
     * of the OU and of a group already in it) and never creates or deletes anything in the OU.
     */
    public static List<MissingRight> verify(DN ou, LDAPInterface sync, boolean probe) throws DirectoryException {
        List<MissingRight> missing = new ArrayList<>();
        SearchResultEntry ouEntry = read(sync, ou, "allowedChildClassesEffective");
        if (ouEntry == null) {
            throw new DirectoryException("the OU " + ou + " does not exist or the sync account cannot read it: check"
                    + " the target OU in the configuration", ResultCode.NO_SUCH_OBJECT, ou.toString(), null);
        }
        boolean canCreate = containsIgnoreCase(ouEntry.getAttributeValues("allowedChildClassesEffective"), "group");
        if (!canCreate) {
            missing.add(new MissingRight(MissingRight.Kind.CREATE_GROUPS, ou.toString(), ou.toString(), null));
        }
        DN existing = firstGroupIn(ou, sync);
        if (existing != null) {
            checkWritable(existing, ou, sync, missing);
        }
        if (canCreate && probe) {
            probe(ou, sync, existing == null, missing);
        } else if (canCreate) {
            LOG.info("read-only check of {}: create right from allowedChildClassesEffective{}", ou,
                    existing == null ? "; no group there to read write rights from" : ", write rights on " + existing);
        } else if (existing == null) {
            missing.add(new MissingRight(MissingRight.Kind.GROUP_RIGHTS_NOT_CHECKED, ou.toString(), ou.toString(),
                    null));
        }
        return missing;
    }

    /**
     * The commands an admin runs to grant the same rights by hand ("I will configure it using PowerShell"):
     * dsacls lines, the equivalent ActiveDirectory-module PowerShell, and Connect's cmdlet as a comment.
     *
     * @param account a DN, UPN or {@code DOMAIN\sam}; prefer {@link #script(DN, SyncAccount)} when it can be resolved
     */
    public static String script(DN target, String account) {
        boolean isDn = looksLikeDn(account);
        String principal = isDn ? "DOMAIN\\" + firstRdnValue(account) : account;
        String sidLine = isDn
                ? "$sid = (Get-ADObject -Identity " + ps(account) + " -Properties objectSid).objectSid"
                : "$sid = ([System.Security.Principal.NTAccount]" + ps(account)
                        + ").Translate([System.Security.Principal.SecurityIdentifier])";
        return render(target, principal, isDn ? account : null, sidLine, isDn);
    }

    /** {@link #script(DN, String)} for an account already resolved over LDAP (exact {@code DOMAIN\sam} and DN). */
    public static String script(DN target, SyncAccount account) {
        String sidLine = "$sid = New-Object System.Security.Principal.SecurityIdentifier(" + ps(account.sid().value())
                + ")";
        return render(target, account.principalName(), account.dn().toString(), sidLine, false);
    }

    /**
     * The message for an insufficient-access (50) result when the sync account writes groups in {@code ou}:
     * what failed and the command that fixes it.
     */
    public static String insufficientRightsAdvice(String syncAccount, DN ou, String operation) {
        return "the sync account " + syncAccount + " may not " + operation + " in " + ou + ": run 'gwb permissions"
                + " grant --ou \"" + ou + "\" --account \"" + syncAccount + "\"' with an admin account, or have an"
                + " admin run the commands from 'gwb permissions script'";
    }

    /**
     * Finds the account an admin named as a DN, a UPN ({@code name@domain}) or {@code DOMAIN\sam} and reads its
     * objectSid, sAMAccountName, UPN and the domain's NetBIOS name.
     */
    public static SyncAccount resolveAccount(String account, LDAPInterface conn) throws DirectoryException {
        if (account == null || account.isBlank()) {
            throw new DirectoryException("no sync account given: pass it as a DN, name@domain or DOMAIN\\name");
        }
        String text = account.trim();
        String[] attrs = {"objectSid", "sAMAccountName", "userPrincipalName"};
        try {
            RootDSE root = conn.getRootDSE();
            String base = root == null ? null : root.getAttributeValue("defaultNamingContext");
            SearchResultEntry entry;
            if (looksLikeDn(text)) {
                entry = conn.getEntry(new DN(text).toString(), attrs);
            } else {
                if (base == null) {
                    throw new DirectoryException("cannot find '" + text + "': the server's rootDSE names no"
                            + " defaultNamingContext; give the account as a DN");
                }
                Filter filter;
                int slash = text.indexOf('\\');
                if (slash >= 0) {
                    filter = Filter.createEqualityFilter("sAMAccountName", text.substring(slash + 1));
                } else if (text.contains("@")) {
                    filter = Filter.createORFilter(Filter.createEqualityFilter("userPrincipalName", text),
                            Filter.createANDFilter(
                                    Filter.createEqualityFilter("sAMAccountName", text.substring(0, text.indexOf('@'))),
                                    Filter.createNOTFilter(Filter.createPresenceFilter("userPrincipalName"))));
                } else {
                    filter = Filter.createEqualityFilter("sAMAccountName", text);
                }
                SearchRequest request = new SearchRequest(base, SearchScope.SUB,
                        Filter.createANDFilter(filter, Filter.createPresenceFilter("objectSid")), attrs);
                request.setSizeLimit(2);
                SearchResult result = conn.search(request);
                if (result.getEntryCount() > 1) {
                    throw new DirectoryException("the account name '" + text + "' matches more than one object in "
                            + base + ": give its DN", ResultCode.SIZE_LIMIT_EXCEEDED, base, null);
                }
                entry = result.getEntryCount() == 1 ? result.getSearchEntries().get(0) : null;
            }
            if (entry == null || !entry.hasAttribute("objectSid")) {
                throw new DirectoryException("the account '" + text + "' was not found" + (base == null ? "" : " in "
                        + base) + ": give its DN, name@domain or DOMAIN\\name", ResultCode.NO_SUCH_OBJECT, text, null);
            }
            Sid sid = Sid.fromBytes(entry.getAttributeValueBytes("objectSid"));
            return new SyncAccount(entry.getParsedDN(), sid, entry.getAttributeValue("sAMAccountName"),
                    entry.getAttributeValue("userPrincipalName"), netbiosName(root, conn));
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                throw new DirectoryException("the account name '" + text + "' matches more than one object: give its"
                        + " DN", e.getResultCode(), text, e);
            }
            throw new DirectoryException("looking up the account '" + text + "' failed: " + e.getResultCode() + " ("
                    + e.getDiagnosticMessage() + ")", e.getResultCode(), text, e);
        }
    }

    static byte[] readDacl(DN target, LDAPInterface conn) throws DirectoryException {
        SearchRequest request = new SearchRequest(target.toString(), SearchScope.BASE,
                Filter.createPresenceFilter("objectClass"), SD);
        request.addControl(sdFlags());
        try {
            SearchResult result = conn.search(request);
            SearchResultEntry entry = result.getEntryCount() == 0 ? null : result.getSearchEntries().get(0);
            byte[] sd = entry == null ? null : entry.getAttributeValueBytes(SD);
            if (sd == null) {
                throw new DirectoryException("cannot read the permissions of " + target + ": sign in as an account"
                        + " allowed to read them (e.g. a Domain Admin)", ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                        target.toString(), null);
            }
            return sd;
        } catch (LDAPException e) {
            throw new DirectoryException(e.getResultCode() == ResultCode.NO_SUCH_OBJECT
                    ? target + " does not exist: check the OU (or use --domain for the domain root)"
                    : "reading the permissions of " + target + " failed: " + e.getResultCode() + " ("
                            + e.getDiagnosticMessage() + ")", e.getResultCode(), target.toString(), e);
        }
    }

    private static Control sdFlags() {
        return new Control(SD_FLAGS_OID, true,
                new ASN1OctetString(new ASN1Sequence(new ASN1Integer(DACL_SECURITY_INFORMATION)).encode()));
    }

    private static void checkWritable(DN group, DN ou, LDAPInterface sync, List<MissingRight> missing)
            throws DirectoryException {
        SearchResultEntry e = read(sync, group, "allowedAttributesEffective");
        String[] values = e == null ? null : e.getAttributeValues("allowedAttributesEffective");
        List<String> lacking = new ArrayList<>();
        for (String attribute : WRITTEN_ATTRIBUTES) {
            if (!containsIgnoreCase(values, attribute)) {
                lacking.add(attribute);
            }
        }
        if (!lacking.isEmpty()) {
            missing.add(new MissingRight(MissingRight.Kind.WRITE_GROUP_ATTRIBUTES, ou.toString(), group.toString(),
                    lacking));
        }
    }

    private static void probe(DN ou, LDAPInterface sync, boolean checkAttributes, List<MissingRight> missing)
            throws DirectoryException {
        String name = "gwb-probe-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        DN probe = new DN(new RDN("CN", name), ou);
        try {
            sync.add(new Entry(probe, new Attribute("objectClass", "group"), new Attribute("sAMAccountName", name),
                    new Attribute("description", "temporary object of 'gwb permissions verify'; safe to delete")));
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
                missing.add(new MissingRight(MissingRight.Kind.CREATE_GROUPS, ou.toString(), probe.toString(), null));
                return;
            }
            throw new DirectoryException("creating the probe group " + probe + " failed: " + e.getResultCode() + " ("
                    + e.getDiagnosticMessage() + ")", e.getResultCode(), probe.toString(), e);
        }
        if (checkAttributes) {
            checkWritable(probe, ou, sync, missing);
        }
        try {
            sync.delete(probe.toString());
        } catch (LDAPException e) {
            missing.add(new MissingRight(MissingRight.Kind.DELETE_GROUPS, ou.toString(), probe.toString()
                    + ", which is still there: ask an admin to delete it", null));
        }
    }

    private static DN firstGroupIn(DN ou, LDAPInterface sync) throws DirectoryException {
        SearchRequest request = new SearchRequest(ou.toString(), SearchScope.SUB,
                Filter.createEqualityFilter("objectClass", "group"), "1.1");
        request.setSizeLimit(1);
        try {
            SearchResult r = sync.search(request);
            return r.getEntryCount() == 0 ? null : r.getSearchEntries().get(0).getParsedDN();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED && e instanceof LDAPSearchException s
                    && s.getEntryCount() > 0) {
                try {
                    return s.getSearchEntries().get(0).getParsedDN();
                } catch (LDAPException bad) {
                    throw new DirectoryException("bad DN from the server: " + bad.getMessage());
                }
            }
            throw new DirectoryException("searching groups in " + ou + " failed: " + e.getResultCode() + " ("
                    + e.getDiagnosticMessage() + ")", e.getResultCode(), ou.toString(), e);
        }
    }

    private static SearchResultEntry read(LDAPInterface conn, DN dn, String attribute) throws DirectoryException {
        try {
            return conn.getEntry(dn.toString(), attribute);
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return null;
            }
            throw new DirectoryException("reading " + attribute + " of " + dn + " failed: " + e.getResultCode() + " ("
                    + e.getDiagnosticMessage() + ")", e.getResultCode(), dn.toString(), e);
        }
    }

    /** The NetBIOS name from the crossRef of the default naming context; null when not readable. */
    private static String netbiosName(RootDSE root, LDAPInterface conn) {
        if (root == null) {
            return null;
        }
        String config = root.getAttributeValue("configurationNamingContext");
        String base = root.getAttributeValue("defaultNamingContext");
        if (config == null || base == null) {
            return null;
        }
        try {
            DN partitions = new DN(new RDN("CN", "Partitions"), new DN(config));
            SearchResult r = conn.search(new SearchRequest(partitions.toString(), SearchScope.ONE,
                    Filter.createANDFilter(Filter.createEqualityFilter("nCName", base),
                            Filter.createPresenceFilter("nETBIOSName")), "nETBIOSName"));
            return r.getEntryCount() == 1 ? r.getSearchEntries().get(0).getAttributeValue("nETBIOSName") : null;
        } catch (LDAPException e) {
            return null;
        }
    }

    private static String render(DN target, String principal, String accountDn, String sidLine, boolean placeholder) {
        String ou = target.toString();
        String n = System.lineSeparator();
        StringBuilder s = new StringBuilder();
        s.append("# Group writeback rights for ").append(principal).append(" on ").append(ou).append(n);
        s.append("# Run as a Domain Admin (or an account allowed to change permissions there).").append(n);
        if (placeholder) {
            s.append("# Replace DOMAIN\\").append(firstRdnValue(accountDn))
                    .append(" with the account's DOMAIN\\sAMAccountName.").append(n);
        }
        s.append("#").append(n);
        s.append("# Entra Connect does the same with (AdSyncConfig module):").append(n);
        if (accountDn != null) {
            s.append("#   Set-ADSyncUnifiedGroupWritebackPermissions -ADConnectorAccountDN ").append(ps(accountDn))
                    .append(" -ADObjectDN ").append(ps(ou)).append(n);
        } else {
            int slash = principal.indexOf('\\');
            String name = slash >= 0 ? principal.substring(slash + 1) : principal;
            String domain = slash >= 0 ? principal.substring(0, slash) : "<domain>";
            s.append("#   Set-ADSyncUnifiedGroupWritebackPermissions -ADConnectorAccountName ").append(ps(name))
                    .append(" -ADConnectorAccountDomain ").append(ps(domain)).append(" -ADObjectDN ").append(ps(ou))
                    .append(n);
        }
        s.append(n).append("# 1) with dsacls: create/delete group objects here and in sub-OUs; read/write all"
                + " properties and delete on group objects below").append(n);
        s.append("dsacls \"").append(ou).append("\" /I:T /G \"").append(principal).append(":CCDC;group\"").append(n);
        s.append("dsacls \"").append(ou).append("\" /I:S /G \"").append(principal).append(":GRGWSDDT;;group\"")
                .append(n);
        s.append(n).append("# 2) or with PowerShell (ActiveDirectory module), the same two ACEs").append(n);
        s.append("Import-Module ActiveDirectory").append(n);
        s.append("$ou = ").append(ps(ou)).append(n);
        s.append(sidLine).append(n);
        s.append("$group = [Guid]'").append(DelegationAcl.GROUP_CLASS).append('\'').append(n);
        s.append("$acl = Get-Acl -Path \"AD:$ou\"").append(n);
        s.append("$acl.AddAccessRule((New-Object System.DirectoryServices.ActiveDirectoryAccessRule $sid,"
                + " 'CreateChild,DeleteChild', 'Allow', $group, 'All'))").append(n);
        s.append("$acl.AddAccessRule((New-Object System.DirectoryServices.ActiveDirectoryAccessRule $sid,"
                + " 'ReadProperty,WriteProperty,ListChildren,ListObject,ReadControl,Self,Delete,DeleteTree', 'Allow',"
                + " 'Descendents', $group))").append(n);
        s.append("Set-Acl -Path \"AD:$ou\" -AclObject $acl").append(n);
        return s.toString();
    }

    /** A PowerShell single-quoted string literal. */
    private static String ps(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static boolean looksLikeDn(String text) {
        return text.contains("=") && DN.isValidDN(text);
    }

    private static String firstRdnValue(String dn) {
        try {
            return new DN(dn).getRDN().getAttributeValues()[0];
        } catch (LDAPException e) {
            return dn;
        }
    }

    private static boolean containsIgnoreCase(String[] values, String wanted) {
        if (values == null) {
            return false;
        }
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(values));
        return set.contains(wanted.toLowerCase(Locale.ROOT));
    }
}
