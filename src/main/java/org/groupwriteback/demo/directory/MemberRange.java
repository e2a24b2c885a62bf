package org.groupwriteback.demo.directory;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.ReadOnlySearchRequest;
import com.unboundid.ldap.sdk.SearchRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Range retrieval of {@code member} as Windows AD does it: {@code member;range=low-high} requests, and
 * unranged reads of a group with more than MaxValRange members answered with the first range only.
 */
final class MemberRange {

    private static final Pattern RANGE = Pattern.compile("(?i)^member;range=(\\d+)-(\\d+|\\*)$");
    private static final String PROPERTY = "gwb.memberRange";

    private MemberRange() {
    }

    /** Notes which member range the search asks for (none: all) and asks the server for plain {@code member}. */
    static void onRequest(InMemoryInterceptedSearchRequest request, ReadOnlySearchRequest original,
            String[] requested) {
        int[] range = null;
        List<String> attrs = new ArrayList<>(Arrays.asList(requested));
        for (int i = 0; i < attrs.size(); i++) {
            Matcher m = RANGE.matcher(attrs.get(i));
            if (m.matches()) {
                int low = Integer.parseInt(m.group(1));
                int high = m.group(2).equals("*") ? Integer.MAX_VALUE : Integer.parseInt(m.group(2));
                range = new int[] {low, high};
                attrs.set(i, "member");
            }
        }
        boolean wantsMember = range != null || attrs.stream().anyMatch(a -> a.equalsIgnoreCase("member"))
                || attrs.isEmpty() || attrs.contains("*");
        if (!wantsMember) {
            return;
        }
        request.setProperty(PROPERTY, range == null ? new int[] {0, -1} : range);
        if (range != null) {
            // Like AD and Samba: when member and a member range are both asked for, only the ranged one comes.
            attrs.removeIf(a -> a.equalsIgnoreCase("member"));
            attrs.add("member");
            SearchRequest changed = original.duplicate();
            changed.setAttributes(attrs);
            request.setRequest(changed);
        }
    }

    /** Cuts {@code member} of a returned entry to the asked range, at most {@code maxValRange} values (0: no limit). */
    static void onEntry(InMemoryInterceptedSearchEntry result, int maxValRange) {
        int[] range = (int[]) result.getProperty(PROPERTY);
        Entry entry = result.getSearchEntry();
        if (range == null || !entry.hasAttribute("member")) {
            return;
        }
        String[] values = entry.getAttributeValues("member");
        int limit = maxValRange;
        int low;
        int high;
        if (range[1] == -1) {
            // Unranged request: AD answers member;range=0-(MaxValRange-1) when there are more values.
            if (limit <= 0 || values.length <= limit) {
                return;
            }
            low = 0;
            high = limit - 1;
        } else {
            low = range[0];
            high = range[1];
            if (limit > 0 && (long) high - low + 1 > limit) {
                high = low + limit - 1;
            }
        }
        Entry e = entry.duplicate();
        e.removeAttribute("member");
        if (low < values.length) {
            boolean last = high >= values.length - 1;
            int end = last ? values.length : high + 1;
            String name = "member;range=" + low + "-" + (last ? "*" : Integer.toString(high));
            e.addAttribute(new Attribute(name, Arrays.copyOfRange(values, low, end)));
        }
        result.setSearchEntry(e);
    }
}
