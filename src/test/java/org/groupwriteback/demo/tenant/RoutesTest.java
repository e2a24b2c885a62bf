package org.groupwriteback.demo.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutesTest {
    private static Routes.Handler answering(int status) {
        return r -> Reply.json(status, null);
    }

    private final Routes routes = new Routes()
            .add("GET", "groups/delta|delta()", Set.of("Group.Read.All"), answering(1))
            .add("GET", "groups/{id}", answering(2))
            .add("GET", "groups/{id}/members", answering(3))
            .add("PATCH", "groups/{id}", answering(4))
            .add(Routes.ANY, "oauth2/v2.0/token", answering(5));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET, groups/delta, 1",
            "GET, groups/delta(), 1",
            "GET, groups/b0000000-0000-0000-0000-000000000001, 2",
            "GET, groups/anything, 2",
            "GET, groups/x/members, 3",
            "PATCH, groups/x, 4",
            "POST, oauth2/v2.0/token, 5",
            "GET, oauth2/v2.0/token, 5",
            "DELETE, groups/x, 0",
            "GET, groups, 0",
            "GET, groups/x/owners, 0",
            "GET, users/delta, 0"})
    void firstMatchingRouteWinsAndUnknownPathsMatchNothing(String method, String path, int expected) throws Exception {
        Optional<Routes.Route> route = routes.find(method, List.of(path.split("/")));
        int status = route.isEmpty() ? 0 : route.get().handler().handle(null).status();
        assertThat(status).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} needs {1}")
    @CsvSource({"groups/delta, Group.Read.All", "groups/x, ''"})
    void aRouteCarriesThePermissionsItNeeds(String path, String role) {
        Set<String> roles = routes.find("GET", List.of(path.split("/"))).orElseThrow().roles();
        assertThat(roles).isEqualTo(role.isEmpty() ? Set.of() : Set.of(role));
    }
}
