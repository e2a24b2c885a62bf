package org.groupwriteback.samba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchResultEntry;
import org.junit.jupiter.api.Test;

/** Proves the harness: the DC is a real AD (rootDSE, seeded fixtures) and its TLS is trusted only through our CA. */
@SambaTest
class SambaHarnessTest {
    private final SambaDc dc;

    SambaHarnessTest(SambaDc dc) {
        this.dc = dc;
    }

    @Test
    void rootDseDescribesTheProvisionedDomain() throws LDAPException {
        try (LDAPConnection c = dc.connectService()) {
            RootDSE root = c.getRootDSE();
            assertThat(root.getAttributeValue("defaultNamingContext")).isEqualToIgnoringCase(SambaDc.BASE_DN.toString());
            assertThat(root.getAttributeValue("dnsHostName")).isEqualToIgnoringCase("DC1.corp.example.test");
        }
    }

    @Test
    void serviceAccountBindsAsDnUpnAndDownLevelName() throws LDAPException {
        for (String name : new String[] {SambaDc.SERVICE_DN.toString(), SambaDc.SERVICE_UPN, "CORP\\svc-sync"}) {
            try (LDAPConnection c = dc.connect(name, SambaDc.SERVICE_PASSWORD)) {
                SearchResultEntry e = c.getEntry(SambaDc.SERVICE_DN.toString(), "sAMAccountName");
                assertThat(e.getAttributeValue("sAMAccountName")).as(name).isEqualTo("svc-sync");
            }
        }
    }

    @Test
    void wrongPasswordIsRefusedWithInvalidCredentials() {
        assertThatThrownBy(() -> dc.connect(SambaDc.SERVICE_DN, "wrong").close())
                .isInstanceOfSatisfying(LDAPException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
    }

    @Test
    void ldapsBindWorksWhenTrustingTheDcsCa() throws LDAPException {
        try (LDAPConnection c = dc.connectLdaps(dc.caCertificate(), SambaDc.SERVICE_DN, SambaDc.SERVICE_PASSWORD)) {
            assertThat(c.getSSLSession()).isNotNull();
            assertThat(c.getEntry(SambaDc.GROUPS_OU.toString())).isNotNull();
        }
    }

    @Test
    void ldapsIsRefusedWhenTrustingAnUnrelatedCa() {
        assertThatThrownBy(() -> dc.connectLdaps(dc.unrelatedCaCertificate(), SambaDc.SERVICE_DN,
                SambaDc.SERVICE_PASSWORD).close())
                .isInstanceOfSatisfying(LDAPException.class, e -> {
                    assertThat(e.getResultCode()).isEqualTo(ResultCode.CONNECT_ERROR);
                    assertThat(e.getMessage()).containsIgnoringCase("trust");
                });
    }

    @Test
    void startTlsUpgradesThePlainConnection() throws LDAPException {
        try (LDAPConnection c = dc.connectStartTls(dc.caCertificate(), SambaDc.SERVICE_DN, SambaDc.SERVICE_PASSWORD)) {
            assertThat(c.getSSLSession()).isNotNull();
            assertThat(c.getEntry(SambaDc.SERVICE_DN.toString(), "objectSid").hasAttribute("objectSid")).isTrue();
        }
    }

    @Test
    void seededFixturesArePresent() throws LDAPException {
        try (LDAPConnection c = dc.connectService()) {
            assertThat(c.getEntry(SambaDc.SEC_UNIVERSAL_DN.toString(), "member").getAttributeValues("member"))
                    .hasSize(2);
        }
    }
}
