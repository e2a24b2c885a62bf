package org.groupwriteback.demo.tenant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Writes the emulator's JSON answers: values, OData pages, Graph errors and Entra (AADSTS) errors. */
final class Replies {
    private final ObjectMapper json;

    Replies(ObjectMapper json) {
        this.json = json;
    }

    ObjectMapper mapper() {
        return json;
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    Reply ok(JsonNode body) {
        return status(200, body);
    }

    Reply status(int status, JsonNode body) {
        try {
            return Reply.json(status, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an emulator answer as JSON", e);
        }
    }

    /** An OData collection page with its optional {@code @odata.nextLink} / {@code @odata.deltaLink}. */
    ObjectNode page(String context, List<ObjectNode> items, String next, String deltaLink) {
        ObjectNode root = json.createObjectNode();
        root.put("@odata.context", context);
        if (next != null) {
            root.put("@odata.nextLink", next);
        }
        if (deltaLink != null) {
            root.put("@odata.deltaLink", deltaLink);
        }
        root.putArray("value").addAll(items);
        return root;
    }

    /** An error in Graph's shape: {@code {"error":{"code","message","innerError":{...}}}}. */
    Reply graphError(int status, String code, String message) {
        ObjectNode root = json.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code).put("message", message);
        ObjectNode inner = error.putObject("innerError");
        inner.put("date", Instant.now().toString()).put("request-id", UUID.randomUUID().toString())
                .put("client-request-id", UUID.randomUUID().toString());
        return status(status, root);
    }

    HttpError graphFailure(int status, String code, String message) {
        return new HttpError(graphError(status, code, message));
    }

    /** Graph's 404 for an object id. */
    Reply notFound(String id) {
        return graphError(404, "Request_ResourceNotFound", "Resource '" + id
                + "' does not exist or one of its queried reference-property objects are not present.");
    }

    /** An error in the token endpoint's shape (what MSAL parses): {@code error}, AADSTS code, trace ids. */
    Reply aadError(int status, String error, int code, String description) {
        ObjectNode root = json.createObjectNode();
        String trace = UUID.randomUUID().toString();
        String correlation = UUID.randomUUID().toString();
        root.put("error", error)
                .put("error_description", "AADSTS" + code + ": " + description + "\r\nTrace ID: " + trace
                        + "\r\nCorrelation ID: " + correlation + "\r\nTimestamp: " + Instant.now())
                .put("timestamp", Instant.now().toString()).put("trace_id", trace).put("correlation_id", correlation);
        root.putArray("error_codes").add(code);
        return status(status, root);
    }
}
