package de.nachtbrief.llm;

import de.nachtbrief.Hashes;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend that answers from the {@link CallLedger} when the same call was completed
 * before: same backend (or failover chain), model, generation parameters, answer type and
 * messages (the prompt wording, and so its version, is part of the messages). A replayed
 * answer costs nothing, so its usage is zero, and names the backend that once gave it.
 * With {@code fresh}, stored answers are not used, but new ones are stored. Replays are
 * counted as {@code replayed} calls of the backend that once gave the answer; real calls
 * are counted by the {@link MeteredBackend} the registry put inside. Each raw answer is
 * already in the ledger before it is parsed (see {@link AnswerRecording}).
 */
public class LedgerBackend extends DelegatingBackend {

	private static final Logger logger = LoggerFactory.getLogger(LedgerBackend.class);

	private static final ObjectMapper json = new ObjectMapper();

	private final CallLedger ledger;

	private final boolean fresh;

	private final MeterRegistry meters;

	public LedgerBackend(ModelBackend delegate, CallLedger ledger, boolean fresh, MeterRegistry meters) {
		super(delegate);
		this.ledger = ledger;
		this.fresh = fresh;
		this.meters = meters;
	}

	@Override
	public <T> Answer<T> ask(Prompt prompt, AnswerFormat<T> format) {
		String key = key(prompt, format);
		Optional<CallLedger.Stored> stored = this.fresh ? Optional.empty() : this.ledger.find(key);
		try {
			if (stored.isPresent()) {
				logger.debug("Replaying a completed {} call from the ledger", stored.get().backend());
				MeteredBackend.replayed(this.meters, stored.get().backend(), stored.get().model());
				return new Answer<>(json.readValue(stored.get().answerJson(), format.type()), Usage.NONE,
						stored.get().backend(), stored.get().model());
			}
			Answer<T> answer = AnswerRecording.within(this.ledger, this.fresh, () -> this.delegate.ask(prompt, format));
			this.ledger.record(key, Hashes.sha256Hex(prompt.stableText()), answer.backend(), answer.model(),
					json.writeValueAsString(answer.value()), answer.usage());
			return answer;
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("a stored answer no longer fits " + format.name(), ex);
		}
	}

	private String key(Prompt prompt, AnswerFormat<?> format) {
		return Hashes.sha256Hex(String.join("\u0000", name(), model(), this.delegate.parameters(),
				format.type().getName(), format.schema().toString(), prompt.stableText()));
	}

}
