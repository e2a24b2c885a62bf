package org.groupwriteback.engine.graph;

import java.net.URI;

/**
 * The configured Microsoft Graph endpoint: its host (the only one that receives tokens), the v1.0 base URL, the
 * matching {@code /beta} base URL and the token scope ({@code <origin>/.default}).
 */
record GraphEndpoint(String host, String v1Base, String betaBase, String scope) {

    /** Parses {@code graphBaseUrl} (e.g. {@code https://graph.microsoft.com/v1.0}); only https is accepted. */
    static GraphEndpoint parse(String graphBaseUrl) throws CloudException {
        if (graphBaseUrl == null) {
            throw new CloudException("The Graph base URL is not set: use e.g. https://graph.microsoft.com/v1.0");
        }
        String v1 = graphBaseUrl.endsWith("/") ? graphBaseUrl.substring(0, graphBaseUrl.length() - 1) : graphBaseUrl;
        URI base;
        try {
            base = URI.create(v1);
        } catch (IllegalArgumentException e) {
            throw new CloudException("The Graph base URL '" + graphBaseUrl + "' is not a valid URL", e);
        }
        if (!"https".equalsIgnoreCase(base.getScheme()) || base.getHost() == null) {
            throw new CloudException("The Graph base URL must be an https:// URL, not " + graphBaseUrl);
        }
        String origin = base.getScheme() + "://" + base.getRawAuthority();
        // Same prefix as the configured v1.0 endpoint (a proxy may put Graph under a path).
        String beta = v1.endsWith("/v1.0") ? v1.substring(0, v1.length() - "/v1.0".length()) + "/beta"
                : origin + "/beta";
        return new GraphEndpoint(base.getHost(), v1, beta, origin + "/.default");
    }

    /** The beta URL of one group, e.g. for its {@code writebackConfiguration}. */
    String betaGroup(CloudId group) {
        return betaBase + "/groups/" + group.value();
    }
}
