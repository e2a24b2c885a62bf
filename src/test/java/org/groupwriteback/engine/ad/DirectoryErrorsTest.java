package org.groupwriteback.engine.ad;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import javax.net.ssl.SSLHandshakeException;
import org.groupwriteback.engine.ad.DirectoryErrors.Operation;
import org.groupwriteback.engine.ad.DirectoryException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one translation from UnboundID failures to {@link DirectoryException} kinds and messages. */
class DirectoryErrorsTest {
    private static final String URL = "ldaps://dc.example.com";
    private static final String ACCOUNT = "CN=svc-gwb,OU=Service,DC=example,DC=com";

    private final DN bindDn = dn(ACCOUNT);
    private final DN base = dn("DC=example,DC=com");
    private final DN group = dn("CN=Sales,OU=Cloud,DC=example,DC=com");
    private final DirectoryErrors errors = new DirectoryErrors(bindDn, base, URL);

    @ParameterizedTest(name = "LDAP {0} -> {1}")
    @CsvSource({
        "68,ALREADY_EXISTS", "32,NO_SUCH_OBJECT", "50,INSUFFICIENT_RIGHTS", "49,INVALID_CREDENTIALS",
        "81,UNAVAILABLE", "91,UNAVAILABLE", "85,UNAVAILABLE", "51,UNAVAILABLE", "52,UNAVAILABLE",
        "19,REFUSED", "53,REFUSED", "21,REFUSED", "65,REFUSED", "20,REFUSED", "16,REFUSED", "34,REFUSED",
        "64,REFUSED", "66,REFUSED", "67,REFUSED", "17,REFUSED",
        // The SDK counts operationsError and other as leaving the connection unusable.
        "1,UNAVAILABLE", "80,UNAVAILABLE",
        "4,OTHER", "11,OTHER", "12,OTHER"})
    void resultCodeMapsToKind(int code, Kind kind) {
        assertThat(DirectoryErrors.kind(ResultCode.valueOf(code))).isEqualTo(kind);
        assertThat(Kind.of(ResultCode.valueOf(code))).isEqualTo(kind);
    }

    @Test
    void noLdapAnswerCountsAsUnavailable() {
        assertThat(DirectoryErrors.kind(null)).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void wrongPasswordIsInvalidCredentialsAndNamesTheAccount() {
        DirectoryException e = connect(new LDAPException(ResultCode.INVALID_CREDENTIALS, "80090308: data 52e"));
        assertThat(e.kind()).isEqualTo(Kind.INVALID_CREDENTIALS);
        assertThat(e.getMessage()).isEqualTo("wrong account or password for " + ACCOUNT);
        assertThat(e.resultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
    }

    @ParameterizedTest(name = "AD reason {0}")
    @CsvSource(delimiter = '|', value = {
        "533|the account " + ACCOUNT + " is disabled (AD reason 533): enable it in Active Directory",
        "775|the account " + ACCOUNT + " is locked out (AD reason 775)",
        "532|the password of " + ACCOUNT + " has expired or must be changed (AD reason 532)",
        "52e|wrong account or password for " + ACCOUNT + " (AD reason 52e): check directory.bindDn and write the"
                + " account's current password into the file directory.passwordFile names"})
    void aRefusedBindSaysWhyFromTheAdReasonCodeAndWhatToDo(String reason, String expected) {
        LDAPException refused = new LDAPException(new LDAPResult(1, ResultCode.INVALID_CREDENTIALS,
                "80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data " + reason + ", v1db1",
                null, (String[]) null, (Control[]) null));
        DirectoryException e = connect(refused);
        assertThat(e.kind()).isEqualTo(Kind.INVALID_CREDENTIALS);
        assertThat(e.getMessage()).startsWith(expected);
    }

    @Test
    void rightsRefusedOnAnExistingGroupNameThatGroupAndTheDenyEntry() {
        DirectoryException e = errors.failure(new LDAPException(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "denied"),
                Operation.MEMBERS, group);
        assertThat(e.kind()).isEqualTo(Kind.INSUFFICIENT_RIGHTS);
        assertThat(e.getMessage()).isEqualTo("the sync account " + ACCOUNT + " may not change group members in "
                + group.getParent() + ": refused on " + group + " (a deny entry on that object, or no grant on the"
                + " OU); remove the deny entry from its security settings, or grant the rights with"
                + " `gwb permissions grant`");
        assertThat(e.objectDn()).isEqualTo(group.toString());
    }

    @Test
    void serverThatWantsEncryptionIsUnavailableAndSaysUseLdaps() {
        DirectoryException e = connect(new LDAPException(ResultCode.STRONG_AUTH_REQUIRED, "strong auth"));
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).startsWith("dc.example.com requires an encrypted connection for " + ACCOUNT);
    }

    @Test
    void hostNameMismatchIsUnavailableAndNamesTheHost() {
        DirectoryException e = connect(new LDAPException(ResultCode.CONNECT_ERROR, "connect failed",
                new LDAPException(ResultCode.CONNECT_ERROR, "Hostname verification failed for dc.example.com")));
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).startsWith("the certificate of dc.example.com is not issued for the name");
        assertThat(e.resultCode()).isNull();
    }

    @Test
    void untrustedCertificateIsUnavailableAndNamesTheTrustStore() {
        LDAPException tls = new LDAPException(ResultCode.CONNECT_ERROR, "handshake failed",
                new SSLHandshakeException("PKIX path building failed"));
        assertThat(connect(tls).kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(connect(tls).getMessage()).contains("is not trusted by the JVM's default trust store");
        DirectoryException withCa = DirectoryErrors.connectFailure(tls, URL, "dc.example.com", "/etc/gwb/ca.pem",
                ACCOUNT);
        assertThat(withCa.getMessage()).contains("is not trusted by /etc/gwb/ca.pem");
    }

    @Test
    void refusedConnectionIsUnavailable() {
        DirectoryException e = connect(new LDAPException(ResultCode.CONNECT_ERROR, "Connection refused"));
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).startsWith("cannot reach " + URL + ": ");
    }

    @Test
    void missingRightsNameTheAccountTheParentAndTheFix() {
        DirectoryException e = errors.failure(new LDAPException(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "denied"),
                Operation.CREATE, group);
        assertThat(e.kind()).isEqualTo(Kind.INSUFFICIENT_RIGHTS);
        assertThat(e.getMessage()).isEqualTo("the sync account " + ACCOUNT + " may not create groups in "
                + group.getParent() + ": grant it the rights with `gwb permissions grant`");
        assertThat(e.objectDn()).isEqualTo(group.toString());
    }

    @Test
    void createUnderAMissingOuNamesTheOu() {
        DirectoryException e = errors.failure(new LDAPException(ResultCode.NO_SUCH_OBJECT, "no such object"),
                Operation.CREATE, group);
        assertThat(e.kind()).isEqualTo(Kind.NO_SUCH_OBJECT);
        assertThat(e.getMessage()).isEqualTo(group.getParent() + " does not exist (was the OU deleted?)");
    }

    @Test
    void constraintAndNonLeafAreRefusedWithTheReason() {
        DirectoryException tooLong = errors.failure(new LDAPException(ResultCode.CONSTRAINT_VIOLATION, "x"),
                Operation.MODIFY, group);
        assertThat(tooLong.kind()).isEqualTo(Kind.REFUSED);
        assertThat(tooLong.getMessage()).startsWith("the directory refused to modify group " + group)
                .contains("64 characters");
        DirectoryException nonLeaf = errors.failure(new LDAPException(ResultCode.NOT_ALLOWED_ON_NONLEAF, "x"),
                Operation.DELETE, group);
        assertThat(nonLeaf.kind()).isEqualTo(Kind.REFUSED);
        assertThat(nonLeaf.getMessage()).isEqualTo("cannot delete " + group
                + ": it has child objects; group-writeback deletes only groups");
    }

    @Test
    void lostConnectionDuringAnOperationIsUnavailable() {
        DirectoryException e = errors.failure(new LDAPException(ResultCode.SERVER_DOWN, "connection closed"),
                Operation.MEMBERS, group);
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).startsWith("cannot reach " + URL + ": ");
    }

    @Test
    void anythingElseNamesTheOperationTheObjectAndTheCode() {
        DirectoryException e = errors.failure(new LDAPException(new LDAPResult(1, ResultCode.ADMIN_LIMIT_EXCEEDED,
                "internal error", null, (String[]) null, (Control[]) null)),
                Operation.RENAME, group);
        assertThat(e.kind()).isEqualTo(Kind.OTHER);
        assertThat(e.getMessage()).isEqualTo("could not rename or move groups (" + group + "): "
                + ResultCode.ADMIN_LIMIT_EXCEEDED + " (internal error)");
    }

    private static DirectoryException connect(LDAPException e) {
        return DirectoryErrors.connectFailure(e, URL, "dc.example.com", null, ACCOUNT);
    }

    private static DN dn(String text) {
        try {
            return new DN(text);
        } catch (LDAPException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
