package org.groupwriteback.engine.ad;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.UUID;

/**
 * An AD {@code objectGUID}: the target anchor of a written-back group. AD stores it as 16 bytes whose
 * first three fields are little-endian; {@link #toString()} gives the usual string form
 * ({@code Get-ADGroup} prints the same).
 */
public record ObjectGuid(UUID uuid) {
    public ObjectGuid {
        Objects.requireNonNull(uuid, "uuid");
    }

    /** Parses the string form, e.g. {@code 6f1a...}. */
    public static ObjectGuid parse(String text) {
        return new ObjectGuid(UUID.fromString(text));
    }

    /** Reads the 16 bytes of an {@code objectGUID} attribute value. */
    public static ObjectGuid fromBytes(byte[] b) {
        if (b == null || b.length != 16) {
            throw new IllegalArgumentException("objectGUID must be 16 bytes, got " + (b == null ? "null" : b.length));
        }
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long d1 = le.getInt(0) & 0xFFFFFFFFL;
        long d2 = le.getShort(4) & 0xFFFFL;
        long d3 = le.getShort(6) & 0xFFFFL;
        long msb = (d1 << 32) | (d2 << 16) | d3;
        long lsb = ByteBuffer.wrap(b, 8, 8).order(ByteOrder.BIG_ENDIAN).getLong();
        return new ObjectGuid(new UUID(msb, lsb));
    }

    /** The 16 bytes as AD stores them. */
    public byte[] toBytes() {
        long msb = uuid.getMostSignificantBits();
        ByteBuffer out = ByteBuffer.allocate(16);
        out.order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) (msb >>> 32));
        out.putShort(4, (short) (msb >>> 16));
        out.putShort(6, (short) msb);
        out.order(ByteOrder.BIG_ENDIAN).putLong(8, uuid.getLeastSignificantBits());
        return out.array();
    }

    @Override
    public String toString() {
        return uuid.toString();
    }
}
