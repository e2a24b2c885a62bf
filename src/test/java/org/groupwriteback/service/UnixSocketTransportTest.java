package org.groupwriteback.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketTransportTest {
    @TempDir
    java.nio.file.Path tmp;

    private record User(String getName) implements UserPrincipal {
    }

    @Test
    void onlyTheServiceAccountAndRootMayUseTheChannel() {
        User gwb = new User("gwb");
        User root = new User("root");
        assertThat(UnixSocketTransport.refusal(gwb, gwb, root)).isEmpty();
        assertThat(UnixSocketTransport.refusal(root, gwb, root)).isEmpty();
        assertThat(UnixSocketTransport.refusal(new User("alice"), gwb, root)).hasValueSatisfying(m -> assertThat(m)
                .contains("user alice may not use the group-writeback service").contains("runs as gwb")
                .contains("run the command as root or as gwb"));
    }

    @Test
    void aClientGetsProgressThenTheAnswerAndNoServiceMeansNoClient() throws Exception {
        assertThat(ControlClient.find(tmp)).isEmpty();
        ControlServer.Handler handler = (request, progress) -> {
            if (request instanceof ControlRequest.Runs r) {
                progress.accept("looking up " + r.last() + " run(s)");
                return new ControlResponse.Runs(List.of());
            }
            return new ControlResponse.Error("unexpected " + request, 2, List.of());
        };
        try (ControlServer server = new ControlServer(new UnixSocketTransport(tmp), handler)) {
            ControlClient client = ControlClient.find(tmp).orElseThrow();
            StringBuilder seen = new StringBuilder();
            Consumer<String> progress = seen::append;
            assertThat(client.call(new ControlRequest.Runs(3), progress)).isEqualTo(new ControlResponse.Runs(List.of()));
            assertThat(seen).hasToString("looking up 3 run(s)");
            assertThat(client.call(new ControlRequest.Status())).isInstanceOfSatisfying(ControlResponse.Error.class,
                    e -> assertThat(e.exitCode()).isEqualTo(2));
        }
        assertThat(tmp.resolve(UnixSocketTransport.SOCKET_FILE)).doesNotExist();
        assertThat(ControlClient.find(tmp)).isEqualTo(Optional.empty());
    }
}
