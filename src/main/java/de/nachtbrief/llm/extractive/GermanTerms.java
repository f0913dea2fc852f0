package de.nachtbrief.llm.extractive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Turns a German sentence into content terms with Lucene: lowercased, without stop words,
 * umlauts normalised and lightly stemmed, each term remembering the word it came from.
 */
final class GermanTerms {

	// Analyzers are thread-safe (per-thread token streams) and live as long as the
	// application.
	private static final Analyzer ANALYZER = new Analyzer() {

		@Override
		protected TokenStreamComponents createComponents(String fieldName) {
			Tokenizer source = new StandardTokenizer();
			TokenStream stream = new LowerCaseFilter(source);
			stream = new StopFilter(stream, GermanAnalyzer.getDefaultStopSet());
			stream = new GermanNormalizationFilter(stream);
			stream = new GermanLightStemFilter(stream);
			return new TokenStreamComponents(source, stream);
		}

	};

	private GermanTerms() {
	}

	static List<Term> of(String sentence) {
		int firstWordStart = firstLetterOrDigit(sentence);
		List<Term> terms = new ArrayList<>();
		try (TokenStream stream = ANALYZER.tokenStream("text", sentence)) {
			CharTermAttribute stem = stream.addAttribute(CharTermAttribute.class);
			OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				String surface = sentence.substring(offset.startOffset(), offset.endOffset());
				boolean inCompound = (offset.startOffset() > 0 && sentence.charAt(offset.startOffset() - 1) == '-')
						|| (offset.endOffset() < sentence.length() && sentence.charAt(offset.endOffset()) == '-');
				terms.add(new Term(stem.toString(), surface, offset.startOffset() == firstWordStart, inCompound));
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Lucene failed on an in-memory string", ex);
		}
		return terms;
	}

	private static int firstLetterOrDigit(String sentence) {
		for (int i = 0; i < sentence.length(); i++) {
			if (Character.isLetterOrDigit(sentence.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * A content word: its stem, its spelling in the sentence, and whether it opens the
	 * sentence (where German capitalises every word, so capitals say nothing about
	 * nouns), and whether it is part of a hyphenated compound ("22-Jährige").
	 */
	record Term(String stem, String surface, boolean opensSentence, boolean inCompound) {

		boolean isCapitalisedNoun() {
			return !this.opensSentence && Character.isUpperCase(this.surface.codePointAt(0));
		}

	}

}
