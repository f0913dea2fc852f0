package de.nachtbrief.llm.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.Pair;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

/**
 * A GGUF model running in this JVM through llama.cpp, as a LangChain4j {@link ChatModel}.
 * The model's own chat template turns the messages into its prompt; a JSON schema in the
 * request becomes a llama.cpp grammar, so the answer cannot be anything but JSON of that
 * shape; the answer may take what the prompt leaves of the context window. One call runs
 * at a time: on a CPU, parallel calls share the same cores and finish no sooner.
 */
public final class LocalChatModel implements ChatModel, AutoCloseable {

	/**
	 * The least room an answer needs; a prompt that leaves less is reported as too long,
	 * so the document is split smaller instead of getting a cut-off answer.
	 */
	static final int MINIMUM_ANSWER_TOKENS = 512;

	/**
	 * A fixed seed, so answers vary less between runs; not the same every time, since a
	 * prompt prefix reused from the last call changes the logits' last digits.
	 */
	static final int SEED = 42;

	private final LoadedModel loaded;

	private final int contextWindow;

	private final Duration timeout;

	private final ChatRequestParameters defaults;

	private volatile boolean closed;

	LocalChatModel(LoadedModel loaded, int contextWindow, Duration timeout, double temperature) {
		this.loaded = loaded;
		this.contextWindow = contextWindow;
		this.timeout = timeout;
		this.defaults = ChatRequestParameters.builder().temperature(temperature).build();
	}

	/** The shared model; tests check that it is shared. */
	LoadedModel loaded() {
		return this.loaded;
	}

	/**
	 * What tells this model file from another of the same name: its size and the time it
	 * was last written.
	 */
	public String fileIdentity() {
		try {
			return "file=" + Files.size(file()) + " bytes of " + Files.getLastModifiedTime(file());
		}
		catch (IOException ex) {
			return "file=" + file();
		}
	}

	/** The model file this answers from. */
	public Path file() {
		return this.loaded.file();
	}

	/**
	 * Ends this user's use of the model. The model itself stays loaded for the next user:
	 * the binding (4.2.0) does not free a closed model's memory, so loading it again
	 * would only add a copy.
	 */
	@Override
	public void close() {
		this.closed = true;
	}

	@Override
	public ChatRequestParameters defaultRequestParameters() {
		return this.defaults;
	}

	@Override
	public Set<Capability> supportedCapabilities() {
		return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
	}

	/**
	 * Answers on the model's own thread, waiting at most the timeout: a call still
	 * reading its prompt cannot be stopped inside llama.cpp, so the caller stops waiting
	 * and the call ends at its next token.
	 */
	@Override
	public ChatResponse doChat(ChatRequest request) {
		if (this.closed) {
			throw new IllegalStateException("the local model " + file().getFileName() + " was closed");
		}
		AtomicBoolean stop = new AtomicBoolean();
		Future<ChatResponse> answer = this.loaded.submit(() -> generate(request, stop));
		try {
			return answer.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			stop.set(true);
			throw new LangChain4jException("the local model took longer than the timeout of " + this.timeout
					+ " to answer; raise the backend's timeout, or lower its context-window", ex);
		}
		catch (InterruptedException ex) {
			stop.set(true);
			Thread.currentThread().interrupt();
			throw new LangChain4jException("interrupted while the local model was answering", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new LangChain4jException("the local model failed: " + ex.getCause(), ex.getCause());
		}
	}

	/** The prompt the model's chat template makes of the messages. */
	public String prompt(List<ChatMessage> messages) {
		List<String> system = new ArrayList<>();
		List<Pair<String, String>> turns = new ArrayList<>();
		for (ChatMessage message : messages) {
			if (message instanceof SystemMessage instructions) {
				system.add(instructions.text());
			}
			else if (message instanceof UserMessage user) {
				turns.add(new Pair<>("user", user.singleText()));
			}
			else if (message instanceof AiMessage answer) {
				turns.add(new Pair<>("assistant", answer.text() == null ? "" : answer.text()));
			}
			else {
				throw new InvalidRequestException("the local backend takes no " + message.type() + " messages");
			}
		}
		InferenceParameters template = new InferenceParameters("").setMessages(String.join("\n\n", system), turns);
		return model().applyTemplate(template);
	}

	/** Tokens the model reads for a text, as its own tokenizer counts them. */
	public int countTokens(String text) {
		return model().encode(text).length;
	}

	private ChatResponse generate(ChatRequest request, AtomicBoolean stop) {
		String prompt = prompt(request.messages());
		int promptTokens = countTokens(prompt);
		int room = this.contextWindow - promptTokens;
		if (room < MINIMUM_ANSWER_TOKENS) {
			throw new InvalidRequestException(
					"prompt is too long: " + promptTokens + " tokens leave " + room + " of the context window of "
							+ this.contextWindow + " for the answer, less than " + MINIMUM_ANSWER_TOKENS);
		}
		ChatRequestParameters parameters = request.parameters();
		int maxTokens = parameters.maxOutputTokens() != null ? Math.min(parameters.maxOutputTokens(), room) : room;
		InferenceParameters inference = new InferenceParameters(prompt).setNPredict(maxTokens).setSeed(SEED);
		if (parameters.temperature() != null) {
			inference.setTemperature(parameters.temperature().floatValue());
		}
		if (parameters.topP() != null) {
			inference.setTopP(parameters.topP().floatValue());
		}
		if (parameters.topK() != null) {
			inference.setTopK(parameters.topK());
		}
		if (parameters.frequencyPenalty() != null) {
			inference.setFrequencyPenalty(parameters.frequencyPenalty().floatValue());
		}
		if (parameters.presencePenalty() != null) {
			inference.setPresencePenalty(parameters.presencePenalty().floatValue());
		}
		if (parameters.stopSequences() != null && !parameters.stopSequences().isEmpty()) {
			inference.setStopStrings(parameters.stopSequences().toArray(String[]::new));
		}
		String grammar = SchemaGrammar.of(parameters.responseFormat());
		if (grammar != null) {
			inference.setGrammar(grammar);
		}
		StringBuilder text = new StringBuilder();
		int pieces = stream(inference, text, stop);
		// A streamed piece is one token, except that the tokens of a character come as
		// one piece; counting the answer again catches those.
		int generated = Math.max(pieces, countTokens(text.toString()));
		FinishReason finish = generated >= maxTokens ? FinishReason.LENGTH : FinishReason.STOP;
		return ChatResponse.builder()
			.aiMessage(AiMessage.from(text.toString()))
			.tokenUsage(new TokenUsage(promptTokens, generated))
			.finishReason(finish)
			.modelName(this.loaded.file().getFileName().toString())
			.build();
	}

	/**
	 * Streams the answer into {@code text} until it ends or {@code stop} is set.
	 * @return the number of pieces generated
	 */
	private int stream(InferenceParameters inference, StringBuilder text, AtomicBoolean stop) {
		LlamaIterator pieces = (LlamaIterator) model().generate(inference).iterator();
		int generated = 0;
		while (pieces.hasNext()) {
			LlamaOutput piece = pieces.next();
			if (!piece.text.isEmpty()) {
				text.append(piece.text);
				generated++;
			}
			if (stop.get() && pieces.hasNext()) {
				// On this thread, between tokens: the only safe moment to cancel.
				pieces.cancel();
			}
		}
		return generated;
	}

	private LlamaModel model() {
		return this.loaded.model();
	}

}
