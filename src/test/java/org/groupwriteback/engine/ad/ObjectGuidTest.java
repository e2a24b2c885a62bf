package org.groupwriteback.engine.ad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one conversion between a GUID and the 16 bytes AD stores (first three fields little-endian). */
class ObjectGuidTest {
    private static final UUID GROUP_CLASS = UUID.fromString("bf967a9c-0de6-11d0-a285-00aa003049e2");

    @Test
    void bytesAreInAdOrder() {
        assertThat(HexFormat.of().formatHex(new ObjectGuid(GROUP_CLASS).toBytes()))
                .isEqualTo("9c7a96bfe60dd011a28500aa003049e2");
    }

    @Test
    void bytesReadBackToTheSameGuid() {
        byte[] bytes = HexFormat.of().parseHex("9c7a96bfe60dd011a28500aa003049e2");
        assertThat(ObjectGuid.fromBytes(bytes).uuid()).isEqualTo(GROUP_CLASS);
        ObjectGuid random = new ObjectGuid(UUID.randomUUID());
        assertThat(ObjectGuid.fromBytes(random.toBytes())).isEqualTo(random);
    }

    @Test
    void onlySixteenBytesAreAGuid() {
        assertThatThrownBy(() -> ObjectGuid.fromBytes(new byte[15])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
    }
}
