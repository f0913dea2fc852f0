package de.nachtbrief.brief;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers in a text with their values, scale words included: „1,2 Mio.“, "1.2
 * million" and „120万“ are all 1,200,000. A brief may write an amount of the source in its
 * own language's form, so a number is grounded by the source's digits or by its value.
 */
final class Amounts {

	/** A number, then a scale word (a whole word) or a Chinese scale character. */
	private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:[.,'’]\\d+)*)(?:\\s*(?:(Mio\\.?|Millionen|Million|"
			+ "Mrd\\.?|Milliarden|Milliarde|Tsd\\.?|Tausend|millions?|billions?|thousand|bn)(?!\\p{L})|(百万|十亿|万|亿|千)))?");

	private static final Map<String, BigDecimal> SCALES = Map.ofEntries(Map.entry("mio", BigDecimal.valueOf(1e6)),
			Map.entry("millionen", BigDecimal.valueOf(1e6)), Map.entry("million", BigDecimal.valueOf(1e6)),
			Map.entry("millions", BigDecimal.valueOf(1e6)), Map.entry("百万", BigDecimal.valueOf(1e6)),
			Map.entry("mrd", BigDecimal.valueOf(1e9)), Map.entry("milliarden", BigDecimal.valueOf(1e9)),
			Map.entry("milliarde", BigDecimal.valueOf(1e9)), Map.entry("billion", BigDecimal.valueOf(1e9)),
			Map.entry("billions", BigDecimal.valueOf(1e9)), Map.entry("bn", BigDecimal.valueOf(1e9)),
			Map.entry("十亿", BigDecimal.valueOf(1e9)), Map.entry("tsd", BigDecimal.valueOf(1e3)),
			Map.entry("tausend", BigDecimal.valueOf(1e3)), Map.entry("thousand", BigDecimal.valueOf(1e3)),
			Map.entry("千", BigDecimal.valueOf(1e3)), Map.entry("万", BigDecimal.valueOf(1e4)),
			Map.entry("亿", BigDecimal.valueOf(1e8)));

	private static final Pattern GERMAN_THOUSANDS = Pattern.compile("\\d{1,3}(\\.\\d{3})+(,\\d+)?");

	private static final Pattern ENGLISH_THOUSANDS = Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d+)?");

	private Amounts() {
	}

	/** A number as written and its value. */
	record Amount(String number, BigDecimal value) {
	}

	/**
	 * @param german whether "1.200,5" means twelve hundred and a half (else "1,200.5"
	 * does)
	 */
	static List<Amount> in(String text, boolean german) {
		List<Amount> amounts = new ArrayList<>();
		Matcher amount = AMOUNT.matcher(text);
		while (amount.find()) {
			BigDecimal value = parse(amount.group(1).replaceAll("['’]", ""), german);
			String scale = (amount.group(2) != null) ? amount.group(2) : amount.group(3);
			if (value != null && scale != null) {
				value = value.multiply(SCALES.get(scale.replace(".", "").toLowerCase(Locale.ROOT)));
			}
			amounts.add(new Amount(amount.group(1), (value != null) ? value.stripTrailingZeros() : null));
		}
		return amounts;
	}

	private static BigDecimal parse(String number, boolean german) {
		String plain;
		if (german) {
			plain = GERMAN_THOUSANDS.matcher(number).matches() ? number.replace(".", "").replace(',', '.')
					: number.replace(',', '.');
		}
		else {
			plain = ENGLISH_THOUSANDS.matcher(number).matches() ? number.replace(",", "") : number.replace(',', '.');
		}
		try {
			return new BigDecimal(plain);
		}
		catch (NumberFormatException ex) {
			// "1.2.3": a version or a date, which only its digits can ground.
			return null;
		}
	}

}
