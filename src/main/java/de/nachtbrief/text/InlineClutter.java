package de.nachtbrief.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clutter inside the lines of an article, which {@link ClutterFilter}'s line rules cannot
 * see: agency tags such as „(APA, 5.9.2015)“ or „(red)“ at a paragraph's end, and
 * embedded tweets, which reach plain text as the tweet's words followed by its
 * {@code pic.twitter.com} link, tables of results run into the text, and photo credits
 * and bylines.
 */
final class InlineClutter {

	private static final String AGENCY = "(?:APA|dpa|AFP|AP|Reuters|red|sda|SDA|kna|KNA|epd|sid|SID|ots|OTS)";

	/** An agency tag with a date anywhere, or without one where its paragraph ends. */
	private static final Pattern AGENCY_TAG = Pattern.compile(
			"\\s*\\(" + AGENCY + "(?:\\s*[/,;]\\s*" + AGENCY
					+ ")*(?:(?:\\s*[,;–-]?\\s*\\d{1,2}\\.\\s?\\d{1,2}\\.\\s?\\d{4})\\)|\\)(?=\\s*$))",
			Pattern.MULTILINE);

	private static final Pattern DATED_AGENCY_TAG = Pattern.compile("\\(" + AGENCY + "(?:\\s*[/,;]\\s*" + AGENCY
			+ ")*\\s*[,;–-]?\\s*\\d{1,2}\\.\\s?\\d{1,2}\\.\\s?\\d{4}\\)(?=\\s*\\S)");

	private static final String CREDIT = "(?:Foto|Fotos|Bild|Bilder|Bildquelle|Grafik|Illustration|Video|Text"
			+ "|Recherche|Interview|Reportage)";

	/**
	 * A credit or byline in brackets: „(Foto: APA/Punz)“, „(Text: David Krutzler, Video:
	 * …)“.
	 */
	private static final Pattern CREDIT_IN_BRACKETS = Pattern
		.compile("\\s*\\(" + CREDIT + "\\s*:\\s*[^()\\n]{1,120}\\)");

	/**
	 * A photo credit after a paragraph's last sentence: „… eröffnet. Foto: APA/Hans
	 * Punz“.
	 */
	private static final Pattern CREDIT_AT_END = Pattern.compile(
			"(?<=[.!?“\"])\\s+(?:Foto|Fotos|Bild|Bildquelle|Grafik|Video)\\s*:\\s*[^\\n.!?]{1,80}$", Pattern.MULTILINE);

	/** A tweet's picture link, or the short link Twitter puts into a tweet. */
	private static final Pattern TWEET_LINK = Pattern.compile("(?:pic\\.twitter\\.com|https?://t\\.co)/\\w+\\s*");

	/** A rank in a results table: "1. Sebastien Ogier", "– 2. Latvala". */
	private static final Pattern RANK = Pattern.compile("(?:^|[\\s:(])(\\d{1,2})\\.\\s+\\p{Lu}");

	private static final int MIN_RANKS = 3;

	private static final int RANK_GAP = 200;

	private static final String SENTENCE_ENDS = ".!?:“\"";

	/** A tweet has at most 280 characters; its links and hashtags add some. */
	private static final int LONGEST_TWEET = 400;

	private InlineClutter() {
	}

	static String strip(String line) {
		String kept = withoutResultTables(withoutAppendix(withoutTweets(line)));
		kept = CREDIT_IN_BRACKETS.matcher(kept).replaceAll("");
		kept = CREDIT_AT_END.matcher(kept).replaceAll("");
		return AGENCY_TAG.matcher(kept).replaceAll("").strip();
	}

	/**
	 * A dated agency tag ends the agency's text; what follows it on the same line is the
	 * page's appendix run into the text: results, line-ups, standings, technical data.
	 */
	private static String withoutAppendix(String line) {
		Matcher tag = DATED_AGENCY_TAG.matcher(line);
		return tag.find() ? line.substring(0, tag.end()) : line;
	}

	/**
	 * A table of results or standings that reached the text as one run ("Endstand: 1.
	 * Ogier (FRA) 3:35:49,5 Std. – 2. Latvala (FIN) +0:23,0 – 3. …"), taken out from the
	 * sentence that introduces it to the line's end: at least three ranks in a row, each
	 * within {@value #RANK_GAP} characters of the one before.
	 */
	private static String withoutResultTables(String line) {
		Matcher rank = RANK.matcher(line);
		int expected = -1;
		int first = -1;
		int previous = -1;
		int inRow = 0;
		while (rank.find()) {
			int number = Integer.parseInt(rank.group(1));
			if (number == expected && rank.start() - previous <= RANK_GAP) {
				inRow++;
			}
			else {
				inRow = 1;
				first = rank.start(1);
			}
			if (inRow == MIN_RANKS) {
				return line.substring(0, tableStart(line, first)).stripTrailing();
			}
			expected = number + 1;
			previous = rank.start();
		}
		return line;
	}

	/**
	 * Where the sentence before the first rank ends: the table's heading ("9. Lauf zur
	 * Rallye-WM (Endstand):") goes with it.
	 */
	private static int tableStart(String line, int firstRank) {
		for (int i = firstRank - 1; i > 1 && firstRank - i < RANK_GAP; i--) {
			char before = line.charAt(i - 2);
			boolean sentenceEnd = (line.charAt(i - 1) == '.' || line.charAt(i - 1) == ')')
					&& Character.isWhitespace(line.charAt(i)) && !Character.isDigit(before);
			if (sentenceEnd) {
				return i;
			}
		}
		return firstRank;
	}

	/**
	 * Each embedded tweet taken out from where the sentence before it ends to its picture
	 * link; found by scanning, since a regular expression over a line of any length could
	 * overflow the stack.
	 */
	private static String withoutTweets(String line) {
		List<int[]> tweets = new ArrayList<>();
		Matcher link = TWEET_LINK.matcher(line);
		while (link.find()) {
			int start = tweetStart(line, link.start());
			int[] last = tweets.isEmpty() ? null : tweets.get(tweets.size() - 1);
			if (last != null && start <= last[1]) {
				// One tweet with several links.
				last[1] = link.end();
			}
			else {
				tweets.add(new int[] { start, link.end() });
			}
		}
		StringBuilder kept = new StringBuilder(line);
		for (int i = tweets.size() - 1; i >= 0; i--) {
			kept.delete(tweets.get(i)[0], tweets.get(i)[1]);
		}
		return kept.toString();
	}

	/**
	 * Where the sentence ends that precedes the tweet, or the link itself when none ends
	 * within a tweet's length.
	 */
	private static int tweetStart(String line, int link) {
		// The tweet's own last sentence may end right before its link.
		int end = link;
		while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
			end--;
		}
		if (end > 0 && SENTENCE_ENDS.indexOf(line.charAt(end - 1)) >= 0) {
			end--;
		}
		for (int i = end; i > 0 && link - i < LONGEST_TWEET; i--) {
			if (Character.isWhitespace(line.charAt(i - 1)) && i >= 2
					&& SENTENCE_ENDS.indexOf(line.charAt(i - 2)) >= 0) {
				return i;
			}
		}
		return (link <= LONGEST_TWEET) ? 0 : link;
	}

}
