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

/**
 * Renders a {@link Plan} for people ({@code gwb sync --dry-run}: one line per change, then problems and
 * skipped-member counts) and for scripts ({@code --dry-run --json}). Stateless and thread-safe.
 */
public final class PlanPrinter {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> KINDS = List.of("create", "move", "rename", "update", "removeMembers",
            "addMembers", "delete");

    private PlanPrinter() {
    }

    /** The plan as text, one line per change; member DNs are listed under member changes when {@code verbose}. */
    public static String text(Plan plan, boolean verbose) {
        return String.join(System.lineSeparator(), lines(plan, verbose)) + System.lineSeparator();
    }

    /** The plan as lines: changes in plan order, then problems, then a summary. */
    public static List<String> lines(Plan plan, boolean verbose) {
        Map<String, Integer> addedOnCreate = new HashMap<>();
        for (Change c : plan.changes()) {
            if (c instanceof Change.AddMembers a) {
                addedOnCreate.put(a.cloudId(), a.members().size());
            }
        }
        List<String> out = new ArrayList<>();
        for (Change c : plan.changes()) {
            out.add(line(c, addedOnCreate));
            if (verbose) {
                List<DN> members = c instanceof Change.AddMembers a ? a.members()
                        : c instanceof Change.RemoveMembers r ? r.members() : List.of();
                for (DN m : members) {
                    out.add("           " + (c instanceof Change.AddMembers ? "+ " : "- ") + m);
                }
            }
        }
        for (Plan.Problem p : plan.problems()) {
            out.add(String.format("%-10s %s: %s", "problem", p.code(), p.message()));
        }
        out.add(summary(plan));
        return out;
    }

    private static String line(Change c, Map<String, Integer> addedOnCreate) {
        String detail;
        if (c instanceof Change.Create cr) {
            int n = addedOnCreate.getOrDefault(cr.cloudId(), 0);
            detail = cr.group().dn() + " (" + (cr.group().displayName() == null ? cr.cloudId() : cr.group().displayName())
                    + ", " + n + (n == 1 ? " member)" : " members)");
        } else if (c instanceof Change.Move mv) {
            detail = mv.from() + " -> " + mv.to();
        } else if (c instanceof Change.Update up) {
            detail = up.dn() + ": " + String.join(", ", up.values().keySet());
        } else if (c instanceof Change.AddMembers a) {
            detail = a.group() + ": +" + a.members().size();
        } else if (c instanceof Change.RemoveMembers r) {
            detail = r.group() + ": -" + r.members().size();
        } else if (c instanceof Change.Delete d) {
            detail = d.dn() + " (" + d.reason() + ")";
        } else {
            throw new IllegalStateException("unknown change " + c);
        }
        return String.format("%-10s %s", c.kind(), detail);
    }

    /** One line: counts per change kind, problems, skipped members. */
    public static String summary(Plan plan) {
        Map<String, Integer> counts = counts(plan);
        StringBuilder sb = new StringBuilder();
        sb.append(plan.changes().size()).append(plan.changes().size() == 1 ? " change" : " changes");
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> {
            if (v > 0) {
                parts.add(v + " " + k);
            }
        });
        if (!parts.isEmpty()) {
            sb.append(" (").append(String.join(", ", parts)).append(')');
        }
        sb.append("; ").append(plan.problems().size()).append(plan.problems().size() == 1 ? " problem" : " problems");
        Plan.SkippedMembers s = plan.skipped();
        sb.append("; skipped members: ").append(s.cloudOnlyUsers()).append(" cloud-only users, ")
                .append(s.usersNotFoundOrOutOfScope()).append(" users not found or out of scope, ")
                .append(s.groupsNotWrittenBack()).append(" groups not written back, ")
                .append(s.otherObjects()).append(" other objects");
        return sb.toString();
    }

    /** Number of changes per kind ({@code create}, {@code move}, {@code rename}, ...), every kind present. */
    public static Map<String, Integer> counts(Plan plan) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        KINDS.forEach(k -> counts.put(k, 0));
        plan.changes().forEach(c -> counts.merge(c.kind(), 1, Integer::sum));
        return counts;
    }

    /** The plan as a JSON tree (for embedding in a run record). */
    public static ObjectNode jsonTree(Plan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode counts = root.putObject("counts");
        counts(plan).forEach(counts::put);
        ArrayNode changes = root.putArray("changes");
        for (Change c : plan.changes()) {
            ObjectNode n = changes.addObject().put("kind", c.kind()).put("cloudId", c.cloudId());
            if (c instanceof Change.Create cr) {
                n.put("dn", cr.group().dn().toString());
                n.put("samAccountName", cr.group().samAccountName());
                n.put("groupType", cr.group().groupType());
                n.put("displayName", cr.group().displayName());
                n.put("description", cr.group().description());
                n.put("adminDescription", cr.group().adminDescription());
                n.put("mail", cr.group().mail());
                n.put("mailNickname", cr.group().mailNickname());
                cr.group().proxyAddresses().forEach(n.putArray("proxyAddresses")::add);
            } else if (c instanceof Change.Move mv) {
                n.put("guid", mv.guid().toString()).put("from", mv.from().toString()).put("to", mv.to().toString())
                        .put("rename", mv.rename()).put("move", mv.move());
            } else if (c instanceof Change.Update up) {
                n.put("guid", up.guid().toString()).put("dn", up.dn().toString());
                ObjectNode values = n.putObject("values");
                up.values().forEach((k, v) -> v.forEach(values.putArray(k)::add));
                ObjectNode previous = n.putObject("previous");
                up.previous().forEach((k, v) -> v.forEach(previous.putArray(k)::add));
            } else if (c instanceof Change.AddMembers a) {
                n.put("dn", a.group().toString());
                ArrayNode members = n.putArray("members");
                a.members().forEach(m -> members.add(m.toString()));
            } else if (c instanceof Change.RemoveMembers r) {
                n.put("dn", r.group().toString());
                ArrayNode members = n.putArray("members");
                r.members().forEach(m -> members.add(m.toString()));
            } else if (c instanceof Change.Delete d) {
                n.put("guid", d.guid().toString()).put("dn", d.dn().toString()).put("reason", d.reason());
            }
        }
        ArrayNode problems = root.putArray("problems");
        for (Plan.Problem p : plan.problems()) {
            problems.addObject().put("cloudId", p.cloudId()).put("displayName", p.displayName()).put("code", p.code())
                    .put("message", p.message());
        }
        Plan.SkippedMembers s = plan.skipped();
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
}
