package org.groupwriteback.engine.ad;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdDnTest {
    private static final DN OU = dn("OU=Cloud Groups,DC=fabrikam,DC=local");

    @ParameterizedTest
    @ValueSource(strings = {"R&D = Research", "a=b=c", "*)(objectClass=*)", "Sales, EMEA + \"Ops\" <#1>; \\ back",
        "#leading", " spaced ", "Ünïcødé ✓ 😀", "=", "plain"})
    void wireFormEscapesEveryEqualsSignAndParsesBackToTheSameDn(String cn) throws Exception {
        DN dn = new DN(new RDN("CN", cn), OU);
        String wire = AdDn.wire(dn);
        String valuePart = wire.substring(3, wire.indexOf(",OU=Cloud Groups"));
        assertThat(valuePart).doesNotContain("=");
        assertThat(new DN(wire)).isEqualTo(dn);
        assertThat(new DN(wire).getRDN().getAttributeValues()[0]).isEqualTo(cn);
    }

    @ParameterizedTest
    @ValueSource(strings = {"R&D = Research", "x=y"})
    void wireRdnOfAMultiValuedRdnKeepsEveryPair(String value) throws Exception {
        RDN rdn = new RDN(new String[] {"CN", "OU"}, new String[] {value, "b"});
        RDN parsed = new RDN(AdDn.wire(rdn));
        assertThat(parsed).isEqualTo(rdn);
    }

    private static DN dn(String s) {
        try {
            return new DN(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
