package org.groupwriteback.engine.graph;

/** The tenant the engine signed in to, as shown on the Connect to Entra ID page. */
public record TenantInfo(String tenantId, String displayName, String defaultDomain) {
}
