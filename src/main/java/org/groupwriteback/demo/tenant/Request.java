package org.groupwriteback.demo.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the handlers see it: method, the area (first path segment), the decoded path segments
 * below it, query
 * parameters, the origin the client used (for absolute links) and, on Graph paths, the caller's token claims.
 */
record Request(HttpExchange exchange, String method, String rawPath, String area, List<String> segments,
        Map<String, String> query, String origin, JsonNode claims) {

    static Request of(HttpExchange exchange) {
        String rawPath = exchange.getRequestURI().getRawPath();
        List<String> segments = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        return new Request(exchange, exchange.getRequestMethod(), rawPath, "", List.copyOf(segments),
                parseQuery(exchange.getRequestURI().getRawQuery()), origin(exchange), null);
    }

    /** The same request seen below its first segment, which becomes its {@link #area()} ({@code v1.0}, ...). */
    Request belowArea() {
        return new Request(exchange, method, rawPath, segments.get(0), segments.subList(1, segments.size()), query,
                origin, claims);
    }

    Request withClaims(JsonNode value) {
        return new Request(exchange, method, rawPath, area, segments, query, origin, value);
    }

    /** The absolute URL of the area ({@code https://host:port/v1.0}), the base of OData links. */
    String areaUrl() {
        return origin + "/" + area;
    }

    /** Whether this is a {@code /beta} Graph request. */
    boolean beta() {
        return area.equals("beta");
    }

    String segment(int i) {
        return segments.get(i);
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    byte[] body() throws IOException {
        return exchange.getRequestBody().readAllBytes();
    }

    /** The body as an {@code application/x-www-form-urlencoded} form. */
    Map<String, String> form() throws IOException {
        return parseQuery(new String(body(), StandardCharsets.UTF_8));
    }

    private static String origin(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null || host.isBlank()) {
            host = "127.0.0.1:" + ex.getLocalAddress().getPort();
        }
        return "https://" + host;
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> map = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return map;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            map.put(key, value);
        }
        return map;
    }
}
