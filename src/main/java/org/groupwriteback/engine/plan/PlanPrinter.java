package org.groupwriteback.engine.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groupwriteback.engine.rules.SkippedMembers;

/**
 * The one renderer of plans and changes: each change as a {@link PlannedChange} (run records, the applier's
 * journal and log) and its line in {@code gwb sync --dry-run} and run reports; a whole {@link Plan} as text
 * (one line per change, then problems and skipped-member counts) or JSON. Stateless and thread-safe.
 */
public final class PlanPrinter {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanPrinter() {
    }

    /** A change in printable form: kind, cloud group, the DN it is about and a short detail. */
    public static PlannedChange describe(Change change) {
        String detail = change.accept(new Change.Visitor<String, RuntimeException>() {
            @Override
            public String create(Change.Create c) {
                return "sAMAccountName=" + c.group().samAccountName() + ", groupType=" + c.group().groupType();
            }

            @Override
            public String update(Change.Update c) {
                return "attributes " + String.join(", ", c.values().keySet());
            }

            @Override
            public String move(Change.Move c) {
                return "-> " + c.to();
            }

            @Override
            public String addMembers(Change.AddMembers c) {
                return "+" + c.members().size() + " member(s)";
            }

            @Override
            public String removeMembers(Change.RemoveMembers c) {
                return "-" + c.members().size() + " member(s)";
            }

            @Override
            public String delete(Change.Delete c) {
                return c.reason();
            }
        });
        return new PlannedChange(change.kind().wire(), change.cloudId(), change.dn().toString(), detail);
    }

    /** One planned change as a line of a run report: kind, cloud group, DN, detail. */
    public static String line(PlannedChange p) {
        return String.format("%-13s %s  %s%s", p.kind(), p.cloudId(), p.dn(),
                p.detail() == null || p.detail().isEmpty() ? "" : "  " + p.detail());
    }

    /** The plan as text, one line per change; member DNs are listed under member changes when {@code verbose}. */
    public static String text(Plan plan, boolean verbose) {
        return String.join(System.lineSeparator(), lines(plan, verbose)) + System.lineSeparator();
    }

    /** The plan as lines: changes in plan order, then problems, then a summary. */
    public static List<String> lines(Plan plan, boolean verbose) {
        Map<String, Integer> addedOnCreate = new HashMap<>();
        for (Change c : plan.changes()) {
            if (c.kind() == ChangeKind.ADD_MEMBERS) {
                addedOnCreate.put(c.cloudId(), c.valueCount());
            }
        }
        List<String> out = new ArrayList<>();
        for (Change c : plan.changes()) {
            out.add(String.format("%-10s %s", c.kind(), planDetail(c, addedOnCreate)));
            if (verbose) {
                out.addAll(memberLines(c));
            }
        }
        for (Plan.Problem p : plan.problems()) {
            out.add(String.format("%-10s %s: %s", "problem", p.code(), p.message()));
        }
        out.add(summary(plan));
        return out;
    }

    private static String planDetail(Change change, Map<String, Integer> addedOnCreate) {
        return change.accept(new Change.Visitor<String, RuntimeException>() {
            @Override
            public String create(Change.Create c) {
                int n = addedOnCreate.getOrDefault(c.cloudId(), 0);
                return c.group().dn() + " (" + (c.group().displayName() == null ? c.cloudId() : c.group().displayName())
                        + ", " + n + (n == 1 ? " member)" : " members)");
            }

            @Override
            public String update(Change.Update c) {
                return c.dn() + ": " + String.join(", ", c.values().keySet());
            }

            @Override
            public String move(Change.Move c) {
                return c.from() + " -> " + c.to();
            }

            @Override
            public String addMembers(Change.AddMembers c) {
                return c.group() + ": +" + c.members().size();
            }

            @Override
            public String removeMembers(Change.RemoveMembers c) {
                return c.group() + ": -" + c.members().size();
            }

            @Override
            public String delete(Change.Delete c) {
                return c.dn() + " (" + c.reason() + ")";
            }
        });
    }

    private static List<String> memberLines(Change change) {
        return change.accept(new Change.Visitor<List<String>, RuntimeException>() {
            @Override
            public List<String> create(Change.Create c) {
                return List.of();
            }

            @Override
            public List<String> update(Change.Update c) {
                return List.of();
            }

            @Override
            public List<String> move(Change.Move c) {
                return List.of();
            }

            @Override
            public List<String> addMembers(Change.AddMembers c) {
                return c.members().stream().map(m -> "           + " + m).toList();
            }

            @Override
            public List<String> removeMembers(Change.RemoveMembers c) {
                return c.members().stream().map(m -> "           - " + m).toList();
            }

            @Override
            public List<String> delete(Change.Delete c) {
                return List.of();
            }
        });
    }

    /** One line: counts per change kind, problems, skipped members. */
    public static String summary(Plan plan) {
        StringBuilder sb = new StringBuilder();
        sb.append(plan.changes().size()).append(plan.changes().size() == 1 ? " change" : " changes");
        List<String> parts = new ArrayList<>();
        counts(plan).forEach((k, v) -> {
            if (v > 0) {
                parts.add(v + " " + k);
            }
        });
        if (!parts.isEmpty()) {
            sb.append(" (").append(String.join(", ", parts)).append(')');
        }
        sb.append("; ").append(plan.problems().size()).append(plan.problems().size() == 1 ? " problem" : " problems");
        SkippedMembers s = plan.skipped();
        sb.append("; skipped members: ").append(s.cloudOnlyUsers()).append(" cloud-only users, ")
                .append(s.usersNotFoundOrOutOfScope()).append(" users not found or out of scope, ")
                .append(s.groupsNotWrittenBack()).append(" groups not written back, ")
                .append(s.otherObjects()).append(" other objects");
        return sb.toString();
    }

    /** Number of changes per kind's wire name ({@code create}, {@code move}, ...), every kind present. */
    public static Map<String, Integer> counts(Plan plan) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ChangeKind k : ChangeKind.values()) {
            counts.put(k.wire(), 0);
        }
        plan.changes().forEach(c -> counts.merge(c.kind().wire(), 1, Integer::sum));
        return counts;
    }

    /** The plan as a JSON tree (for embedding in a run record). */
    public static ObjectNode jsonTree(Plan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode counts = root.putObject("counts");
        counts(plan).forEach(counts::put);
        ArrayNode changes = root.putArray("changes");
        for (Change c : plan.changes()) {
            ObjectNode n = changes.addObject().put("kind", c.kind().wire()).put("cloudId", c.cloudId());
            c.accept(new JsonFields(n));
        }
        ArrayNode problems = root.putArray("problems");
        for (Plan.Problem p : plan.problems()) {
            problems.addObject().put("cloudId", p.cloudId()).put("displayName", p.displayName()).put("code", p.code())
                    .put("message", p.message());
        }
        SkippedMembers s = plan.skipped();
        root.putObject("skippedMembers").put("cloudOnlyUsers", s.cloudOnlyUsers())
                .put("usersNotFoundOrOutOfScope", s.usersNotFoundOrOutOfScope())
                .put("groupsNotWrittenBack", s.groupsNotWrittenBack()).put("otherObjects", s.otherObjects())
                .put("total", s.total());
        return root;
    }

    /** The plan as pretty-printed JSON ({@code gwb sync --dry-run --json}). */
    public static String json(Plan plan) {
        try {
            return MAPPER.writeValueAsString(jsonTree(plan));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Writes the fields of one change into its JSON object. */
    private record JsonFields(ObjectNode n) implements Change.Visitor<ObjectNode, RuntimeException> {
        @Override
        public ObjectNode create(Change.Create c) {
            n.put("dn", c.group().dn().toString());
            n.put("samAccountName", c.group().samAccountName());
            n.put("groupType", c.group().groupType());
            n.put("displayName", c.group().displayName());
            n.put("description", c.group().description());
            n.put("adminDescription", c.group().adminDescription());
            n.put("mail", c.group().mail());
            n.put("mailNickname", c.group().mailNickname());
            c.group().proxyAddresses().forEach(n.putArray("proxyAddresses")::add);
            return n;
        }

        @Override
        public ObjectNode update(Change.Update c) {
            n.put("guid", c.guid().toString()).put("dn", c.dn().toString());
            ObjectNode values = n.putObject("values");
            c.values().forEach((k, v) -> v.forEach(values.putArray(k)::add));
            ObjectNode previous = n.putObject("previous");
            c.previous().forEach((k, v) -> v.forEach(previous.putArray(k)::add));
            return n;
        }

        @Override
        public ObjectNode move(Change.Move c) {
            return n.put("guid", c.guid().toString()).put("from", c.from().toString()).put("to", c.to().toString())
                    .put("rename", c.rename()).put("move", c.move());
        }

        @Override
        public ObjectNode addMembers(Change.AddMembers c) {
            return members(c.group(), c.members());
        }

        @Override
        public ObjectNode removeMembers(Change.RemoveMembers c) {
            return members(c.group(), c.members());
        }

        private ObjectNode members(DN group, List<DN> members) {
            n.put("dn", group.toString());
            ArrayNode array = n.putArray("members");
            members.forEach(m -> array.add(m.toString()));
            return n;
        }

        @Override
        public ObjectNode delete(Change.Delete c) {
            return n.put("guid", c.guid().toString()).put("dn", c.dn().toString()).put("reason", c.reason());
        }
    }
}
