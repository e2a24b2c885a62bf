package org.groupwriteback.demo.tenant;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Graph's OData query options as the emulator reads them: {@code $top}, {@code $skiptoken}, {@code $select}. */
final class QueryOptions {
    static final int MAX_TOP = 999;

    private final Replies replies;

    QueryOptions(Replies replies) {
        this.replies = replies;
    }

    /** {@code $top}, or the default; 400 outside 1..999 as Graph answers. */
    int top(Map<String, String> q, int defaultTop) throws HttpError {
        String value = q.get("$top");
        if (value == null) {
            return defaultTop;
        }
        int top;
        try {
            top = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            top = -1;
        }
        if (top < 1 || top > MAX_TOP) {
            throw replies.graphFailure(400, "Request_UnsupportedQuery", "Invalid page size specified: '" + value
                    + "'. Must be between 1 and " + MAX_TOP + " inclusive.");
        }
        return top;
    }

    /** The offset a paging {@code $skiptoken} of a plain list carries (0 on the first page). */
    int skip(Map<String, String> q) throws HttpError {
        String value = q.get("$skiptoken");
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw replies.graphFailure(400, "Request_BadRequest", "Invalid skip token.");
        }
    }

    /** The {@code $select} properties, or null for all. */
    static Set<String> select(Map<String, String> q) {
        String value = q.get("$select");
        if (value == null || value.isBlank()) {
            return null;
        }
        Set<String> set = new LinkedHashSet<>();
        for (String s : value.split(",")) {
            set.add(s.trim());
        }
        return set;
    }

    /** {@code &$select=...} to carry the selection into a nextLink. */
    static String selectParam(Map<String, String> q) {
        String select = q.get("$select");
        return select == null ? "" : "&$select=" + URLEncoder.encode(select, StandardCharsets.UTF_8);
    }

    /** The nextLink of a plain list page, or null on the last page. */
    static String nextLink(String collectionUrl, Map<String, String> q, int offset, int top, int total) {
        return offset + top < total ? collectionUrl + "?$top=" + top + "&$skiptoken=" + (offset + top)
                + selectParam(q) : null;
    }

    /** 400 for a selected property the type does not have (writebackConfiguration only on beta groups). */
    void checkSelect(Set<String> select, List<String> fields, boolean beta, String type) throws HttpError {
        if (select == null) {
            return;
        }
        for (String s : select) {
            boolean known = fields.contains(s) || (beta && type.equals("group") && s.equals("writebackConfiguration"))
                    || (type.equals("group") && s.equals("members"));
            if (!known) {
                throw replies.graphFailure(400, "Request_BadRequest", "Could not find a property named '" + s
                        + "' on type 'microsoft.graph." + type + "'.");
            }
        }
    }
}
