package de.nachtbrief.digest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.minhash.MinHashFilter;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * A MinHash signature of a text (Lucene's {@link MinHashFilter} over shingles of three
 * words), stored with each brief so that the digest can tell which articles tell the same
 * story: an agency text reprinted under another name, or lightly edited. The share of
 * equal buckets of two signatures estimates the Jaccard similarity of their shingles.
 */
public final class Fingerprint {

	static final int BUCKETS = 64;

	// 32 bits of each bucket's 128-bit hash are enough to tell buckets apart.
	private static final int CHARS_PER_BUCKET = 2;

	private static final int SHINGLE_WORDS = 3;

	private static final int MIN_WORDS = 50;

	/** Enough for any article; a book's first pages tell its story. */
	private static final int MAX_CHARACTERS = 50_000;

	private static final Analyzer ANALYZER = new Analyzer() {

		@Override
		protected TokenStreamComponents createComponents(String fieldName) {
			Tokenizer source = new StandardTokenizer();
			ShingleFilter shingles = new ShingleFilter(new LowerCaseFilter(source), SHINGLE_WORDS, SHINGLE_WORDS);
			shingles.setOutputUnigrams(false);
			shingles.setOutputUnigramsIfNoShingles(true);
			return new TokenStreamComponents(source, new MinHashFilter(shingles, 1, BUCKETS, 1, true));
		}

	};

	private Fingerprint() {
	}

	/**
	 * The signature as hexadecimal text, or null for a text too short to tell its story
	 * from others: a teaser and a boilerplate sentence share too much with other such
	 * stubs.
	 */
	public static String of(String text) {
		String read = text.length() > MAX_CHARACTERS ? text.substring(0, MAX_CHARACTERS) : text;
		if (read.strip().split("\\s+").length < MIN_WORDS) {
			return null;
		}
		StringBuilder signature = new StringBuilder();
		try (TokenStream stream = ANALYZER.tokenStream("text", read)) {
			CharTermAttribute hash = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				for (int i = hash.length() - CHARS_PER_BUCKET; i < hash.length(); i++) {
					signature.append(HexFormat.of().toHexDigits(hash.charAt(i)));
				}
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Lucene failed on an in-memory string", ex);
		}
		return signature.isEmpty() ? null : signature.toString();
	}

	/**
	 * The estimated share of shingles two texts have in common, 0 to 1; 0 when either has
	 * no signature (a brief written before schema version 4).
	 */
	public static double similarity(String first, String second) {
		if (first == null || second == null || first.length() != second.length()) {
			return 0;
		}
		int width = CHARS_PER_BUCKET * 4;
		int buckets = first.length() / width;
		int equal = 0;
		for (int bucket = 0; bucket < buckets; bucket++) {
			if (first.regionMatches(bucket * width, second, bucket * width, width)) {
				equal++;
			}
		}
		return (double) equal / buckets;
	}

}
