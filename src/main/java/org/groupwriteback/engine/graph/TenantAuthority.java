package org.groupwriteback.engine.graph;

import java.net.URI;

/**
 * The service's authority: the sign-in host of the administrator's authority with the tenant id the sign-in
 * reached, because client credentials need one tenant ({@code common}/{@code organizations} name many).
 */
public final class TenantAuthority {
    private TenantAuthority() {
    }

    /** {@code https://<host>[:port]/<tenantId>} on the host of {@code signInAuthority}. */
    public static String of(String signInAuthority, String tenantId) {
        URI uri = URI.create(signInAuthority.trim());
        if (uri.getHost() == null || tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("Cannot derive a tenant authority from '" + signInAuthority
                    + "' and tenant '" + tenantId + "'");
        }
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/" + tenantId.trim();
    }
}
