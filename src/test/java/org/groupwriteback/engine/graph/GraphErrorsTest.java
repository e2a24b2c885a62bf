package org.groupwriteback.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.odataerrors.MainError;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.ApiExceptionBuilder;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one translation of Graph failures into messages that say what failed and what to do. */
class GraphErrorsTest {
    static final String CLIENT = "11111111-2222-3333-4444-555555555555";
    final GraphErrors errors = new GraphErrors(CLIENT, "https://login.example/tenant", "/etc/gwb/ca.pem",
            new GraphEndpoint("graph.example", "https://graph.example/v1.0", "https://graph.example/beta",
                    "https://graph.example/.default"));

    static ApiException odata(int status, String code, String message) {
        MainError main = new MainError();
        main.setCode(code);
        main.setMessage(message);
        ODataError error = new ODataError();
        error.setError(main);
        return new ApiExceptionBuilder(() -> error).withResponseStatusCode(status).build();
    }

    static ApiException plain(int status) {
        return new ApiExceptionBuilder().withMessage("generalException").withResponseStatusCode(status).build();
    }

    /** Failure, then the parts its message must contain. */
    static Stream<Arguments> translations() {
        return Stream.of(
                Arguments.of(odata(403, "Authorization_RequestDenied", "Insufficient privileges to complete the "
                        + "operation."), List.of("Graph refused to read the group changes", "insufficient privileges",
                        "Authorization_RequestDenied", "Grant the app registration " + CLIENT,
                        "the application permissions " + RequiredPermissions.describe(true))),
                Arguments.of(odata(403, "Authorization_RequestDenied", "This operation requires one of the "
                        + "permissions GroupMember.Read.All, Group.Read.All."), List.of("application permission "
                        + "GroupMember.Read.All, Group.Read.All (the engine needs " + RequiredPermissions.describe(true))),
                Arguments.of(plain(403), List.of("insufficient privileges", "Group.ReadWrite.All")),
                Arguments.of(odata(401, "InvalidAuthenticationToken", "Access token validation failure."),
                        List.of("did not accept the access token when trying to read the group changes",
                                "authority and graphBaseUrl belong to the same cloud")),
                Arguments.of(odata(500, "generalException", "Boom"),
                        List.of("Graph failed to read the group changes: HTTP 500 generalException: Boom")),
                Arguments.of(new UncheckedIOException(new ConnectException("Connection refused")),
                        List.of("Cannot reach graph.example: connection refused")),
                Arguments.of(new RuntimeException(new UnknownHostException("graph.example")),
                        List.of("Cannot reach graph.example: the host name is unknown")),
                Arguments.of(new RuntimeException(new SSLHandshakeException("PKIX path building failed")),
                        List.of("certificate of graph.example is not trusted by /etc/gwb/ca.pem")),
                Arguments.of(new IllegalStateException("Graph answered with an empty page"),
                        List.of("Could not read the group changes from https://graph.example/v1.0: "
                                + "IllegalStateException: Graph answered with an empty page")));
    }

    @ParameterizedTest
    @MethodSource("translations")
    void failuresBecomeMessagesThatSayWhatToDo(RuntimeException failure, List<String> parts) {
        CloudException e = errors.translate("read the group changes", failure);
        assertThat(e.getMessage()).contains(parts);
        assertThat(e.getCause()).isSameAs(failure);
    }

    /** Status and error code of a delta request, and the full-import cause it means (null = not lost). */
    static Stream<Arguments> deltaAnswers() {
        return Stream.of(
                Arguments.of(odata(410, null, "Gone"), "HTTP 410"),
                Arguments.of(plain(410), "HTTP 410"),
                Arguments.of(odata(400, "syncStateNotFound", "expired"), "syncStateNotFound"),
                Arguments.of(odata(400, "resyncRequired", "resync"), "resyncRequired"),
                Arguments.of(odata(410, "resyncRequired", "resync"), "resyncRequired"),
                Arguments.of(odata(400, "badRequest", "no"), null),
                Arguments.of(plain(404), null));
    }

    @ParameterizedTest
    @MethodSource("deltaAnswers")
    void lostDeltaStateIsRecognised(ApiException answer, String reason) {
        assertThat(GraphErrors.deltaStateLost(answer)).isEqualTo(reason);
    }

    @Test
    void lostDeltaStateLeadsToAFullImportWithTheReason() {
        assertThatThrownBy(() -> errors.delta("read the user changes", () -> {
            throw odata(400, "syncStateNotFound", "expired");
        })).isInstanceOf(DeltaStateLost.class).hasMessage("syncStateNotFound");
        assertThat(FullImportReason.deltaStateLost("syncStateNotFound"))
                .isEqualTo("Graph no longer knows the delta state (syncStateNotFound); imported everything again");
        assertThatThrownBy(() -> errors.delta("read the user changes", () -> {
            throw odata(403, "Authorization_RequestDenied", "no");
        })).isInstanceOf(CloudException.class).hasMessageContaining("Graph refused to read the user changes");
    }

    @Test
    void tokenFailuresKeepTheSignInMessage() {
        CloudException signIn = new CloudException("Sign-in to https://login.example/tenant was refused: x");
        RuntimeException wrapped = new RuntimeException(new MsalAccessTokenProvider.TokenFailure(signIn));
        assertThat(errors.translate("read the organization", wrapped)).isSameAs(signIn);
    }

    @Test
    void signInNetworkFailuresNameTheAuthorityHost() {
        assertThat(errors.signIn(new ConnectException("refused")).getMessage())
                .isEqualTo("Cannot reach login.example: connection refused or no route. Check the URL, proxy and "
                        + "firewall.");
        assertThat(errors.signIn(new IllegalStateException("odd")).getMessage())
                .isEqualTo("Sign-in to https://login.example/tenant failed: IllegalStateException: odd");
    }

    @Test
    void permissionsAreFoundInGraphMessages() {
        assertThat(GraphErrors.permissions("Requires User.Read.All or Directory.ReadWrite.All; not Foo.Bar"))
                .containsExactly("User.Read.All", "Directory.ReadWrite.All");
        assertThat(GraphErrors.permissions(null)).isEmpty();
    }
}
