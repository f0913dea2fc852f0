package de.nachtbrief.llm.local;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a GGUF file (version 3, as specified in llama.cpp's {@code docs/gguf.md}):
 * header, metadata, tensor descriptions, then each tensor's data aligned to 32 bytes.
 * Tensor data is streamed, so files of gigabytes need no memory.
 */
public final class GgufWriter {

	/** GGML tensor types used here, with their block size and bytes per block. */
	public enum TensorType {

		F32(0, 1, 4), Q5_0(6, 32, 22, 0), Q8_0(8, 32, 34, 0), Q4_K(12, 256, 144, 0, 2), Q6_K(14, 256, 210, 208);

		final int id;

		final int blockSize;

		final int blockBytes;

		/**
		 * Where each block keeps its f16 scales (ggml-common.h's block structs), so
		 * random blocks can be given finite ones.
		 */
		final int[] scaleOffsets;

		TensorType(int id, int blockSize, int blockBytes, int... scaleOffsets) {
			this.id = id;
			this.blockSize = blockSize;
			this.blockBytes = blockBytes;
			this.scaleOffsets = scaleOffsets;
		}

		long bytes(long elements) {
			if (elements % this.blockSize != 0) {
				throw new IllegalArgumentException(elements + " elements are not whole blocks of " + this.blockSize);
			}
			return elements / this.blockSize * this.blockBytes;
		}

	}

	/** Writes a tensor's data, exactly {@code bytes} of it. */
	@FunctionalInterface
	public interface TensorData {

		void writeTo(OutputStream out, long bytes) throws IOException;

	}

	private static final int ALIGNMENT = 32;

	private final Map<String, Object> metadata;

	private final List<Tensor> tensors = new ArrayList<>();

	/**
	 * @param metadata key-value pairs in order: String, Integer (u32), Float, Boolean,
	 * String[], float[], int[]
	 */
	public GgufWriter(Map<String, Object> metadata) {
		this.metadata = metadata;
	}

	/** A tensor of 32-bit floats; the first dimension of the shape varies fastest. */
	public GgufWriter f32(String name, float[] values, long... shape) {
		return tensor(name, TensorType.F32, (out, bytes) -> {
			ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
			buffer.asFloatBuffer().put(values);
			out.write(buffer.array());
		}, shape);
	}

	/**
	 * Data of random blocks for a quantized type, for models whose speed matters but not
	 * their answers: one megabyte of blocks from the seed, written over and over, each
	 * block's f16 scales set to {@code 0.001} so no weight is NaN or infinite.
	 */
	public static TensorData randomBlocks(TensorType type, long seed) {
		if (type.scaleOffsets.length == 0) {
			throw new IllegalArgumentException(type + " is not a quantized type");
		}
		byte[] blocks = new byte[(1 << 20) / type.blockBytes * type.blockBytes];
		new Random(seed).nextBytes(blocks);
		short scale = 0x1419; // 0.001 as an IEEE half
		for (int block = 0; block < blocks.length; block += type.blockBytes) {
			for (int offset : type.scaleOffsets) {
				blocks[block + offset] = (byte) scale;
				blocks[block + offset + 1] = (byte) (scale >>> 8);
			}
		}
		return (out, bytes) -> {
			for (long left = bytes; left > 0; left -= Math.min(left, blocks.length)) {
				out.write(blocks, 0, (int) Math.min(left, blocks.length));
			}
		};
	}

	/**
	 * @throws IllegalArgumentException if a row (the first dimension) is not whole
	 * blocks, which llama.cpp refuses to load
	 */
	public GgufWriter tensor(String name, TensorType type, TensorData data, long... shape) {
		if (shape[0] % type.blockSize != 0) {
			throw new IllegalArgumentException(name + ": rows of " + shape[0] + " are not whole " + type + " blocks");
		}
		long elements = 1;
		for (long dimension : shape) {
			elements *= dimension;
		}
		this.tensors.add(new Tensor(name, type, shape, type.bytes(elements), data));
		return this;
	}

	public Path write(Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		try (Out out = new Out(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
			out.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
			out.u32(3);
			out.u64(this.tensors.size());
			out.u64(this.metadata.size());
			this.metadata.forEach(out::keyValue);
			long offset = 0;
			for (Tensor tensor : this.tensors) {
				out.string(tensor.name);
				out.u32(tensor.shape.length);
				for (long dimension : tensor.shape) {
					out.u64(dimension);
				}
				out.u32(tensor.type.id);
				out.u64(offset);
				offset = aligned(offset + tensor.bytes);
			}
			out.pad();
			for (Tensor tensor : this.tensors) {
				long before = out.written;
				tensor.data.writeTo(out, tensor.bytes);
				if (out.written - before != tensor.bytes) {
					throw new IllegalStateException(
							tensor.name + ": wrote " + (out.written - before) + " bytes instead of " + tensor.bytes);
				}
				out.pad();
			}
		}
		return file;
	}

	private static long aligned(long offset) {
		return (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
	}

	private record Tensor(String name, TensorType type, long[] shape, long bytes, TensorData data) {
	}

	/** GGUF's little-endian encodings of numbers, strings, arrays and key-value pairs. */
	private static final class Out extends OutputStream {

		private final OutputStream out;

		private long written;

		Out(OutputStream out) {
			this.out = out;
		}

		@Override
		public void write(int b) throws IOException {
			this.out.write(b);
			this.written++;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.out.write(bytes, offset, length);
			this.written += length;
		}

		@Override
		public void close() throws IOException {
			this.out.close();
		}

		void keyValue(String key, Object value) {
			string(key);
			if (value instanceof String text) {
				u32(8);
				string(text);
			}
			else if (value instanceof Integer number) {
				u32(4);
				u32(number);
			}
			else if (value instanceof Float number) {
				u32(6);
				u32(Float.floatToIntBits(number));
			}
			else if (value instanceof Boolean flag) {
				u32(7);
				bytes(new byte[] { (byte) (flag ? 1 : 0) });
			}
			else if (value instanceof String[] texts) {
				array(8, texts.length);
				for (String text : texts) {
					string(text);
				}
			}
			else if (value instanceof float[] numbers) {
				array(6, numbers.length);
				for (float number : numbers) {
					u32(Float.floatToIntBits(number));
				}
			}
			else if (value instanceof int[] numbers) {
				array(5, numbers.length);
				for (int number : numbers) {
					u32(number);
				}
			}
			else {
				throw new IllegalArgumentException("no GGUF type for " + value.getClass());
			}
		}

		private void array(int elementType, int length) {
			u32(9);
			u32(elementType);
			u64(length);
		}

		void string(String text) {
			byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
			u64(utf8.length);
			bytes(utf8);
		}

		void u32(int value) {
			bytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
		}

		void u64(long value) {
			bytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
		}

		void bytes(byte[] bytes) {
			try {
				write(bytes, 0, bytes.length);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/** Zeros up to the next multiple of the alignment. */
		void pad() {
			while (this.written % ALIGNMENT != 0) {
				bytes(new byte[] { 0 });
			}
		}

	}

}
