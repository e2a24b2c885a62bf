package org.groupwriteback.engine.ad;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which hosts may receive a simple bind over plain {@code ldap://} without StartTLS: loopback only. Literal
 * addresses only, so the test sends nothing and asks no resolver.
 */
class PlaintextPolicyTest {
    @ParameterizedTest
    @CsvSource({"127.0.0.1,true", "127.0.0.2,true", "127.255.0.9,true", "::1,true", "10.0.0.5,false",
        "192.168.1.10,false", "172.16.0.1,false", "8.8.8.8,false", "fe80::1,false", "2001:db8::1,false"})
    void onlyLoopbackAddressesMayReceiveAClearTextBind(String host, boolean loopback) {
        assertThat(LdapTransport.isLoopback(host)).isEqualTo(loopback);
    }
}
