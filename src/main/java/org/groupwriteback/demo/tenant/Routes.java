package org.groupwriteback.demo.tenant;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An ordered route table: method + path pattern -> handler. A pattern is segments separated by {@code /};
 * {@code {id}} matches any one segment and {@code a|b} either spelling; method {@link #ANY} matches every method. The first matching route wins.
 */
final class Routes {
    /** The method of a route that answers every method itself. */
    static final String ANY = "*";

    /** Answers one request of an area. */
    @FunctionalInterface
    interface Handler {
        Reply handle(Request request) throws IOException, HttpError;
    }

    /** A route and the application permissions (any one of) it needs; empty = none. */
    record Route(String method, List<String> pattern, Set<String> roles, Handler handler) {
        boolean matches(String requestMethod, List<String> segments) {
            if (!(method.equals(ANY) || method.equals(requestMethod)) || segments.size() != pattern.size()) {
                return false;
            }
            for (int i = 0; i < pattern.size(); i++) {
                String p = pattern.get(i);
                if (!p.equals("{id}") && !List.of(p.split("\\|")).contains(segments.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Route> routes = new ArrayList<>();

    Routes add(String method, String pattern, Set<String> roles, Handler handler) {
        routes.add(new Route(method, List.of(pattern.split("/")), Set.copyOf(roles), handler));
        return this;
    }

    Routes add(String method, String pattern, Handler handler) {
        return add(method, pattern, Set.of(), handler);
    }

    Optional<Route> find(String method, List<String> segments) {
        return routes.stream().filter(r -> r.matches(method, segments)).findFirst();
    }
}
