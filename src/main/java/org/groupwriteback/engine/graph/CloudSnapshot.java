package org.groupwriteback.engine.graph;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The engine's copy of the tenant: every group and user seen by import, the delta links to continue
 * from, and the tenant's default for Microsoft 365 group writeback. {@link CloudSource} updates it in
 * place; the state store persists it between cycles. Not thread-safe: one cycle owns it at a time.
 */
public final class CloudSnapshot {
    private final Map<String, CloudGroup> groups = new HashMap<>();
    private final Map<String, CloudUser> users = new HashMap<>();
    private final Set<String> changedGroupIds = new HashSet<>();
    private final Set<String> changedUserIds = new HashSet<>();
    private final Map<String, CloudDevice> devices = new HashMap<>();
    private final Set<String> changedDeviceIds = new HashSet<>();
    private String groupsDeltaLink;
    private String usersDeltaLink;
    private String devicesDeltaLink;
    private boolean unifiedWritebackDefault = true;

    /** Groups by cloud object id, including soft-deleted ones (flagged). */
    public Map<String, CloudGroup> groups() {
        return groups;
    }

    /** Users by cloud object id. */
    public Map<String, CloudUser> users() {
        return users;
    }

    public void putGroup(CloudGroup group) {
        groups.put(group.id(), group);
        changedGroupIds.add(group.id());
    }

    /** Forgets a permanently deleted group. */
    public void removeGroup(String id) {
        groups.remove(id);
        changedGroupIds.add(id);
    }

    public void putUser(CloudUser user) {
        users.put(user.id(), user);
        changedUserIds.add(user.id());
    }

    public void removeUser(String id) {
        users.remove(id);
        changedUserIds.add(id);
    }

    /** Devices by cloud object id (members of groups that are devices are resolved through them). */
    public Map<String, CloudDevice> devices() {
        return devices;
    }

    public void putDevice(CloudDevice device) {
        devices.put(device.id(), device);
        changedDeviceIds.add(device.id());
    }

    public void removeDevice(String id) {
        devices.remove(id);
        changedDeviceIds.add(id);
    }

    /** Ids of devices put or removed since {@link #clearChanges()}. */
    public Set<String> changedDeviceIds() {
        return changedDeviceIds;
    }

    public String devicesDeltaLink() {
        return devicesDeltaLink;
    }

    public void setDevicesDeltaLink(String link) {
        this.devicesDeltaLink = link;
    }

    /** Ids of groups put or removed since {@link #clearChanges()}; what the state store must write. */
    public Set<String> changedGroupIds() {
        return changedGroupIds;
    }

    /** Ids of users put or removed since {@link #clearChanges()}. */
    public Set<String> changedUserIds() {
        return changedUserIds;
    }

    public void clearChanges() {
        changedGroupIds.clear();
        changedUserIds.clear();
        changedDeviceIds.clear();
    }

    public String groupsDeltaLink() {
        return groupsDeltaLink;
    }

    public void setGroupsDeltaLink(String link) {
        this.groupsDeltaLink = link;
    }

    public String usersDeltaLink() {
        return usersDeltaLink;
    }

    public void setUsersDeltaLink(String link) {
        this.usersDeltaLink = link;
    }

    /** The tenant setting {@code NewUnifiedGroupWritebackDefault} (absent = true). */
    public boolean unifiedWritebackDefault() {
        return unifiedWritebackDefault;
    }

    public void setUnifiedWritebackDefault(boolean value) {
        this.unifiedWritebackDefault = value;
    }
}
