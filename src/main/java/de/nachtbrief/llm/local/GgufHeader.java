package de.nachtbrief.llm.local;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the head of a GGUF file says (llama.cpp's {@code docs/gguf.md}): its architecture,
 * name, trained context, and how many bytes its tensors need, so that a download cut off
 * short is recognised before llama.cpp is asked, and {@code model list} can describe a
 * file without loading it.
 */
public record GgufHeader(int version, String architecture, String name, long contextLength, long tensorCount,
		long parameterCount, long bytesNeeded) {

	/** GGML tensor types by id: elements per block and bytes per block. */
	private static final Map<Integer, int[]> TYPES = Map.ofEntries(Map.entry(0, new int[] { 1, 4 }),
			Map.entry(1, new int[] { 1, 2 }), Map.entry(2, new int[] { 32, 18 }), Map.entry(3, new int[] { 32, 20 }),
			Map.entry(6, new int[] { 32, 22 }), Map.entry(7, new int[] { 32, 24 }), Map.entry(8, new int[] { 32, 34 }),
			Map.entry(9, new int[] { 32, 36 }), Map.entry(10, new int[] { 256, 84 }),
			Map.entry(11, new int[] { 256, 110 }), Map.entry(12, new int[] { 256, 144 }),
			Map.entry(13, new int[] { 256, 176 }), Map.entry(14, new int[] { 256, 210 }),
			Map.entry(15, new int[] { 256, 292 }), Map.entry(16, new int[] { 256, 66 }),
			Map.entry(17, new int[] { 256, 74 }), Map.entry(18, new int[] { 256, 98 }),
			Map.entry(19, new int[] { 256, 50 }), Map.entry(20, new int[] { 32, 18 }),
			Map.entry(21, new int[] { 256, 110 }), Map.entry(22, new int[] { 256, 82 }),
			Map.entry(23, new int[] { 256, 136 }), Map.entry(24, new int[] { 1, 1 }), Map.entry(25, new int[] { 1, 2 }),
			Map.entry(26, new int[] { 1, 4 }), Map.entry(27, new int[] { 1, 8 }), Map.entry(28, new int[] { 1, 8 }),
			Map.entry(29, new int[] { 256, 56 }), Map.entry(30, new int[] { 1, 2 }),
			Map.entry(34, new int[] { 256, 54 }), Map.entry(35, new int[] { 256, 66 }));

	/**
	 * More array elements or tensors than any real model has mean the file is damaged.
	 */
	private static final long SANITY_LIMIT = 1L << 31;

	/** Chat templates, the longest strings in real files, take kilobytes. */
	private static final long LONGEST_STRING = 16L << 20;

	/**
	 * Reads the head of a GGUF file.
	 * @throws LocalModelException when it is not GGUF or ends inside its head
	 */
	public static GgufHeader read(Path file) {
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
			Reader reader = new Reader(in);
			if (in.readInt() != 0x47475546) { // "GGUF" read big-endian
				throw new LocalModelException(file.toAbsolutePath() + " is not a GGUF model file (it does not start"
						+ " with 'GGUF'); download it again, or convert the model with llama.cpp's convert_hf_to_gguf.py");
			}
			int version = reader.u32();
			if (version < 2 || version > 3) {
				throw new LocalModelException(file.toAbsolutePath() + " is GGUF version " + version
						+ ", which this llama.cpp build cannot read (it reads versions 2 and 3)");
			}
			long tensors = reader.count();
			long pairs = reader.count();
			String architecture = "?";
			String name = "";
			long contextLength = 0;
			long alignment = 32;
			for (long i = 0; i < pairs; i++) {
				String key = reader.string();
				Object value = reader.value(reader.u32());
				if (key.equals("general.architecture") && value instanceof String text) {
					architecture = text;
				}
				else if (key.equals("general.name") && value instanceof String text) {
					name = text;
				}
				else if (key.equals("general.alignment") && value instanceof Number number) {
					alignment = number.longValue();
					if (alignment <= 0 || Long.bitCount(alignment) != 1) {
						throw new Damaged("an alignment of " + alignment);
					}
				}
				else if (key.endsWith(".context_length") && value instanceof Number number) {
					contextLength = number.longValue();
				}
			}
			long parameters = 0;
			long end = 0;
			boolean sizesKnown = true;
			for (long i = 0; i < tensors; i++) {
				reader.string();
				int dimensions = reader.u32();
				long elements = 1;
				for (int d = 0; d < dimensions; d++) {
					elements *= reader.count();
				}
				int[] type = TYPES.get(reader.u32());
				long offset = reader.u64();
				parameters += elements;
				if (type == null) {
					sizesKnown = false;
				}
				else {
					end = Math.max(end, offset + elements / type[0] * type[1]);
				}
			}
			long dataStart = (reader.position + alignment - 1) / alignment * alignment;
			return new GgufHeader(version, architecture, name, contextLength, tensors, parameters,
					sizesKnown ? dataStart + end : -1);
		}
		catch (EOFException ex) {
			throw new LocalModelException(file.toAbsolutePath() + " ends inside its GGUF header: the download was cut"
					+ " off or the file is damaged", ex);
		}
		catch (Damaged ex) {
			throw new LocalModelException(
					file.toAbsolutePath() + " has a damaged GGUF header (" + ex.getMessage() + "); download it again",
					ex);
		}
		catch (IOException ex) {
			throw new LocalModelException("cannot read the model file " + file.toAbsolutePath() + ": " + ex, ex);
		}
	}

	/** A header value no real GGUF file has. */
	private static final class Damaged extends IOException {

		Damaged(String message) {
			super(message);
		}

	}

	/** GGUF's little-endian numbers, strings and arrays. */
	private static final class Reader {

		private final DataInputStream in;

		private long position = 4;

		Reader(DataInputStream in) {
			this.in = in;
		}

		int u32() throws IOException {
			this.position += 4;
			return Integer.reverseBytes(this.in.readInt());
		}

		long u64() throws IOException {
			this.position += 8;
			return Long.reverseBytes(this.in.readLong());
		}

		/** A length or count, refused when no real file would have it. */
		long count() throws IOException {
			long count = u64();
			if (count < 0 || count > SANITY_LIMIT) {
				throw new Damaged("a count of " + count + " in the header");
			}
			return count;
		}

		String string() throws IOException {
			long length = count();
			if (length > LONGEST_STRING) {
				throw new Damaged("a string of " + length + " bytes in the header");
			}
			byte[] bytes = new byte[(int) length];
			this.in.readFully(bytes);
			this.position += bytes.length;
			return new String(bytes, StandardCharsets.UTF_8);
		}

		/** Reads a value of the given GGUF type; arrays are skipped and read as null. */
		Object value(int type) throws IOException {
			return switch (type) {
				case 0, 1, 7 -> skip(1);
				case 2, 3 -> skip(2);
				case 4, 5 -> (long) u32();
				case 6 -> Float.intBitsToFloat(u32());
				case 8 -> string();
				case 9 -> array();
				case 10, 11 -> u64();
				case 12 -> Double.longBitsToDouble(u64());
				default -> throw new Damaged("unknown GGUF value type " + type);
			};
		}

		private Object array() throws IOException {
			int type = u32();
			long length = count();
			for (long i = 0; i < length; i++) {
				value(type);
			}
			return null;
		}

		private Object skip(int bytes) throws IOException {
			this.in.readFully(new byte[bytes]);
			this.position += bytes;
			return null;
		}

	}

}
