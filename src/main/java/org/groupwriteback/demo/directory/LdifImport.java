package org.groupwriteback.demo.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFAddChangeRecord;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.ldif.LDIFRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The entries of an LDIF file as the demo directory loads them: plain entries or {@code changetype: add}
 * records (what {@code ldifde} writes), the domain entry first and parents before children, without the
 * attributes AD computes rather than stores ({@code distinguishedName}, {@code memberOf}...), and without
 * entries outside the domain (an export of the whole forest carries the configuration partition too).
 *
 * @param domain the domain entry (objectClass {@code domainDNS} or {@code domain}, else the first entry)
 * @param entries all entries of the domain, the domain first, parents before children
 * @param skipped how many entries were left out because they are not below the domain
 */
record LdifImport(Entry domain, List<Entry> entries, int skipped) {

    /** Attributes AD constructs or maintains itself (back links, the DN as an attribute): not loaded. */
    private static final Set<String> CONSTRUCTED = Set.of("distinguishedname", "memberof", "canonicalname",
            "createtimestamp", "modifytimestamp", "subschemasubentry", "structuralobjectclass", "entrydn",
            "isdeleted", "isrecycled", "ntsecuritydescriptor", "msds-parentdistname", "primarygroupidbacklink",
            "directreports", "managedobjects", "allowedchildclasseseffective", "allowedattributeseffective");

    static LdifImport read(InputStream ldif) {
        List<Entry> all = new ArrayList<>();
        try (LDIFReader reader = new LDIFReader(ldif)) {
            LDIFRecord r;
            while ((r = reader.readLDIFRecord()) != null) {
                Entry e;
                if (r instanceof Entry entry) {
                    e = entry;
                } else if (r instanceof LDIFAddChangeRecord add) {
                    e = add.getEntryToAdd();
                } else {
                    throw new IllegalArgumentException("the LDIF record for " + r.getDN()
                            + " is a change other than add: export the entries (ldifde -f, ldapsearch) instead");
                }
                all.add(withoutConstructed(e));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LDIFException e) {
            throw new IllegalArgumentException("invalid LDIF: " + e.getMessage(), e);
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("the LDIF holds no entries");
        }
        Entry domain = all.stream().filter(e -> e.hasObjectClass("domainDNS") || e.hasObjectClass("domain"))
                .min(Comparator.comparingInt(LdifImport::depth)).orElse(all.get(0));
        DN base = parsedDn(domain);
        List<Entry> inDomain = new ArrayList<>(all.size());
        for (Entry e : all) {
            if (parsedDn(e).isDescendantOf(base, true)) {
                inDomain.add(e);
            }
        }
        inDomain.sort(Comparator.comparingInt(LdifImport::depth));
        return new LdifImport(domain, List.copyOf(inDomain), all.size() - inDomain.size());
    }

    private static Entry withoutConstructed(Entry e) {
        Entry copy = null;
        for (var a : e.getAttributes()) {
            if (CONSTRUCTED.contains(a.getBaseName().toLowerCase(Locale.ROOT))) {
                copy = copy != null ? copy : e.duplicate();
                copy.removeAttribute(a.getName());
            }
        }
        return copy != null ? copy : e;
    }

    private static int depth(Entry e) {
        return parsedDn(e).getRDNs().length;
    }

    private static DN parsedDn(Entry e) {
        try {
            return e.getParsedDN();
        } catch (LDAPException ex) {
            throw new IllegalArgumentException("invalid DN in the LDIF: " + e.getDN(), ex);
        }
    }

    /** The entry at {@code dn}, if the import has one. */
    Entry find(DN dn) {
        for (Entry e : entries) {
            if (parsedDn(e).equals(dn)) {
                return e;
            }
        }
        return null;
    }
}
