package org.groupwriteback.engine.ad;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Windows security identifier ({@code objectSid}, and Graph's {@code onPremisesSecurityIdentifier}).
 * Compared exactly in its canonical string form; converts to and from AD's binary form.
 */
public record Sid(String value) {
    private static final Pattern FORM = Pattern.compile("S-1-\\d{1,15}(-\\d{1,10}){1,15}");

    public Sid {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a SID: '" + value + "' (expected S-1-<authority>-<sub-authorities>)");
        }
        String[] parts = value.split("-");
        if (Long.parseLong(parts[2]) > 0xFFFFFFFFFFFFL) {
            throw new IllegalArgumentException("not a SID: '" + value + "' (authority exceeds 48 bits)");
        }
        for (int i = 3; i < parts.length; i++) {
            if (Long.parseLong(parts[i]) > 0xFFFFFFFFL) {
                throw new IllegalArgumentException(
                        "not a SID: '" + value + "' (sub-authority " + parts[i] + " exceeds 32 bits)");
            }
        }
    }

    /** True when {@code text} is a well-formed SID string. */
    public static boolean isValid(String text) {
        try {
            new Sid(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Reads the binary form of an {@code objectSid} value. */
    public static Sid fromBytes(byte[] b) {
        if (b == null || b.length < 8 || b[0] != 1 || b.length != 8 + 4 * (b[1] & 0xFF)) {
            throw new IllegalArgumentException("not a binary SID: " + (b == null ? "null" : Arrays.toString(b)));
        }
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = (authority << 8) | (b[i] & 0xFF);
        }
        StringBuilder sb = new StringBuilder("S-1-").append(authority);
        int count = b[1] & 0xFF;
        for (int i = 0; i < count; i++) {
            int off = 8 + 4 * i;
            long sub = (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16
                    | (b[off + 3] & 0xFFL) << 24;
            sb.append('-').append(sub);
        }
        return new Sid(sb.toString());
    }

    /** The binary form AD stores in {@code objectSid}. */
    public byte[] toBytes() {
        String[] parts = value.split("-");
        int count = parts.length - 3;
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 + 4 * count);
        out.write(1);
        out.write(count);
        long authority = Long.parseLong(parts[2]);
        for (int shift = 40; shift >= 0; shift -= 8) {
            out.write((int) (authority >>> shift) & 0xFF);
        }
        for (int i = 3; i < parts.length; i++) {
            long sub = Long.parseLong(parts[i]);
            out.write((int) sub & 0xFF);
            out.write((int) (sub >>> 8) & 0xFF);
            out.write((int) (sub >>> 16) & 0xFF);
            out.write((int) (sub >>> 24) & 0xFF);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return value;
    }
}
