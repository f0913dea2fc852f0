package de.nachtbrief.brief;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.llm.Answer;
import de.nachtbrief.llm.AnswerFormat;
import de.nachtbrief.llm.BackendUnavailableException;
import de.nachtbrief.llm.ModelAnswerException;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.Packing;
import de.nachtbrief.llm.Usage;
import de.nachtbrief.text.TokenCounter;

/**
 * Briefs short documents several to a call (see {@link Packing}). The run's workers hand
 * in their documents and wait; a pack is sent when it is full, when the next document
 * would not fit it, or when it has waited long enough for more (the backend's
 * {@code pack-wait}) after its first document joined, by one of the workers whose
 * documents it holds. Each document gets its own draft back and its share of the call's
 * cost. A document the answer lacks, or answers unusably, gets no draft and is briefed
 * alone; so does a document no other joined in time.
 */
final class Packer {

	private static final Logger log = LoggerFactory.getLogger(Packer.class);

	private final ModelBackend model;

	private final Packing packing;

	/** The pack still taking documents, by what its documents are asked for. */
	private final Map<Request, Pack> open = new HashMap<>();

	private final boolean rehearsal;

	private Packer(ModelBackend model, Packing packing, boolean rehearsal) {
		this.model = model;
		this.packing = packing;
		this.rehearsal = rehearsal;
	}

	/** Packs for the backend as it is configured to, or null when it sends each alone. */
	static Packer of(ModelBackend model) {
		return model.packing().packs() ? new Packer(model, model.packing(), false) : null;
	}

	/**
	 * Rehearses packing as {@code packing} would pack, with {@code recorder} standing in
	 * for the backend: each document is sent at once, in a pack filled with copies of
	 * itself (see {@link BriefRehearsal}).
	 */
	static Packer rehearsal(ModelBackend recorder, Packing packing) {
		return packing.packs() ? new Packer(recorder, packing, true) : null;
	}

	/**
	 * About how many tokens a source has: a token is about four bytes of UTF-8 in German
	 * and English text. Close enough to fill packs, where counting would cost more than
	 * the rest of a short document's own work.
	 */
	static long estimatedTokens(String text) {
		return (TokenCounter.utf8Length(text, Long.MAX_VALUE) + 3) / 4;
	}

	/** Whether a source of this many tokens is short enough to share a call. */
	boolean fits(long sourceTokens) {
		return this.packing.fits(sourceTokens);
	}

	/**
	 * The document's draft from a shared call, or null when it is to be briefed alone.
	 * Its share of the call's cost goes into {@code tally} either way.
	 * @throws BackendUnavailableException when the backend cannot serve the call
	 */
	BriefDraft draft(String title, String text, GroundingCheck grounding, long sourceTokens,
			Map<String, String> languages, JobDefinition.Shape shape, AnswerTally tally) {
		Request request = new Request(Collections.unmodifiableMap(new LinkedHashMap<>(languages)), shape);
		if (this.rehearsal) {
			return rehearse(request, title, text, grounding, sourceTokens, tally);
		}
		Pack pack;
		int index;
		boolean sends;
		synchronized (this) {
			pack = this.open.get(request);
			if (pack != null && pack.tokens + sourceTokens > this.packing.tokens()) {
				close(pack);
				pack = null;
			}
			if (pack == null) {
				pack = new Pack(request, System.nanoTime() + this.packing.maxWait().toNanos());
				this.open.put(request, pack);
			}
			index = pack.add(title, text, grounding, sourceTokens);
			if (pack.sources.size() == this.packing.documents()) {
				close(pack);
			}
			awaitClosing(pack);
			sends = !pack.claimed;
			pack.claimed = true;
		}
		if (sends) {
			send(pack);
		}
		Outcome outcome;
		try {
			outcome = pack.outcome.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
		return outcome.draftFor(index, tally);
	}

	/**
	 * A rehearsal's pack: the document with as many copies of itself as would fill a
	 * pack, so that its share of the call is what it would cost in a full one.
	 */
	private BriefDraft rehearse(Request request, String title, String text, GroundingCheck grounding, long sourceTokens,
			AnswerTally tally) {
		Pack pack = new Pack(request, System.nanoTime());
		long copies = Math.min(this.packing.documents(), this.packing.tokens() / Math.max(1, sourceTokens));
		for (int i = 0; i < Math.max(1, copies); i++) {
			pack.add(title, text, grounding, sourceTokens);
		}
		send(pack);
		return pack.outcome.join().draftFor(0, tally);
	}

	/**
	 * Waits until the pack is closed or has waited long enough; waiting gives up the
	 * lock, so other workers join the pack meanwhile.
	 */
	private void awaitClosing(Pack pack) {
		while (!pack.closed) {
			long remaining = pack.deadline - System.nanoTime();
			if (remaining <= 0) {
				close(pack);
				return;
			}
			try {
				wait(Math.max(1, remaining / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				close(pack);
			}
		}
	}

	private void close(Pack pack) {
		pack.closed = true;
		this.open.remove(pack.request, pack);
		notifyAll();
	}

	private void send(Pack pack) {
		int size = pack.sources.size();
		if (size == 1) {
			// Alone after all: asked as any single document is, not as a pack of one.
			pack.outcome.complete(Outcome.none(size));
			return;
		}
		List<String> numbers = new ArrayList<>();
		for (int i = 1; i <= size; i++) {
			numbers.add(Integer.toString(i));
		}
		List<String> languages = List.copyOf(pack.request.languages.keySet());
		AnswerFormat<BriefPack> format = AnswerFormat.of(BriefPack.class)
			.withPartialKeys(BriefPack.DOCUMENTS, numbers)
			.withKeys(BriefDraft.LANGUAGES, languages);
		AnswerFormat<BriefDraft> each = AnswerFormat.of(BriefDraft.class).withKeys(BriefDraft.LANGUAGES, languages);
		JobDefinition.Shape shape = pack.request.shape;
		try {
			Answer<BriefPack> answer = this.model.ask(Glossary.of(shape)
				.appliedTo(Prompts.pack(pack.request.languages, pack.sources, shape.keyPoints(),
						shape.summarySentences())),
					format);
			List<BriefDraft> drafts = new ArrayList<>();
			for (String number : numbers) {
				BriefDraft draft = answer.value().documents().get(number);
				Optional<String> problem = (draft == null) ? Optional.of("no answer for it")
						: each.problemWith(draft).or(() -> mixedUp(pack, draft, number));
				problem.ifPresent((reason) -> log.info(
						"Backend '{}' answered source {} of a shared call unusably ({}); briefing it alone",
						this.model.name(), number, reason));
				drafts.add(problem.isPresent() ? null : draft);
			}
			pack.outcome.complete(
					new Outcome(drafts, shares(answer.usage(), pack.tokenCounts), answer.backend(), answer.model()));
		}
		catch (BackendUnavailableException ex) {
			pack.outcome.completeExceptionally(ex);
		}
		catch (ModelAnswerException ex) {
			log.info("Backend '{}' gave no usable answer for {} documents in one call ({}); briefing each alone",
					this.model.name(), size, ex.getMessage());
			Usage spent = ex.usage() != null ? ex.usage() : Usage.NONE;
			pack.outcome.complete(Outcome.failed(shares(spent, pack.tokenCounts)));
		}
		catch (RuntimeException ex) {
			pack.outcome.completeExceptionally(ex);
		}
	}

	/** Why the draft of source {@code number} looks like another source's, if it does. */
	private static Optional<String> mixedUp(Pack pack, BriefDraft draft, String number) {
		int index = Integer.parseInt(number) - 1;
		List<GroundingCheck> others = new ArrayList<>(pack.checks);
		GroundingCheck own = others.remove(index);
		return own.borrowedFrom(draft, others)
			.map((name) -> "it names \"" + name + "\", which only another source of the call has");
	}

	/**
	 * Each document's share of a call's cost, by its source tokens; the first carries the
	 * call itself and what rounding leaves, so that the shares add up to the call.
	 */
	static List<Usage> shares(Usage total, List<Long> tokenCounts) {
		long all = Math.max(1, tokenCounts.stream().mapToLong(Long::longValue).sum());
		List<Usage> shares = new ArrayList<>();
		Usage rest = total;
		for (int i = tokenCounts.size() - 1; i > 0; i--) {
			double part = (double) tokenCounts.get(i) / all;
			Usage share = new Usage((long) (total.inputTokens() * part), (long) (total.outputTokens() * part), 0,
					total.cost() * part, (long) (total.cachedInputTokens() * part));
			shares.add(0, share);
			rest = new Usage(rest.inputTokens() - share.inputTokens(), rest.outputTokens() - share.outputTokens(),
					rest.calls(), rest.cost() - share.cost(), rest.cachedInputTokens() - share.cachedInputTokens());
		}
		shares.add(0, rest);
		return shares;
	}

	/** What the documents of a pack are asked for: the same for all of them. */
	private record Request(Map<String, String> languages, JobDefinition.Shape shape) {
	}

	/** Documents sent together, numbered from 1 in the order they joined. */
	private static final class Pack {

		final Request request;

		final long deadline;

		final List<Map.Entry<String, String>> sources = new ArrayList<>();

		final List<Long> tokenCounts = new ArrayList<>();

		final List<GroundingCheck> checks = new ArrayList<>();

		final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

		long tokens;

		boolean closed;

		boolean claimed;

		Pack(Request request, long deadline) {
			this.request = request;
			this.deadline = deadline;
		}

		/** Adds a source; returns its index. */
		int add(String title, String text, GroundingCheck grounding, long sourceTokens) {
			this.sources.add(new AbstractMap.SimpleImmutableEntry<>(title, text));
			this.checks.add(grounding);
			this.tokenCounts.add(sourceTokens);
			this.tokens += sourceTokens;
			return this.sources.size() - 1;
		}

	}

	/**
	 * What a pack's call gave: a draft per document (null for one briefed alone), and
	 * each document's share of the cost.
	 */
	private record Outcome(List<BriefDraft> drafts, List<Usage> shares, String backend, String model) {

		static Outcome none(int size) {
			return failed(Collections.nCopies(size, Usage.NONE));
		}

		static Outcome failed(List<Usage> shares) {
			return new Outcome(Collections.nCopies(shares.size(), null), shares, null, null);
		}

		BriefDraft draftFor(int index, AnswerTally tally) {
			BriefDraft draft = this.drafts.get(index);
			if (draft == null) {
				tally.spent(this.shares.get(index));
				return null;
			}
			return tally.add(new Answer<>(draft, this.shares.get(index), this.backend, this.model));
		}

	}

}
