package io.cairn.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** Protobuf and gRPC framing of the health messages, byte for byte. */
class GrpcHealthWireTest {

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    @Test
    void aRequestIsFieldOneInALengthPrefixedFrame() {
        assertThat(bytes(GrpcHealthWire.request("ok"))).containsExactly(0, 0, 0, 0, 4, 0x0A, 2, 'o', 'k');
        assertThat(bytes(GrpcHealthWire.request(""))).containsExactly(0, 0, 0, 0, 0);
        // a 200-byte name takes a two-byte varint length
        byte[] longName = bytes(GrpcHealthWire.request("s".repeat(200)));
        assertThat(longName).startsWith(0, 0, 0, 0, (byte) 203, 0x0A, (byte) 0xC8, 0x01);
    }

    @Test
    void theResponseStatusIsFieldOneAndUnknownFieldsAreSkipped() {
        assertThat(GrpcHealthWire.responseStatus(new byte[] {0x08, 0x01})).isEqualTo(1);
        assertThat(GrpcHealthWire.responseStatus(new byte[0])).isZero();
        // field 2 string "x", field 3 fixed32, then status 2
        assertThat(GrpcHealthWire.responseStatus(new byte[] {0x12, 1, 'x', 0x1D, 1, 2, 3, 4, 0x08, 0x02})).isEqualTo(2);
        assertThatThrownBy(() -> GrpcHealthWire.responseStatus(new byte[] {0x08})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrpcHealthWire.responseStatus(new byte[] {0x12, 5, 'x'})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReaderWaitsForAWholeFrameAcrossChunks() {
        GrpcHealthWire.Reader reader = new GrpcHealthWire.Reader();
        reader.add(ByteBuffer.wrap(new byte[] {0, 0, 0}));
        reader.add(ByteBuffer.wrap(new byte[] {0, 2, 0x08}));
        assertThat(reader.message()).isNull();
        reader.add(ByteBuffer.wrap(new byte[] {0x01}));
        assertThat(reader.message()).containsExactly(0x08, 0x01);
    }

    @Test
    void aCompressedOrHugeMessageIsRefused() {
        assertThatThrownBy(() -> new GrpcHealthWire.Reader().add(ByteBuffer.wrap(new byte[] {1, 0, 0, 0, 2, 8, 1})))
                .hasMessageContaining("compressed");
        assertThatThrownBy(() -> new GrpcHealthWire.Reader().add(ByteBuffer.wrap(new byte[] {0, 0x7F, 0, 0, 0})))
                .hasMessageContaining("larger than max");
    }

    @Test
    void statusNamesAreGosEnumNames() {
        assertThat(GrpcHealthWire.statusName(2)).isEqualTo("NOT_SERVING");
        assertThat(GrpcHealthWire.statusName(3)).isEqualTo("SERVICE_UNKNOWN");
        assertThat(GrpcHealthWire.statusName(9)).isEqualTo("9");
    }
}
