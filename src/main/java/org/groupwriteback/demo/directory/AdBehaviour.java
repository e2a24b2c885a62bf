package org.groupwriteback.demo.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyDNRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyDNResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindResult;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ReadOnlySearchRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.util.StaticUtils;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;

/**
 * The part of Active Directory's behaviour the engine can observe, added to the in-memory server:
 * system-owned objectGUID/objectSid/uSN attributes, unique sAMAccountName, AD's name length limit,
 * member references that must exist ({@link MemberValues}), range retrieval of {@code member}
 * ({@link MemberRange}), the computed rights attributes ({@link EffectiveRights}), and operation counts.
 * Error codes and texts follow what Windows AD and Samba answer (samba-ad.md section 11).
 */
final class AdBehaviour extends InMemoryOperationInterceptor {

    static final int GLOBAL_SECURITY = -2147483646;
    private static final int SAM_GROUP_OBJECT = 0x10000000;
    private static final int SAM_ALIAS_OBJECT = 0x20000000;
    private static final int SAM_NON_SECURITY_GROUP_OBJECT = 0x10000001;
    static final int SAM_USER_OBJECT = 0x30000000;
    private static final int SAM_MACHINE_ACCOUNT = 0x30000001;

    private final SecureRandom random = new SecureRandom();
    private final AtomicLong usn = new AtomicLong();
    /** Client searches and writes seen (benchmarks count LDAP operations with these). */
    private final AtomicLong searches = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    /** This directory instance's invocationId, as a DC publishes it on its NTDS Settings object. */
    private final java.util.UUID invocationId = java.util.UUID.randomUUID();
    private final AtomicLong nextRid = new AtomicLong(1000);
    private final Map<Long, DN> boundAs = new ConcurrentHashMap<>();
    private final Set<DN> deniedSubtrees = new CopyOnWriteArraySet<>();
    private final ThreadLocal<Boolean> internal = ThreadLocal.withInitial(() -> false);
    private volatile InMemoryDirectoryServer server;
    private volatile DN baseDn;
    private volatile Sid domainSid;
    private volatile DN restrictedAccount;
    private volatile int maxValRange;

    void attach(InMemoryDirectoryServer server, DN baseDn, Sid domainSid, long highestUsn, long highestRid,
            DN restrictedAccount, int maxValRange) {
        this.server = server;
        this.baseDn = baseDn;
        this.domainSid = domainSid;
        this.usn.set(highestUsn);
        this.nextRid.set(Math.max(highestRid + 1, 1100));
        this.restrictedAccount = restrictedAccount;
        this.maxValRange = maxValRange;
    }

    void denyWrites(DN subtree) {
        deniedSubtrees.add(subtree);
    }

    void allowAllWrites() {
        deniedSubtrees.clear();
    }

    void setMaxValRange(int maxValRange) {
        this.maxValRange = maxValRange;
    }

    /** Continues the USN sequence above {@code usn} (the highest one of an imported export). */
    void raiseUsn(long highest) {
        usn.accumulateAndGet(highest, Math::max);
    }

    long highestCommittedUsn() {
        return usn.get();
    }

    /** Client search requests so far. */
    long searches() {
        return searches.get();
    }

    /** Client add, modify, modify DN and delete requests so far. */
    long writes() {
        return writes.get();
    }

    /** The DN rootDSE dsServiceName names: this DC's NTDS Settings object in the Configuration partition. */
    DN dsServiceName() throws LDAPException {
        return new DN("CN=NTDS Settings,CN=DC1,CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration,"
                + baseDn);
    }

    /** Stamps the AD system attributes on an entry loaded from LDIF (no client request involved). */
    Entry stampImported(Entry entry) {
        return stampInPlace(entry.duplicate(), StaticUtils.encodeGeneralizedTime(new Date()));
    }

    /** Like {@link #stampImported} on an entry the caller has just built, with the batch's time {@code now}. */
    Entry stampInPlace(Entry e, String now) {
        if (!e.hasAttribute("objectGUID")) {
            e.addAttribute("objectGUID", randomGuid());
        }
        long created = usn.incrementAndGet();
        if (!e.hasAttribute("uSNCreated")) {
            e.addAttribute("uSNCreated", Long.toString(created));
        }
        e.setAttribute("uSNChanged", Long.toString(created));
        if (!e.hasAttribute("whenCreated")) {
            e.addAttribute("whenCreated", now);
        }
        e.setAttribute("whenChanged", now);
        return e;
    }

    // ---- binds: remember who each connection is, to simulate missing delegation -------------

    @Override
    public void processSimpleBindResult(InMemoryInterceptedSimpleBindResult result) {
        if (result.getResult().getResultCode() == ResultCode.SUCCESS) {
            try {
                boundAs.put(result.getConnectionID(), new DN(result.getRequest().getBindDN()));
            } catch (LDAPException e) {
                boundAs.remove(result.getConnectionID());
            }
        }
    }

    private void checkAllowed(long connectionId, DN target, String operation) throws LDAPException {
        DN who = boundAs.get(connectionId);
        if (internal.get() || who == null || !who.equals(restrictedAccount)) {
            return;
        }
        for (DN denied : deniedSubtrees) {
            if (target.isDescendantOf(denied, true)) {
                throw new LDAPException(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                        "00000005: SecErr: DSID-03152E29, problem 4003 (INSUFF_ACCESS_RIGHTS), data 0 ("
                                + operation + " " + target + ")");
            }
        }
    }

    // ---- add ------------------------------------------------------------------------------------

    @Override
    public void processAddRequest(InMemoryInterceptedAddRequest request) throws LDAPException {
        if (internal.get()) {
            return;
        }
        writes.incrementAndGet();
        Entry e = request.getRequest().toEntry();
        DN dn = e.getParsedDN();
        checkAllowed(request.getConnectionID(), dn, "create");
        for (Attribute a : e.getAttributes()) {
            if (AdConstraints.isSystemOnly(a.getBaseName())) {
                throw AdConstraints.systemOnly(a.getBaseName(), dn);
            }
        }
        AdConstraints.checkRdnLength(dn.getRDN());
        boolean group = e.hasObjectClass("group");
        boolean user = e.hasObjectClass("user");
        if (group && !e.hasAttribute("groupType")) {
            e.addAttribute("groupType", Integer.toString(GLOBAL_SECURITY));
        }
        if ((group || user) && !e.hasAttribute("objectSid")) {
            e.addAttribute("objectSid", newSid().toBytes());
        }
        if (group || user) {
            String sam = e.getAttributeValue("sAMAccountName");
            if (sam == null) {
                sam = "$" + Long.toHexString(random.nextLong()).toUpperCase(Locale.ROOT).substring(0, 6) + "-"
                        + Long.toHexString(random.nextLong()).toUpperCase(Locale.ROOT).substring(0, 8);
                e.addAttribute("sAMAccountName", sam);
            }
            checkSamUnique(sam, null);
            if (!e.hasAttribute("sAMAccountType")) {
                e.addAttribute("sAMAccountType", Integer.toString(e.hasObjectClass("computer") ? SAM_MACHINE_ACCOUNT
                        : user ? SAM_USER_OBJECT : samAccountType(e)));
            }
        }
        if (e.hasAttribute("member")) {
            MemberValues.checkExist(server, baseDn, e.getAttribute("member").getValues());
        }
        if (!e.hasAttribute("name")) {
            e.addAttribute("name", dn.getRDN().getAttributeValues()[0]);
        }
        e.addAttribute("objectGUID", randomGuid());
        long n = usn.incrementAndGet();
        e.addAttribute("uSNCreated", Long.toString(n));
        e.addAttribute("uSNChanged", Long.toString(n));
        String now = StaticUtils.encodeGeneralizedTime(new Date());
        e.addAttribute("whenCreated", now);
        e.addAttribute("whenChanged", now);
        request.setRequest(new AddRequest(e, request.getRequest().getControls()));
    }

    private static int samAccountType(Entry e) {
        Integer type = e.getAttributeValueAsInteger("groupType");
        if (type == null || type < 0) {
            return type != null && (type & 0x4) != 0 ? SAM_ALIAS_OBJECT : SAM_GROUP_OBJECT;
        }
        return SAM_NON_SECURITY_GROUP_OBJECT;
    }

    // ---- modify ---------------------------------------------------------------------------------

    @Override
    public void processModifyRequest(InMemoryInterceptedModifyRequest request) throws LDAPException {
        if (internal.get()) {
            return;
        }
        writes.incrementAndGet();
        ModifyRequest modify = request.getRequest().duplicate();
        DN dn = new DN(modify.getDN());
        checkAllowed(request.getConnectionID(), dn, "modify");
        for (Modification m : modify.getModifications()) {
            String attr = m.getAttribute().getBaseName().toLowerCase(Locale.ROOT);
            if (AdConstraints.isSystemOnly(attr) || attr.equals("objectsid")) {
                throw AdConstraints.systemOnly(m.getAttributeName(), dn);
            }
            if (attr.equals("samaccountname") && m.getModificationType() != ModificationType.DELETE
                    && m.getValues().length > 0) {
                checkSamUnique(m.getValues()[0], dn);
            }
            if (attr.equals("member") && (m.getModificationType() == ModificationType.ADD
                    || m.getModificationType() == ModificationType.REPLACE)) {
                MemberValues.checkExist(server, baseDn, m.getValues());
            }
        }
        List<Modification> mods = MemberValues.rewrite(server, baseDn, dn, modify.getModifications());
        mods.add(new Modification(ModificationType.REPLACE, "uSNChanged", Long.toString(usn.incrementAndGet())));
        mods.add(new Modification(ModificationType.REPLACE, "whenChanged",
                StaticUtils.encodeGeneralizedTime(new Date())));
        request.setRequest(new ModifyRequest(modify.getDN(), mods, modify.getControls()));
    }

    // ---- modify DN ------------------------------------------------------------------------------

    @Override
    public void processModifyDNRequest(InMemoryInterceptedModifyDNRequest request) throws LDAPException {
        if (internal.get()) {
            return;
        }
        writes.incrementAndGet();
        DN dn = new DN(request.getRequest().getDN());
        RDN newRdn = new RDN(request.getRequest().getNewRDN());
        String superior = request.getRequest().getNewSuperiorDN();
        DN newParent = superior == null ? dn.getParent() : new DN(superior);
        checkAllowed(request.getConnectionID(), dn, "rename or move");
        checkAllowed(request.getConnectionID(), new DN(newRdn, newParent), "move");
        if (!request.getRequest().deleteOldRDN()) {
            throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, "Old RDN must be deleted");
        }
        AdConstraints.checkRdnLength(newRdn);
    }

    @Override
    public void processModifyDNResult(InMemoryInterceptedModifyDNResult result) {
        if (internal.get() || result.getResult().getResultCode() != ResultCode.SUCCESS) {
            return;
        }
        try {
            DN dn = new DN(result.getRequest().getDN());
            RDN newRdn = new RDN(result.getRequest().getNewRDN());
            String superior = result.getRequest().getNewSuperiorDN();
            DN newDn = new DN(newRdn, superior == null ? dn.getParent() : new DN(superior));
            internal.set(true);
            server.modify(new ModifyRequest(newDn,
                    new Modification(ModificationType.REPLACE, "name", newRdn.getAttributeValues()[0]),
                    new Modification(ModificationType.REPLACE, "uSNChanged", Long.toString(usn.incrementAndGet())),
                    new Modification(ModificationType.REPLACE, "whenChanged",
                            StaticUtils.encodeGeneralizedTime(new Date()))));
        } catch (LDAPException e) {
            // The rename itself succeeded; a stale uSNChanged only affects change tracking.
        } finally {
            internal.set(false);
        }
    }

    // ---- delete ---------------------------------------------------------------------------------

    @Override
    public void processDeleteRequest(InMemoryInterceptedDeleteRequest request) throws LDAPException {
        if (internal.get()) {
            return;
        }
        writes.incrementAndGet();
        checkAllowed(request.getConnectionID(), new DN(request.getRequest().getDN()), "delete");
        // AD counts deletes too (the tombstone gets a new USN); non-leaf deletes are refused with 66
        // by the in-memory server itself, as AD does.
        usn.incrementAndGet();
    }

    // ---- search: range retrieval of member, as Windows AD does it ------------------------------

    @Override
    public void processSearchRequest(InMemoryInterceptedSearchRequest request) throws LDAPException {
        ReadOnlySearchRequest original = request.getRequest();
        if (internal.get()) {
            return;
        }
        searches.incrementAndGet();
        if (original.getScope() == SearchScope.BASE && baseDn != null
                && dsServiceName().equals(new DN(original.getBaseDN()))) {
            // The Configuration partition is not held here: answer the NTDS Settings read like a DC does
            // (change tracking reads invocationId from it), and let the real search find nothing.
            Entry settings = new Entry(dsServiceName());
            settings.addAttribute("objectClass", "top", "applicationSettings", "nTDSDSA");
            settings.addAttribute("invocationId", new ObjectGuid(invocationId).toBytes());
            request.sendSearchEntry(settings);
            SearchRequest none = original.duplicate();
            none.setBaseDN(baseDn);
            none.setFilter(Filter.createEqualityFilter("objectClass", "gwbNoSuchClass"));
            request.setRequest(none);
            return;
        }
        if (original.getScope() == SearchScope.SUB && baseDn != null && baseDn.equals(new DN(original.getBaseDN()))) {
            // AD answers a subtree search at the domain root with continuation references to the
            // Configuration partition (and DNS zones); clients must not trip over them.
            request.sendSearchReference(new SearchResultReference(
                    new String[] {"ldap://" + dnsName() + "/CN=Configuration," + baseDn}, new Control[0]));
        }
        String[] requested = original.getAttributeList().toArray(new String[0]);
        // AD computes these two for the bound account: what it may create below an entry, and write on it.
        original = EffectiveRights.onRequest(request, original, requested);
        MemberRange.onRequest(request, original, requested);
    }

    @Override
    public void processSearchEntry(InMemoryInterceptedSearchEntry result) {
        if (result.getSearchEntry().getDN().isEmpty()) {
            // The root DSE: AD's change-tracking attributes, current at every read.
            Entry dse = result.getSearchEntry().duplicate();
            dse.setAttribute("highestCommittedUSN", Long.toString(usn.get()));
            try {
                dse.setAttribute("dsServiceName", dsServiceName().toString());
            } catch (LDAPException e) {
                // no base DN yet: nothing to name
            }
            result.setSearchEntry(dse);
            return;
        }
        EffectiveRights.onEntry(result, this::mayWrite);
        MemberRange.onEntry(result, maxValRange);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void checkSamUnique(String sam, DN self) throws LDAPException {
        SearchResult found = server.search(new SearchRequest(baseDn.toString(), SearchScope.SUB,
                Filter.createEqualityFilter("sAMAccountName", sam), "1.1"));
        for (var entry : found.getSearchEntries()) {
            if (self == null || !entry.getParsedDN().equals(self)) {
                throw new LDAPException(ResultCode.ENTRY_ALREADY_EXISTS,
                        "00002071: samldb: samAccountName '" + sam + "' already in use!");
            }
        }
    }

    private String dnsName() {
        StringBuilder sb = new StringBuilder();
        for (RDN rdn : baseDn.getRDNs()) {
            if (rdn.hasAttribute("dc")) {
                sb.append(sb.length() == 0 ? "" : ".").append(rdn.getAttributeValues()[0]);
            }
        }
        return sb.toString();
    }

    private byte[] randomGuid() {
        byte[] guid = new byte[16];
        random.nextBytes(guid);
        return guid;
    }

    private Sid newSid() {
        return new Sid(domainSid.value() + "-" + nextRid.getAndIncrement());
    }

    private boolean mayWrite(long connectionId, DN target) {
        try {
            checkAllowed(connectionId, target, "create");
            return true;
        } catch (LDAPException denied) {
            return false;
        }
    }
}
