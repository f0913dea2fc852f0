package de.nachtbrief.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks an input folder recursively in sorted order and fingerprints every file worth reading. Hidden, temporary and
 * lock files are passed over, and so is anything that is not a regular file inside the folder (a symlink is read only
 * when it points inside the folder).
 */
public class InputScanner {

	private static final Logger logger = LoggerFactory.getLogger(InputScanner.class);

	private static final List<String> TEMPORARY_PREFIXES = List.of(".~lock", "~$", ".");

	private static final List<String> TEMPORARY_SUFFIXES = List.of(".part", ".crdownload", ".tmp", ".temp", ".swp",
			".download", "~");

	private final Path folder;

	private final List<PathMatcher> include;

	private final List<PathMatcher> exclude;

	public InputScanner(Path folder, List<String> include, List<String> exclude) {
		this.folder = folder.toAbsolutePath().normalize();
		this.include = include.stream().map(InputScanner::glob).toList();
		this.exclude = exclude.stream().map(InputScanner::glob).toList();
	}

	public List<SourceFile> scan() throws IOException {
		if (!Files.isDirectory(this.folder)) {
			throw new IOException("input folder " + this.folder + " does not exist or is not a folder");
		}
		Path realFolder = this.folder.toRealPath();
		try (Stream<Path> paths = Files.walk(this.folder)) {
			return paths.filter((path) -> !path.equals(this.folder))
				.filter((path) -> isWanted(path, realFolder))
				.sorted(Comparator.comparing((Path path) -> relative(path)))
				.map(this::fingerprint)
				.toList();
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	private boolean isWanted(Path path, Path realFolder) {
		String relative = relative(path);
		if (hasTemporaryName(relative)) {
			return false;
		}
		if (!Files.isRegularFile(path)) {
			return false;
		}
		if (Files.isSymbolicLink(path) && !pointsInside(path, realFolder)) {
			logger.warn("Skipping {}: a symbolic link that leads out of the input folder", relative);
			return false;
		}
		Path relativePath = Path.of(relative);
		return this.include.stream().anyMatch((matcher) -> matcher.matches(relativePath))
				&& this.exclude.stream().noneMatch((matcher) -> matcher.matches(relativePath));
	}

	/** A name part that is hidden, temporary or a lock file, in the file name or any folder above it. */
	static boolean hasTemporaryName(String relativePath) {
		for (String part : relativePath.split("/")) {
			String lower = part.toLowerCase(Locale.ROOT);
			if (TEMPORARY_PREFIXES.stream().anyMatch(lower::startsWith)
					|| TEMPORARY_SUFFIXES.stream().anyMatch(lower::endsWith)) {
				return true;
			}
		}
		return false;
	}

	private static boolean pointsInside(Path link, Path realFolder) {
		try {
			return link.toRealPath().startsWith(realFolder);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private String relative(Path path) {
		return this.folder.relativize(path).toString().replace('\\', '/');
	}

	private SourceFile fingerprint(Path path) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(path), sha256())) {
			byte[] buffer = new byte[64 * 1024];
			while (in.read(buffer) != -1) {
				// reading feeds the digest
			}
			String hash = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
			return new SourceFile(path, relative(path), Files.size(path), hash);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	private static PathMatcher glob(String pattern) {
		return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
	}

}
