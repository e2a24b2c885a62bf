package org.groupwriteback.engine.ad;

import java.util.Arrays;
import java.util.Optional;

/**
 * The universal group types writeback can create, with the AD {@code groupType} integer and the
 * Graph {@code onPremisesGroupType} name.
 */
public enum GroupType {
    UNIVERSAL_DISTRIBUTION("universalDistributionGroup", 8, false),
    UNIVERSAL_SECURITY("universalSecurityGroup", -2147483640, false),
    UNIVERSAL_MAIL_ENABLED_SECURITY("universalMailEnabledSecurityGroup", -2147483640, true);

    /** AD groupType flag: the group is a security group. */
    public static final int SECURITY_FLAG = 0x80000000;
    /** AD groupType flag: domain-local scope. */
    public static final int DOMAIN_LOCAL_FLAG = 0x4;
    /** AD groupType flag: global scope. */
    public static final int GLOBAL_FLAG = 0x2;
    /** AD groupType flag: universal scope. */
    public static final int UNIVERSAL_FLAG = 0x8;

    private final String graphName;
    private final int adValue;
    private final boolean mailEnabled;

    GroupType(String graphName, int adValue, boolean mailEnabled) {
        this.graphName = graphName;
        this.adValue = adValue;
        this.mailEnabled = mailEnabled;
    }

    /** The Graph {@code onPremisesGroupType} value. */
    public String graphName() {
        return graphName;
    }

    /** The AD {@code groupType} attribute value. */
    public int adValue() {
        return adValue;
    }

    /** True when the AD group carries mail attributes ({@code mail}, {@code proxyAddresses}). */
    public boolean mailEnabled() {
        return mailEnabled || this == UNIVERSAL_DISTRIBUTION;
    }

    /** Looks up a Graph {@code onPremisesGroupType} (case-insensitive). */
    public static Optional<GroupType> fromGraphName(String name) {
        return Arrays.stream(values()).filter(t -> t.graphName.equalsIgnoreCase(name)).findFirst();
    }
}
