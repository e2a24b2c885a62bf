package org.groupwriteback.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.groupwriteback.engine.ad.GroupType;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudSnapshot;
import org.groupwriteback.engine.graph.CloudSource;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.engine.rules.Eligibility;
import org.groupwriteback.engine.rules.WritebackRules;
import org.groupwriteback.engine.state.Anchor;
import org.groupwriteback.engine.state.StateException;
import org.groupwriteback.engine.state.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gwb writeback list|set}: the per-group writeback state, as the admin portal's "Writeback settings"
 * (Writeback enabled, Target writeback type) shows and changes it.
 */
@Command(name = "writeback", mixinStandardHelpOptions = true,
        description = {"Per-group writeback settings (the portal's 'Writeback settings').",
            "  list            every cloud group as of the last import: writeback setting, whether it is written back",
            "                  (and why not), and its AD DN when the engine manages it",
            "  set GROUP-ID    changes the group's writebackConfiguration in Entra ID (needs Group.ReadWrite.All);",
            "                  the next sync cycle applies it"},
        footer = {"", "Exit codes: 0 ok; 1 Entra ID refused or could not be reached; 2 bad usage or configuration."})
public final class WritebackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "list | set")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "GROUP-ID", description = "the cloud group's object id (set)")
    String groupId;

    @Mixin
    DataOption data;

    // arity 1: cli.md documents "--enabled true|false"; a Boolean option is otherwise a flag that refuses the value.
    @Option(names = "--enabled", arity = "1", paramLabel = "true|false",
            description = "Writeback enabled for the group (set).")
    Boolean enabled;

    @Option(names = "--type", paramLabel = "T",
            description = "Target writeback type (set): universalDistributionGroup, universalSecurityGroup or "
                    + "universalMailEnabledSecurityGroup.")
    String type;

    @Option(names = "--json", description = "list: print a JSON array.")
    boolean json;

    private final EngineWiring wiring;

    public WritebackCommand() {
        this(EngineWiring.product());
    }

    WritebackCommand(EngineWiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() throws ConfigurationException, CloudException, CliException, IOException {
        return switch (action) {
            case "list" -> list();
            case "set" -> set();
            default -> usage("unknown action '" + action + "': use list or set");
        };
    }

    private int list() throws ConfigurationException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        SyncConfiguration config = data.directory().load();
        CloudSnapshot snapshot;
        Map<String, Anchor> anchors;
        try (StateStore store = StateStore.open(data.path())) {
            snapshot = store.loadSnapshot();
            anchors = store.anchors();
        }
        if (snapshot.groups().isEmpty()) {
            out.println("no cloud groups imported into " + data + " yet: run gwb sync first");
            out.flush();
            return 0;
        }
        boolean enabledAsAWhole = config.writebackEnabled();
        List<CloudGroup> groups = new ArrayList<>(snapshot.groups().values());
        groups.sort(Comparator.comparing((CloudGroup g) -> String.valueOf(g.displayName())).thenComparing(CloudGroup::id));
        ArrayNode array = new ObjectMapper().createArrayNode();
        for (CloudGroup g : groups) {
            Eligibility e = WritebackRules.eligibility(g);
            Anchor a = anchors.get(g.id());
            ObjectNode n = array.addObject();
            n.put("id", g.id());
            n.put("displayName", g.displayName());
            n.put("kind", g.isUnified() ? "microsoft365" : g.securityEnabled() && !g.mailEnabled() ? "security"
                    : "other");
            n.put("isEnabled", g.writeback().isEnabled());
            n.put("onPremisesGroupType", g.writeback().onPremisesGroupType());
            n.put("writtenBack", enabledAsAWhole && e.eligible());
            n.put("reason", e.eligible() ? null : e.reason().description());
            n.put("adDn", a == null ? null : a.lastKnownDn());
            n.put("softDeleted", g.softDeleted());
        }
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(array));
        } else {
            if (!enabledAsAWhole) {
                out.println("group writeback is disabled as a whole: nothing is written back");
            }
            for (var n : array) {
                out.printf("%-36s  %-12s  %-5s  %s%n    %s%n", n.get("id").asText(), n.get("kind").asText(),
                        n.get("writtenBack").asBoolean() ? "yes" : "no", n.get("displayName").asText(),
                        n.get("writtenBack").asBoolean()
                                ? (n.get("adDn").isNull() ? "written back on the next cycle" : n.get("adDn").asText())
                                : n.get("reason").isNull() ? "" : n.get("reason").asText());
            }
        }
        out.flush();
        return 0;
    }

    private int set() throws ConfigurationException, CloudException, CliException {
        if (groupId == null || groupId.isBlank()) {
            return usage("set needs the GROUP-ID of the cloud group");
        }
        if (enabled == null && type == null) {
            return usage("set needs --enabled true|false and/or --type T");
        }
        if (type != null && GroupType.fromGraphName(type).isEmpty()) {
            return usage("--type '" + type + "' is not a writeback type: use universalDistributionGroup, "
                    + "universalSecurityGroup or universalMailEnabledSecurityGroup");
        }
        SyncConfiguration config = data.directory().load();
        // A PATCH sets both values: keep the one not given as the last import saw it (Graph's own default if none).
        WritebackConfiguration current = WritebackConfiguration.UNSET;
        try (StateStore store = StateStore.open(data.path())) {
            CloudGroup known = store.loadSnapshot().groups().get(groupId);
            if (known != null) {
                current = known.writeback();
            }
        }
        WritebackConfiguration wanted = new WritebackConfiguration(enabled != null ? enabled : current.isEnabled(),
                type != null ? GroupType.fromGraphName(type).get().graphName() : current.onPremisesGroupType());
        try (CloudSource cloud = wiring.connectors().cloud(config, data.path())) {
            cloud.setWriteback(groupId, wanted);
        }
        spec.commandLine().getOut().println("writeback settings of " + groupId + " changed in Entra ID"
                + (enabled == null ? "" : ": enabled=" + enabled) + (type == null ? "" : ", type=" + type)
                + "; the next sync cycle applies them");
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static int usage(String message) throws CliException {
        throw CliException.usage(message);
    }
}
