package de.nachtbrief.llm.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a tiny llama-architecture model in the GGUF format (llama.cpp's {@code gguf.md},
 * version 3), small enough to write in every test: two layers, 64 dimensions, a
 * SentencePiece vocabulary of about 300 tokens (the byte tokens, so any text can be
 * tokenized, plus ChatML's control tokens) and a ChatML chat template.
 *
 * <p>
 * Weights are either random ({@link #random}), which makes a model that loads and
 * generates gibberish, or {@link #preferring ranked}: every token embeds to the same
 * vector and the layers add nothing, so the logits are the same at every step and the
 * model always picks the highest-ranked token its constraints allow. That makes its
 * output predictable enough to test stop strings and grammars.
 */
public final class TinyGguf {

	/** ChatML, the template of the Qwen2.5 family, as a Jinja template. */
	public static final String CHAT_TEMPLATE = "{% for message in messages %}"
			+ "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
			+ "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

	/** Words and characters in the vocabulary besides the bytes and control tokens. */
	public static final List<String> WORDS = List.of("▁", "a", "b", "c", "x", "y", "z", "ab", "ba", "▁ok", "{", "}",
			"[", "]", "\"", ":", ",", "true", "false", "0", "1", "2", "3", "red", "green", "blue", "▁the", "Euro",
			"brief");

	private static final int UNKNOWN = 2;

	private static final int CONTROL = 3;

	private static final int BYTE = 6;

	private static final int NORMAL = 1;

	private static final int EMBEDDING = 64;

	private static final int LAYERS = 2;

	private static final int HEADS = 4;

	private static final int FEED_FORWARD = 128;

	private static final int TRAINED_CONTEXT = 4096;

	private String architecture = "llama";

	private final List<String> tokens = new ArrayList<>();

	private final List<Integer> types = new ArrayList<>();

	private final Map<String, float[]> tensors = new LinkedHashMap<>();

	private final Map<String, long[]> shapes = new LinkedHashMap<>();

	private TinyGguf() {
		token("<unk>", UNKNOWN);
		token("<s>", CONTROL);
		token("</s>", CONTROL);
		token("<|im_start|>", CONTROL);
		token("<|im_end|>", CONTROL);
		for (int b = 0; b < 256; b++) {
			token(String.format("<0x%02X>", b), BYTE);
		}
		WORDS.forEach((word) -> token(word, NORMAL));
	}

	/** A model with random weights from the given seed. */
	public static TinyGguf random(long seed) {
		TinyGguf model = new TinyGguf();
		Random random = new Random(seed);
		model.weights(() -> (float) (random.nextGaussian() * 0.08), () -> (float) (random.nextGaussian() * 0.5));
		return model;
	}

	/**
	 * A model that always prefers the tokens in the given order (the first most), then
	 * the end of a turn, then everything else.
	 */
	public static TinyGguf preferring(List<String> ranked) {
		TinyGguf model = new TinyGguf();
		model.weights(() -> 0f, () -> 1f);
		float[] output = model.tensors.get("output.weight");
		java.util.Arrays.fill(output, 0f);
		List<String> order = new ArrayList<>(ranked);
		order.add("<|im_end|>");
		for (int rank = 0; rank < order.size(); rank++) {
			int id = model.tokens.indexOf(order.get(rank));
			if (id < 0) {
				throw new IllegalArgumentException("not in the vocabulary: " + order.get(rank));
			}
			// The final norm turns the all-ones hidden state into ones, so each logit is
			// the sum of its row: ten points between ranks.
			float logit = 10f * (order.size() - rank);
			for (int i = 0; i < EMBEDDING; i++) {
				output[id * EMBEDDING + i] = logit / EMBEDDING;
			}
		}
		return model;
	}

	/**
	 * The same model under another architecture's name, as a file from a newer llama.cpp
	 * would carry it.
	 */
	public TinyGguf architecture(String name) {
		this.architecture = name;
		return this;
	}

	/** The id of a token, for tests that check what was generated. */
	public int id(String token) {
		return this.tokens.indexOf(token);
	}

	public Path write(Path file) throws IOException {
		GgufWriter gguf = new GgufWriter(metadata());
		this.tensors.forEach((name, data) -> gguf.f32(name, data, this.shapes.get(name)));
		return gguf.write(file);
	}

	private Map<String, Object> metadata() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("general.architecture", this.architecture);
		metadata.put("general.name", "nachtbrief tiny test model");
		metadata.put(this.architecture + ".context_length", TRAINED_CONTEXT);
		metadata.put(this.architecture + ".embedding_length", EMBEDDING);
		metadata.put(this.architecture + ".block_count", LAYERS);
		metadata.put(this.architecture + ".feed_forward_length", FEED_FORWARD);
		metadata.put(this.architecture + ".attention.head_count", HEADS);
		metadata.put(this.architecture + ".attention.head_count_kv", HEADS);
		metadata.put(this.architecture + ".attention.layer_norm_rms_epsilon", 1e-5f);
		metadata.put(this.architecture + ".rope.dimension_count", EMBEDDING / HEADS);
		metadata.put("tokenizer.ggml.model", "llama");
		metadata.put("tokenizer.ggml.tokens", this.tokens.toArray(String[]::new));
		float[] scores = new float[this.tokens.size()];
		for (int i = 0; i < scores.length; i++) {
			// Longer pieces score higher, so the tokenizer prefers them to their letters.
			scores[i] = this.types.get(i) == NORMAL ? this.tokens.get(i).length() : 0;
		}
		metadata.put("tokenizer.ggml.scores", scores);
		metadata.put("tokenizer.ggml.token_type", this.types.stream().mapToInt(Integer::intValue).toArray());
		metadata.put("tokenizer.ggml.bos_token_id", id("<s>"));
		metadata.put("tokenizer.ggml.eos_token_id", id("<|im_end|>"));
		metadata.put("tokenizer.ggml.unknown_token_id", id("<unk>"));
		metadata.put("tokenizer.ggml.add_bos_token", Boolean.FALSE);
		metadata.put("tokenizer.chat_template", CHAT_TEMPLATE);
		return metadata;
	}

	private void token(String text, int type) {
		this.tokens.add(text);
		this.types.add(type);
	}

	private void weights(FloatSupplier matrix, FloatSupplier embedding) {
		int vocabulary = this.tokens.size();
		tensor("token_embd.weight", embedding, EMBEDDING, vocabulary);
		for (int layer = 0; layer < LAYERS; layer++) {
			String block = "blk." + layer + ".";
			tensor(block + "attn_norm.weight", () -> 1f, EMBEDDING);
			tensor(block + "attn_q.weight", matrix, EMBEDDING, EMBEDDING);
			tensor(block + "attn_k.weight", matrix, EMBEDDING, EMBEDDING);
			tensor(block + "attn_v.weight", matrix, EMBEDDING, EMBEDDING);
			tensor(block + "attn_output.weight", matrix, EMBEDDING, EMBEDDING);
			tensor(block + "ffn_norm.weight", () -> 1f, EMBEDDING);
			tensor(block + "ffn_gate.weight", matrix, EMBEDDING, FEED_FORWARD);
			tensor(block + "ffn_up.weight", matrix, EMBEDDING, FEED_FORWARD);
			tensor(block + "ffn_down.weight", matrix, FEED_FORWARD, EMBEDDING);
		}
		tensor("output_norm.weight", () -> 1f, EMBEDDING);
		tensor("output.weight", matrix, EMBEDDING, vocabulary);
	}

	/** A tensor in GGML's order: the first dimension varies fastest. */
	private void tensor(String name, FloatSupplier values, long... shape) {
		long count = 1;
		for (long dimension : shape) {
			count *= dimension;
		}
		float[] data = new float[(int) count];
		for (int i = 0; i < data.length; i++) {
			data[i] = values.next();
		}
		this.tensors.put(name, data);
		this.shapes.put(name, shape);
	}

	@FunctionalInterface
	private interface FloatSupplier {

		float next();

	}

}
