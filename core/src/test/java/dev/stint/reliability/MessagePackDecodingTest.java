package dev.stint.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.stint.internal.codec.CodecException;
import dev.stint.internal.codec.StateCodec;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.SizedJob;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Truncated, bit-flipped, oversized and deeply nested MessagePack blobs, decoded the ways the engine decodes
 * stored blobs: each either decodes or fails with {@link CodecException}; none throws anything else (no
 * {@link OutOfMemoryError}, no {@link StackOverflowError}).
 */
class MessagePackDecodingTest {
    private static final int CASES_PER_SEED = 300;

    private final StateCodec codec = new StateCodec();

    static LongStream seeds() {
        long base = Long.getLong("stint.seed", 20261123L);
        return LongStream.range(base, base + 12);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void damaged_blobs_decode_or_fail_with_a_codec_error(long seed) {
        Random random = new Random(seed);
        List<byte[]> originals = List.of(
                codec.encode(new CountJob(1000, 10, 0, "/tmp/side")),
                codec.encode(new SizedJob(300, 20, 30, 40)),
                codec.encode(Map.of("nested", Map.of("list", List.of(1, 2.5, "three", List.of(true, false))),
                        "bytes", new byte[] {1, 2, 3})));
        for (int i = 0; i < CASES_PER_SEED; i++) {
            byte[] damaged = BlobMutations.mutate(originals.get(random.nextInt(originals.size())), random);
            String label = "seed " + seed + " case " + i;
            decodeOrCodecError(label, () -> codec.decode(damaged, CountJob.class));
            decodeOrCodecError(label, () -> codec.decode(damaged, SizedJob.class));
            decodeOrCodecError(label, () -> codec.decode(damaged, Map.class));
            decodeOrCodecError(label, () -> codec.decodeTree(damaged));
            decodeOrCodecError(label, () -> codec.toJson(damaged));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void a_header_declaring_gigabytes_is_refused_before_anything_is_allocated(long seed) {
        Random random = new Random(seed);
        for (int format : new int[] {0xdb, 0xc6, 0xc9, 0xdd, 0xdf}) {
            byte[] blob = {(byte) format, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) random.nextInt(256), 1, 2, 3};
            assertThatThrownBy(() -> codec.decode(blob, Map.class)).as("format 0x%x, seed %d", format, seed)
                    .isInstanceOf(CodecException.class).hasMessageContaining("remain");
        }
    }

    private static void decodeOrCodecError(String label, Runnable decode) {
        try {
            decode.run();
        } catch (CodecException expected) {
            assertThat(expected.getMessage()).as(label).isNotBlank();
        } catch (Throwable t) {
            fail(label + ": expected a decoded value or a CodecException, got " + t, t);
        }
    }
}
