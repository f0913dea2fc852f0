package de.nachtbrief.extract;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;

/**
 * The article inside a web page: jsoup rules drop navigation, cookie banners, newsletter
 * boxes, teasers and footers, then the text is taken block by block so paragraphs
 * survive.
 */
final class HtmlArticle {

	/** Elements that are never part of an article. */
	private static final String CLUTTER_ELEMENTS = "script, style, noscript, template, nav, header nav, footer, aside, form, "
			+ "button, iframe, svg, figure figcaption, [role=navigation], [role=banner], [role=contentinfo], "
			+ "[role=complementary], [aria-hidden=true], [hidden]";

	/** Class or id words that mark page furniture on news sites. */
	private static final Pattern CLUTTER_NAMES = Pattern
		.compile("(^|[-_ ])(cookie|consent|gdpr|newsletter|subscribe|abo|paywall|teaser|related|recommend|empfehlung|"
				+ "share|social|sharing|comment|kommentar|breadcrumb|banner|advert|ad|ads|anzeige|promo|sidebar|"
				+ "footer|menu|navigation|nav|popup|modal|outbrain|taboola)([-_ ]|$)", Pattern.CASE_INSENSITIVE);

	private static final String BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, tr, dt, dd";

	private HtmlArticle() {
	}

	record Page(String text, String title, String author, String date) {
	}

	/**
	 * @throws ExtractionException when elements nest deeper than {@code maxDepth}
	 */
	static Page read(String html, int maxDepth) throws ExtractionException {
		Document page = Jsoup.parse(html);
		// Checked before any selector runs: some of them cost time in proportion to the
		// depth.
		if (depthOf(page) > maxDepth) {
			throw new ExtractionException(Reasons.tooDeep(maxDepth));
		}
		String title = firstNonBlank(meta(page, "og:title"),
				page.selectFirst("article h1") != null ? page.selectFirst("article h1").text() : null, page.title());
		String author = firstNonBlank(meta(page, "author"), meta(page, "article:author"), meta(page, "dc.creator"));
		String date = firstNonBlank(meta(page, "article:published_time"), meta(page, "date"), meta(page, "dc.date"),
				timeOf(page));
		page.select(CLUTTER_ELEMENTS).remove();
		page.getAllElements()
			.stream()
			.filter((element) -> CLUTTER_NAMES.matcher(element.className() + " " + element.id()).find())
			.filter((element) -> !element.tagName().equals("body") && !element.tagName().equals("article"))
			.toList()
			.forEach(Element::remove);
		Element root = page.selectFirst("article, main, [role=main]");
		return new Page(blockText(root != null ? root : page.body()), title, author, date);
	}

	private static int depthOf(Document page) {
		int[] deepest = { 0 };
		NodeTraversor.traverse((node, depth) -> deepest[0] = Math.max(deepest[0], depth), page);
		return deepest[0];
	}

	private static String blockText(Element root) {
		if (root == null) {
			return "";
		}
		Elements blocks = root.select(BLOCKS);
		// Nested blocks (a <p> inside an <li>) would be read twice; keep the innermost.
		List<String> paragraphs = blocks.stream()
			.filter((block) -> block.select(BLOCKS).size() == 1)
			.map(HtmlArticle::textOf)
			.filter((text) -> !text.isBlank())
			.toList();
		return paragraphs.isEmpty() ? root.text() : String.join("\n\n", paragraphs);
	}

	// A table row stays one line with its cells apart, so the numbers keep their columns.
	private static String textOf(Element block) {
		if (!block.tagName().equals("tr")) {
			return block.text();
		}
		return block.children()
			.stream()
			.map(Element::text)
			.filter((cell) -> !cell.isBlank())
			.collect(Collectors.joining(" | "));
	}

	private static String meta(Document page, String name) {
		Element meta = page.selectFirst("meta[name=" + name + "], meta[property=" + name + "]");
		return meta != null ? meta.attr("content") : null;
	}

	private static String timeOf(Document page) {
		Element time = page.selectFirst("article time[datetime], time[datetime]");
		return time != null ? time.attr("datetime") : null;
	}

	private static String firstNonBlank(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value.trim();
			}
		}
		return null;
	}

}
