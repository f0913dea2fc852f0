package de.nachtbrief.extract;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Limits for reading one file and how the parser is kept apart from the run. By default
 * every file is parsed in a separate child JVM ({@code isolated}), so a parser that hangs
 * or runs out of memory costs one document, not the run; only small plain-text files,
 * which cannot do either, are read in the run's JVM. The in-process mode exists for
 * tests: it has no time limit, no memory limit of its own and no JDK limit on XML element
 * depth.
 *
 * @param maxCharacters text beyond this many characters is cut off and the document
 * marked truncated
 * @param maxEmbeddedDocuments attachments and embedded files read per document; further
 * ones are skipped
 * @param maxEmbeddedDepth how deep embedded files inside embedded files are followed
 * @param maxCompressionRatio output characters per input byte above which a file counts
 * as a zip bomb
 * @param maxNestingDepth element nesting in HTML and XML beyond which a file is rejected
 * @param timeout time one file may take; after it the child is killed and replaced
 * @param maxHeap heap of each child JVM, as for {@code -Xmx} (e.g. {@code 1g},
 * {@code 512m})
 * @param workers child JVMs running at once; more concurrent calls wait for a free one
 * @param isolated whether files are parsed in child JVMs ({@code true}) or in this JVM
 */
public record ExtractionOptions(int maxCharacters, int maxEmbeddedDocuments, int maxEmbeddedDepth,
		int maxCompressionRatio, int maxNestingDepth, Duration timeout, String maxHeap, int workers, boolean isolated) {

	private static final Pattern HEAP_SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]");

	public ExtractionOptions {
		requireAtLeast("maxCharacters", maxCharacters, 1);
		requireAtLeast("maxEmbeddedDocuments", maxEmbeddedDocuments, 0);
		requireAtLeast("maxEmbeddedDepth", maxEmbeddedDepth, 0);
		requireAtLeast("maxCompressionRatio", maxCompressionRatio, 1);
		requireAtLeast("maxNestingDepth", maxNestingDepth, 10);
		requireAtLeast("workers", workers, 1);
		Objects.requireNonNull(timeout, "timeout");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
		Objects.requireNonNull(maxHeap, "maxHeap");
		if (!HEAP_SIZE.matcher(maxHeap).matches()) {
			throw new IllegalArgumentException("maxHeap must look like 512m or 1g, was '" + maxHeap + "'");
		}
	}

	/**
	 * Two million characters, 100 embedded files at most 3 deep, compression ratio 100,
	 * nesting depth 1000, 120 s per file, 1g per child, one child per processor,
	 * isolated.
	 */
	public static ExtractionOptions defaults() {
		return new ExtractionOptions(2_000_000, 100, 3, 100, 1000, Duration.ofSeconds(120), "1g",
				Math.max(1, Runtime.getRuntime().availableProcessors()), true);
	}

	public ExtractionOptions withMaxCharacters(int maxCharacters) {
		return new ExtractionOptions(maxCharacters, this.maxEmbeddedDocuments, this.maxEmbeddedDepth,
				this.maxCompressionRatio, this.maxNestingDepth, this.timeout, this.maxHeap, this.workers,
				this.isolated);
	}

	public ExtractionOptions withTimeout(Duration timeout) {
		return new ExtractionOptions(this.maxCharacters, this.maxEmbeddedDocuments, this.maxEmbeddedDepth,
				this.maxCompressionRatio, this.maxNestingDepth, timeout, this.maxHeap, this.workers, this.isolated);
	}

	public ExtractionOptions withMaxHeap(String maxHeap) {
		return new ExtractionOptions(this.maxCharacters, this.maxEmbeddedDocuments, this.maxEmbeddedDepth,
				this.maxCompressionRatio, this.maxNestingDepth, this.timeout, maxHeap, this.workers, this.isolated);
	}

	public ExtractionOptions withWorkers(int workers) {
		return new ExtractionOptions(this.maxCharacters, this.maxEmbeddedDocuments, this.maxEmbeddedDepth,
				this.maxCompressionRatio, this.maxNestingDepth, this.timeout, this.maxHeap, workers, this.isolated);
	}

	/**
	 * The same limits, parsed in this JVM: no protection against hangs or memory
	 * exhaustion.
	 */
	public ExtractionOptions inProcess() {
		return new ExtractionOptions(this.maxCharacters, this.maxEmbeddedDocuments, this.maxEmbeddedDepth,
				this.maxCompressionRatio, this.maxNestingDepth, this.timeout, this.maxHeap, this.workers, false);
	}

	ParserLimits parserLimits() {
		return new ParserLimits(this.maxCharacters, this.maxEmbeddedDocuments, this.maxEmbeddedDepth,
				this.maxCompressionRatio, this.maxNestingDepth);
	}

	private static void requireAtLeast(String name, int value, int minimum) {
		if (value < minimum) {
			throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
		}
	}

}
