package de.nachtbrief.text;

import static de.nachtbrief.text.ClutterRule.Action.DROP;
import static de.nachtbrief.text.ClutterRule.Action.DROP_WITH_NAME;
import static de.nachtbrief.text.ClutterRule.Action.DROP_WITH_PROMO;
import static de.nachtbrief.text.ClutterRule.Action.START_TEASER;

import java.util.List;

/**
 * The catalogue of German web-copy clutter that {@link ClutterFilter} removes. Patterns
 * are case-insensitive and see one trimmed line; most are anchored to the whole line so
 * that article sentences which merely mention a word survive.
 */
final class ClutterRules {

	static final List<ClutterRule> ALL = List.of(
			ClutterRule.of("teaser heading", START_TEASER,
					"^(das könnte (ihnen|dich|sie) auch gefallen|das könnte (sie|dich) auch interessieren"
							+ "|mehr zum thema|lesen sie auch|lies auch|auch interessant|weitere artikel"
							+ "|verwandte artikel|empfohlene artikel|passend zum thema|meistgelesen)\\s*:?$"),
			ClutterRule.of("inline teaser", DROP,
					"^(mehr zum thema|lesen sie auch|lies auch|auch interessant|lesetipp|siehe auch)"
							+ "\\s*:\\s*.{1,160}$"),
			ClutterRule.of("newsletter prompt", DROP_WITH_PROMO,
					"^(jetzt\\s+)?(abonnieren sie|abonniere|bestellen sie|melden sie sich|melde dich"
							+ "|registrieren sie sich)\\b.{0,60}\\bnewsletter\\b.{0,40}$"),
			ClutterRule.of("newsletter heading", DROP_WITH_PROMO,
					"^(unser |der |zum )?newsletter(\\s*(abonnieren|bestellen|anmelden))?\\s*[:!]?$"),
			ClutterRule.of("cookie notice", DROP,
					"^(wir|diese (web)?seite|diese website|unsere (web)?seite|unsere website)\\s+(verwenden|verwendet"
							+ "|nutzen|nutzt|setzen|setzt|benutzen|benutzt)\\s+(\\S+\\s+){0,3}cookies\\b"),
			ClutterRule.of("cookie button", DROP,
					"^(cookie-?einstellungen|cookies? (akzeptieren|ablehnen|verwalten)|alle (cookies )?akzeptieren"
							+ "|alle ablehnen|akzeptieren|ablehnen|zustimmen|einverstanden)$"),
			ClutterRule.of("privacy pointer", DROP,
					"^weitere informationen (finden|erhalten) sie in unserer? (datenschutz|cookie)"),
			ClutterRule.of("legal link", DROP,
					"^(impressum|datenschutz|datenschutzerklärung|datenschutzrichtlinie|agb|nutzungsbedingungen"
							+ "|kontakt|barrierefreiheit)$"),
			ClutterRule.of("imprint pointer", DROP, "^.{0,80}\\bfinden sie im impressum\\.?$"),
			ClutterRule.of("byline on its own line", DROP_WITH_NAME, "^von$"),
			ClutterRule.of("byline", DROP, "^von\\s+(?-i:\\p{Lu}\\S*(\\s+\\p{Lu}\\S*){0,3})(,.{0,40})?$"),
			ClutterRule.of("author label", DROP, "^(autor|autorin|text|redaktion)\\s*:\\s*.{1,60}$"),
			ClutterRule.of("reading time", DROP, "^.{0,30}\\b(lesezeit|lesedauer)\\b.{0,20}$"),
			ClutterRule.of("publication date", DROP,
					"^(veröffentlicht|aktualisiert|zuletzt aktualisiert|stand)\\s*(am|:)?\\s*\\d.{0,40}$"),
			ClutterRule.of("share or print button", DROP,
					"^(teilen|drucken|merken|vorlesen|anhören|kommentieren|artikel (merken|teilen|drucken|anhören"
							+ "|vorlesen)|link kopieren|kopieren|per (e-mail|mail) (teilen|versenden)|e-mail|facebook"
							+ "|twitter|x|whatsapp|linkedin|xing|pinterest|telegram|threads|bluesky|zum artikel)$"),
			ClutterRule.of("advertising label", DROP,
					"^(anzeige|werbung|sponsored|gesponsert|advertorial|advertisement)\\s*:?$"),
			ClutterRule.of("submission disclaimer", DROP,
					"^dieser (artikel|beitrag|text) wurde (von unserem benutzer|von einem benutzer|mithilfe von ki"
							+ "|mit hilfe von ki|automatisch|maschinell)"),
			ClutterRule.of("copyright complaint", DROP,
					"^wenn sie glauben, dass dieser (artikel|beitrag|inhalt) gegen urheberrecht"),
			ClutterRule.of("copyright line", DROP, "^(©|\\(c\\)|copyright\\b).{0,160}$"),
			ClutterRule.of("rights reserved", DROP, "^.{0,100}\\balle rechte vorbehalten\\b.{0,40}$"),
			ClutterRule.of("navigation link", DROP,
					"^((zurück )?zur startseite|zurück|nach oben|startseite|menü|suche)$"),
			ClutterRule.of("photo caption", DROP,
					"^(foto|fotos|bild|bildquelle|grafik|illustration|video)\\s*:\\s*.{0,150}$"),
			ClutterRule.of("article image", DROP, "^artikelbild\\b.{0,200}$"),
			ClutterRule.of("embedded video or post", DROP,
					"^(https?://)?(www\\.|m\\.)?(youtube\\.com|youtu\\.be|vimeo\\.com|instagram\\.com|facebook\\.com"
							+ "|twitter\\.com|x\\.com|tiktok\\.com|dailymotion\\.com)/\\S*$"),
			ClutterRule.of("comment counter", DROP, "^(\\d+\\s+)?kommentare?$"),
			ClutterRule.of("comment prompt", DROP,
					"^(hinterlasse|hinterlassen sie|schreibe|schreiben sie|verfasse)\\s+(uns\\s+)?(einen|deinen|ihren)"
							+ "\\s+kommentar!?$"),
			ClutterRule.of("discussion prompt", DROP, "^an der diskussion beteiligen\\??$"),
			ClutterRule.of("empty source list", DROP, "^(quellenliste|quellen)\\s*:?$"));

	private ClutterRules() {
	}

}
