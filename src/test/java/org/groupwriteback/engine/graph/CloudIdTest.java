package org.groupwriteback.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Object ids are checked before they go into a request URL. */
class CloudIdTest {

    @Test
    void aGuidIsAcceptedAndGoesIntoTheBetaUrl() throws CloudException {
        CloudId id = CloudId.of("B0000000-0000-0000-0000-00000000000a", "group");
        GraphEndpoint endpoint = GraphEndpoint.parse("https://graph.example/v1.0/");
        assertThat(endpoint.betaGroup(id))
                .isEqualTo("https://graph.example/beta/groups/B0000000-0000-0000-0000-00000000000a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "b0000000-0000-0000-0000-000000000001/members", "../users",
        "b0000000-0000-0000-0000-000000000001?$select=id", "b0000000-0000-0000-0000-00000000000g",
        " b0000000-0000-0000-0000-000000000001"})
    void anythingElseIsRejectedNamingTheObject(String id) {
        assertThatThrownBy(() -> CloudId.of(id, "group")).isInstanceOf(CloudException.class)
                .hasMessageContaining("The group id '" + id + "' is not an Entra ID object id (a GUID)");
        assertThatThrownBy(() -> new CloudId(id)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> CloudId.of(null, "group")).isInstanceOf(CloudException.class);
    }
}
