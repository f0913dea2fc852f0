package de.nachtbrief.extract;

import org.apache.tika.langdetect.optimaize.OptimaizeLangDetector;
import org.apache.tika.language.detect.LanguageDetector;
import org.apache.tika.language.detect.LanguageResult;

/**
 * Detects the language of a text with Tika's Optimaize detector; the models load once.
 */
public final class LanguageGuess {

	private static final int SAMPLE_CHARACTERS = 20_000;

	private final LanguageDetector detector = new OptimaizeLangDetector().loadModels();

	/**
	 * How likely the text is in each language the detector finds plausible, by ISO 639-1
	 * code, most likely first.
	 */
	public synchronized java.util.Map<String, Float> candidates(String text) {
		this.detector.reset();
		this.detector.addText(text.length() > SAMPLE_CHARACTERS ? text.substring(0, SAMPLE_CHARACTERS) : text);
		java.util.Map<String, Float> candidates = new java.util.LinkedHashMap<>();
		this.detector.detectAll().forEach((result) -> candidates.put(result.getLanguage(), result.getRawScore()));
		return candidates;
	}

	/** An ISO 639-1 code, or {@code und} when the text does not say. */
	public synchronized String of(String text) {
		this.detector.reset();
		String sample = text.length() > SAMPLE_CHARACTERS ? text.substring(0, SAMPLE_CHARACTERS) : text;
		this.detector.addText(sample);
		LanguageResult result = this.detector.detect();
		return result.isUnknown() ? "und" : result.getLanguage();
	}

}
