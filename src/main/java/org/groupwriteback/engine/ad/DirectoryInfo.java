package org.groupwriteback.engine.ad;

import java.util.List;

/**
 * What "Test connection" learned from the root DSE: the domain's naming context, the DC's host name,
 * the vendor, and whether the Exchange schema is present (so mail attributes can be written).
 */
public record DirectoryInfo(String defaultNamingContext, String dnsHostName, String serverVendor,
        boolean exchangeSchema, List<String> supportedControls) {
    public DirectoryInfo {
        supportedControls = supportedControls == null ? List.of() : List.copyOf(supportedControls);
    }
}
