package de.nachtbrief.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Packs sentence pieces greedily into chunks of at most {@code maxTokens}, starting each
 * chunk after the first with the last pieces of the previous one, up to
 * {@code overlapTokens}.
 */
final class ChunkPacker {

	private final TokenCounter counter;

	private final int maxTokens;

	private final int overlapTokens;

	ChunkPacker(TokenCounter counter, int maxTokens, int overlapTokens) {
		this.counter = counter;
		this.maxTokens = maxTokens;
		this.overlapTokens = overlapTokens;
	}

	/** Each piece must fit in a chunk on its own. */
	List<Chunk> pack(List<Piece> pieces) {
		List<Chunk> chunks = new ArrayList<>();
		Deque<Piece> pending = new ArrayDeque<>(pieces);
		List<Piece> current = new ArrayList<>();
		int fresh = 0;
		while (!pending.isEmpty() || fresh > 0) {
			Piece next = pending.peekFirst();
			if (fresh > 0 && (next == null || estimate(current) + next.estimate() > this.maxTokens)) {
				chunks.add(close(chunks.size(), current, fresh, pending));
				current = overlapTail(current);
				fresh = 0;
				continue;
			}
			while (!current.isEmpty() && estimate(current) + next.estimate() > this.maxTokens) {
				current.remove(0);
			}
			current.add(pending.removeFirst());
			fresh++;
		}
		return List.copyOf(chunks);
	}

	// Packing uses the pieces' own counts plus one per separator. BPE can, rarely, need
	// more tokens for the joined
	// text, so the exact count decides: overlap goes first, then the newest pieces wait
	// for the next chunk.
	private Chunk close(int index, List<Piece> current, int fresh, Deque<Piece> pending) {
		Chunk chunk = toChunk(index, current);
		while (chunk.tokens() > this.maxTokens && current.size() > 1) {
			if (current.size() > fresh) {
				current.remove(0);
			}
			else {
				pending.addFirst(current.remove(current.size() - 1));
				fresh--;
			}
			chunk = toChunk(index, current);
		}
		return chunk;
	}

	private List<Piece> overlapTail(List<Piece> chunk) {
		List<Piece> tail = new ArrayList<>();
		int tokens = 0;
		for (int i = chunk.size() - 1; i >= 0 && tokens + chunk.get(i).estimate() <= this.overlapTokens; i--) {
			tokens += chunk.get(i).estimate();
			tail.add(0, chunk.get(i));
		}
		return tail;
	}

	private static int estimate(List<Piece> pieces) {
		return pieces.stream().mapToInt(Piece::estimate).sum();
	}

	private Chunk toChunk(int index, List<Piece> pieces) {
		StringBuilder text = new StringBuilder();
		for (Piece piece : pieces) {
			text.append(text.isEmpty() ? "" : piece.separator()).append(piece.text());
		}
		return new Chunk(index, text.toString(), this.counter.count(text.toString()));
	}

	/**
	 * A sentence, or part of an overlong one, with its token count and what separates it
	 * from the piece before.
	 */
	record Piece(String text, int tokens, String separator) {

		int estimate() {
			return this.tokens + 1;
		}

	}

}
