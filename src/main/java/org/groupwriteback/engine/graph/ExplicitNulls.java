package org.groupwriteback.engine.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.kiota.serialization.UntypedArray;
import com.microsoft.kiota.serialization.UntypedNode;
import com.microsoft.kiota.serialization.UntypedNull;
import com.microsoft.kiota.serialization.UntypedObject;
import com.microsoft.kiota.store.BackedModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Keeps "property cleared" apart from "property unchanged" in delta items. Kiota's JSON parser drops properties
 * whose value is {@code null}, so a delta item saying "description was cleared" would look like "description
 * unchanged" and the stale value would stay in AD forever. The interceptor lists each delta item's null properties
 * under {@link #NULL_PROPERTIES}, which Kiota keeps in the item's additional data; {@link #has} reads both.
 */
final class ExplicitNulls implements Interceptor {
    /** Additional-data key under which the interceptor lists a delta item's null properties. */
    static final String NULL_PROPERTIES = "gwb.nullProperties";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        String path = chain.request().url().encodedPath();
        ResponseBody body = response.body();
        if (!response.isSuccessful() || body == null || !(path.endsWith("/delta") || path.endsWith("/delta()"))) {
            return response;
        }
        MediaType type = body.contentType();
        if (type == null || !type.subtype().toLowerCase(Locale.ROOT).contains("json")) {
            return response;
        }
        byte[] bytes = body.bytes();
        byte[] result = bytes;
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root != null && mark(root.path("value"))) {
                result = JSON.writeValueAsBytes(root);
            }
        } catch (IOException e) {
            // Not JSON after all (or truncated): hand the page over unchanged; the SDK reports it.
        }
        return response.newBuilder().removeHeader("Content-Length").body(ResponseBody.create(result, type)).build();
    }

    private static boolean mark(JsonNode items) {
        boolean changed = false;
        for (JsonNode item : items) {
            if (!(item instanceof ObjectNode o)) {
                continue;
            }
            List<String> nulls = new ArrayList<>();
            o.fields().forEachRemaining(f -> {
                if (f.getValue().isNull()) {
                    nulls.add(f.getKey());
                }
            });
            if (!nulls.isEmpty()) {
                ArrayNode a = o.putArray(NULL_PROPERTIES);
                nulls.forEach(a::add);
                changed = true;
            }
        }
        return changed;
    }

    /** True when a delta item carries {@code key}, with a value or as an explicit JSON null (a cleared property). */
    static boolean has(BackedModel model, Map<String, Object> extra, String key) {
        return model.getBackingStore().enumerate().containsKey(key)
                || plain(extra.get(NULL_PROPERTIES)) instanceof List<?> nulls && nulls.contains(key);
    }

    /** Converts Kiota's untyped additional data into maps, lists, strings, booleans and numbers. */
    static Object plain(Object value) {
        if (value instanceof UntypedObject o) {
            Map<String, Object> map = new LinkedHashMap<>();
            o.getValue().forEach((k, v) -> map.put(k, plain(v)));
            return map;
        }
        if (value instanceof UntypedArray a) {
            List<Object> list = new ArrayList<>();
            for (UntypedNode n : a.getValue()) {
                list.add(plain(n));
            }
            return list;
        }
        if (value instanceof UntypedNull) {
            return null;
        }
        if (value instanceof UntypedNode n) {
            return n.getValue();
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> map = new LinkedHashMap<>();
            m.forEach((k, v) -> map.put(String.valueOf(k), plain(v)));
            return map;
        }
        if (value instanceof Iterable<?> it) {
            List<Object> list = new ArrayList<>();
            it.forEach(v -> list.add(plain(v)));
            return list;
        }
        return value;
    }
}
