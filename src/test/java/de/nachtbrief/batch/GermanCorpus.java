package de.nachtbrief.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small German news-like articles made up from fixed parts with a fixed seed, for runs
 * over many documents. Each article's last sentence names its number, so it occurs in
 * that article only.
 */
final class GermanCorpus {

	private static final String[] PLACES = { "Freiburg", "Kassel", "Ulm", "Rostock", "Trier", "Görlitz", "Passau",
			"Bremen" };

	private static final String[] SUBJECTS = { "Der Stadtrat", "Die Landesregierung", "Die Universität", "Das Klinikum",
			"Der Verkehrsverbund", "Die Handwerkskammer" };

	private static final String[] ACTIONS = { "hat am Dienstag einen Plan für %d neue Wohnungen vorgestellt",
			"will bis 2027 rund %d Millionen Euro in Schulen investieren",
			"meldet für das vergangene Jahr %d Prozent mehr Fahrgäste",
			"hat %d zusätzliche Stellen in der Pflege geschaffen" };

	private GermanCorpus() {
	}

	static List<Path> write(Path folder, int count) throws IOException {
		Files.createDirectories(folder);
		Random random = new Random(20261123);
		List<Path> files = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			String place = PLACES[random.nextInt(PLACES.length)];
			StringBuilder text = new StringBuilder();
			for (int sentence = 0; sentence < 6; sentence++) {
				text.append(SUBJECTS[random.nextInt(SUBJECTS.length)])
					.append(" in ")
					.append(place)
					.append(' ')
					.append(ACTIONS[random.nextInt(ACTIONS.length)].formatted(10 + random.nextInt(900)))
					.append(". ");
			}
			text.append("Dies ist Meldung Nummer ").append(i).append(" aus ").append(place).append(".\n");
			Path file = folder.resolve("meldung-%03d.txt".formatted(i));
			Files.writeString(file, text, StandardCharsets.UTF_8);
			files.add(file);
		}
		return files;
	}

}
