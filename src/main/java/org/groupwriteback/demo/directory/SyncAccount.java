package org.groupwriteback.demo.directory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The service account the demo directory creates when its LDIF has no entry with a {@code userPassword} (a
 * real AD export never has one): {@code CN=gwb-sync} in {@code CN=Users} (or below the domain root when the
 * export has no such container), with a random password.
 *
 * @param dn where the account lives
 * @param password its random password
 * @param exists whether the export already holds an entry at {@code dn} (it then only gets the password)
 */
record SyncAccount(DN dn, String password, boolean exists) {

    static final String NAME = "gwb-sync";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The account to create for {@code imported}, whose naming context is {@code base}. */
    static SyncAccount forImport(LdifImport imported, DN base) {
        DN users = new DN(new RDN("CN", "Users"), base);
        DN parent = imported.find(users) != null ? users : base;
        DN dn = new DN(new RDN("CN", NAME), parent);
        return new SyncAccount(dn, randomPassword(), imported.find(dn) != null);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        // 24 URL-safe characters plus one of each class AD's complexity rule asks for.
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "!Aa1";
    }

    /** Creates the account (or sets the password of the exported entry) over {@code c}; the server stamps its SID. */
    void create(LDAPConnection c, String dnsDomain) throws LDAPException {
        if (exists) {
            c.modify(dn.toString(), new Modification(ModificationType.REPLACE, "userPassword", password));
            return;
        }
        c.add(new Entry(dn.toString(),
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("cn", NAME),
                new Attribute("sAMAccountName", NAME),
                new Attribute("userPrincipalName", NAME + "@" + dnsDomain),
                new Attribute("description", "group-writeback sync account created by the demo directory"),
                new Attribute("userAccountControl", "66048"),
                new Attribute("userPassword", password)));
    }
}
