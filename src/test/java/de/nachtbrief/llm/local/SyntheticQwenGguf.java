package de.nachtbrief.llm.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.nachtbrief.llm.local.GgufWriter.TensorData;
import de.nachtbrief.llm.local.GgufWriter.TensorType;

/**
 * Writes a {@code qwen2} GGUF with the tensor shapes and the Q4_K_M quantisation layout
 * of a real Qwen2.5 Instruct model, but random weights. llama.cpp's speed depends on
 * shapes and types, not on weight values, so these files let us measure honest prompt and
 * generation speeds without downloading the real models.
 *
 * <p>
 * The types follow llama.cpp's {@code llama_tensor_get_type} for Q4_K_M: Q4_K by default;
 * Q6_K for the output matrix and for {@code attn_v} and {@code ffn_down} in the layers
 * where {@code use_more_bits} holds; and where a row is not whole 256-weight blocks (the
 * 896 columns of the 0.5B model) its fallback: Q5_0 for Q4_K, Q8_0 for Q6_K.
 *
 * <p>
 * Not like the real files: the tokenizer is TinyGguf's SentencePiece-style vocabulary
 * (control and byte tokens, a few words, then filler tokens {@code w123} up to Qwen's
 * 151936), not Qwen's byte-level BPE with its merges, so real text counts a little
 * differently in tokens and the metadata is a few megabytes smaller; the chat template is
 * plain ChatML; and the tensors come in a different order.
 */
public final class SyntheticQwenGguf {

	/** The real models' hyper-parameters (their Hugging Face config.json). */
	public enum Shape {

		QWEN2_5_0_5B(896, 24, 14, 2, 4864, "qwen2.5-0.5b-instruct-q4_k_m.gguf", 491_400_032L),

		QWEN2_5_1_5B(1536, 28, 12, 2, 8960, "qwen2.5-1.5b-instruct-q4_k_m.gguf", 1_117_320_736L),

		QWEN2_5_3B(2048, 36, 16, 2, 11008, "qwen2.5-3b-instruct-q4_k_m.gguf", 2_104_932_768L);

		public final int embedding;

		public final int layers;

		public final int heads;

		public final int kvHeads;

		public final int feedForward;

		/** The name of Qwen's own Q4_K_M file of this model. */
		public final String realFileName;

		/** The size of that file in bytes. */
		public final long realBytes;

		Shape(int embedding, int layers, int heads, int kvHeads, int feedForward, String realFileName, long realBytes) {
			this.embedding = embedding;
			this.layers = layers;
			this.heads = heads;
			this.kvHeads = kvHeads;
			this.feedForward = feedForward;
			this.realFileName = realFileName;
			this.realBytes = realBytes;
		}

		int kvDimension() {
			return this.embedding / this.heads * this.kvHeads;
		}

	}

	public static final int VOCABULARY = 151936;

	private static final int CONTEXT = 32768;

	private static final int NORMAL = 1;

	private static final int UNKNOWN = 2;

	private static final int CONTROL = 3;

	private static final int BYTE = 6;

	/** llama.cpp's {@code LLAMA_FTYPE_MOSTLY_Q4_K_M}, for general.file_type. */
	private static final int MOSTLY_Q4_K_M = 15;

	private SyntheticQwenGguf() {
	}

	/**
	 * Writes the model as Qwen's own Q4_K_M files have it: although the models tie their
	 * embeddings, those files carry a separate {@code output.weight} (Q6_K) besides
	 * {@code token_embd.weight} (Q4_K). Only that layout comes near their sizes; the
	 * output matrix has the same shape and type either way, so speeds are the same.
	 */
	public static Path write(Shape shape, Path file) throws IOException {
		return write(shape, false, file);
	}

	/**
	 * @param tied whether to leave out {@code output.weight}, as llama-quantize does for
	 * a model converted with tied embeddings: then {@code token_embd.weight} serves as
	 * the output and is Q6_K, and the file is about 100 MB smaller (what other
	 * publishers' Q4_K_M files of these models look like)
	 */
	public static Path write(Shape shape, boolean tied, Path file) throws IOException {
		GgufWriter gguf = new GgufWriter(metadata(shape));
		Matrices matrices = new Matrices(gguf);
		int e = shape.embedding;
		int kv = shape.kvDimension();
		int ff = shape.feedForward;
		matrices.add("token_embd.weight", tied ? TensorType.Q6_K : TensorType.Q4_K, e, VOCABULARY);
		for (int layer = 0; layer < shape.layers; layer++) {
			String block = "blk." + layer + ".";
			TensorType moreBits = useMoreBits(layer, shape.layers) ? TensorType.Q6_K : TensorType.Q4_K;
			gguf.f32(block + "attn_norm.weight", ones(e), e);
			matrices.add(block + "attn_q.weight", TensorType.Q4_K, e, e);
			gguf.f32(block + "attn_q.bias", new float[e], e);
			matrices.add(block + "attn_k.weight", TensorType.Q4_K, e, kv);
			gguf.f32(block + "attn_k.bias", new float[kv], kv);
			matrices.add(block + "attn_v.weight", moreBits, e, kv);
			gguf.f32(block + "attn_v.bias", new float[kv], kv);
			matrices.add(block + "attn_output.weight", TensorType.Q4_K, e, e);
			gguf.f32(block + "ffn_norm.weight", ones(e), e);
			matrices.add(block + "ffn_gate.weight", TensorType.Q4_K, e, ff);
			matrices.add(block + "ffn_up.weight", TensorType.Q4_K, e, ff);
			matrices.add(block + "ffn_down.weight", moreBits, ff, e);
		}
		gguf.f32("output_norm.weight", ones(e), e);
		if (!tied) {
			matrices.add("output.weight", TensorType.Q6_K, e, VOCABULARY);
		}
		return gguf.write(file);
	}

	/**
	 * llama-quant.cpp's {@code use_more_bits}: the first and last eighth, and every third
	 * between.
	 */
	static boolean useMoreBits(int layer, int layers) {
		return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
	}

	/**
	 * Adds random matrices, one reusable megabyte of blocks per type, so writing
	 * gigabytes costs no more than the disk.
	 */
	private static final class Matrices {

		private final GgufWriter gguf;

		private final Map<TensorType, TensorData> random = new EnumMap<>(TensorType.class);

		Matrices(GgufWriter gguf) {
			this.gguf = gguf;
		}

		/**
		 * Falls back as llama.cpp's {@code tensor_type_fallback} does when a row is not
		 * whole K-quant blocks: Q4_K to Q5_0, Q6_K to Q8_0.
		 */
		void add(String name, TensorType wanted, long columns, long rows) {
			TensorType type = wanted;
			if (columns % wanted.blockSize != 0) {
				type = switch (wanted) {
					case Q4_K -> TensorType.Q5_0;
					case Q6_K -> TensorType.Q8_0;
					default -> throw new IllegalArgumentException("no fallback for " + wanted);
				};
			}
			TensorData data = this.random.computeIfAbsent(type, (t) -> GgufWriter.randomBlocks(t, 42 + t.id));
			this.gguf.tensor(name, type, data, columns, rows);
		}

	}

	private static float[] ones(int length) {
		float[] values = new float[length];
		Arrays.fill(values, 1f);
		return values;
	}

	private static Map<String, Object> metadata(Shape shape) {
		List<String> tokens = new ArrayList<>();
		List<Integer> types = new ArrayList<>();
		for (String control : List.of("<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>")) {
			tokens.add(control);
			types.add(control.equals("<unk>") ? UNKNOWN : CONTROL);
		}
		for (int b = 0; b < 256; b++) {
			tokens.add(String.format("<0x%02X>", b));
			types.add(BYTE);
		}
		for (String word : TinyGguf.WORDS) {
			tokens.add(word);
			types.add(NORMAL);
		}
		for (int filler = tokens.size(); filler < VOCABULARY; filler++) {
			tokens.add("w" + filler);
			types.add(NORMAL);
		}
		float[] scores = new float[VOCABULARY];
		for (int i = 0; i < scores.length; i++) {
			scores[i] = types.get(i) == NORMAL ? tokens.get(i).length() : 0;
		}
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("general.architecture", "qwen2");
		metadata.put("general.name", "synthetic " + shape.realFileName);
		metadata.put("general.file_type", MOSTLY_Q4_K_M);
		metadata.put("qwen2.context_length", CONTEXT);
		metadata.put("qwen2.embedding_length", shape.embedding);
		metadata.put("qwen2.block_count", shape.layers);
		metadata.put("qwen2.feed_forward_length", shape.feedForward);
		metadata.put("qwen2.attention.head_count", shape.heads);
		metadata.put("qwen2.attention.head_count_kv", shape.kvHeads);
		metadata.put("qwen2.rope.freq_base", 1_000_000f);
		metadata.put("qwen2.attention.layer_norm_rms_epsilon", 1e-6f);
		metadata.put("tokenizer.ggml.model", "llama");
		metadata.put("tokenizer.ggml.tokens", tokens.toArray(String[]::new));
		metadata.put("tokenizer.ggml.scores", scores);
		metadata.put("tokenizer.ggml.token_type", types.stream().mapToInt(Integer::intValue).toArray());
		metadata.put("tokenizer.ggml.bos_token_id", tokens.indexOf("<s>"));
		metadata.put("tokenizer.ggml.eos_token_id", tokens.indexOf("<|im_end|>"));
		metadata.put("tokenizer.ggml.unknown_token_id", tokens.indexOf("<unk>"));
		metadata.put("tokenizer.ggml.add_bos_token", Boolean.FALSE);
		metadata.put("tokenizer.chat_template", TinyGguf.CHAT_TEMPLATE);
		return metadata;
	}

}
