package de.nachtbrief.extract;

/**
 * The limits the parser itself enforces on one file; sent to the child JVM with every
 * request.
 *
 * @param maxCharacters text beyond this many characters is cut off
 * @param maxEmbeddedDocuments embedded files read per document
 * @param maxEmbeddedDepth how deep embedded files are followed
 * @param maxCompressionRatio output characters per input byte that count as a zip bomb
 * @param maxNestingDepth element nesting beyond which a file is rejected
 */
record ParserLimits(int maxCharacters, int maxEmbeddedDocuments, int maxEmbeddedDepth, int maxCompressionRatio,
		int maxNestingDepth) {

	ParserLimits {
		if (maxCharacters < 1 || maxEmbeddedDocuments < 0 || maxEmbeddedDepth < 0 || maxCompressionRatio < 1
				|| maxNestingDepth < 10) {
			throw new IllegalArgumentException(
					"Parser limits out of range: " + maxCharacters + ", " + maxEmbeddedDocuments + ", "
							+ maxEmbeddedDepth + ", " + maxCompressionRatio + ", " + maxNestingDepth);
		}
	}

}
