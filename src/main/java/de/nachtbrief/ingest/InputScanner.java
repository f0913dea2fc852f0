package de.nachtbrief.ingest;

import de.nachtbrief.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks an input folder recursively in sorted order and fingerprints every file worth
 * reading. Hidden, temporary and lock files are passed over, and so is anything that is
 * not a regular file: symbolic links, FIFOs and devices are never read. A file whose size
 * or modification time changes while it is watched for {@code stableFor} is still being
 * written; it is left for the next run.
 */
public class InputScanner {

	private static final Logger logger = LoggerFactory.getLogger(InputScanner.class);

	private static final List<String> TEMPORARY_PREFIXES = List.of(".~lock", "~$", ".");

	private static final List<String> TEMPORARY_SUFFIXES = List.of(".part", ".crdownload", ".tmp", ".temp", ".swp",
			".download", "~");

	private static final Pattern LINE_BREAK = Pattern.compile("[\\n\\r\\u0085\\u2028\\u2029]");

	private final Path folder;

	private final List<PathMatcher> include;

	private final List<PathMatcher> exclude;

	private final Duration stableFor;

	public InputScanner(Path folder, List<String> include, List<String> exclude, Duration stableFor) {
		this.folder = folder.toAbsolutePath().normalize();
		this.include = include.stream().map(InputScanner::glob).toList();
		this.exclude = exclude.stream().map(InputScanner::glob).toList();
		this.stableFor = stableFor;
	}

	public List<SourceFile> scan() throws IOException {
		if (!Files.isDirectory(this.folder)) {
			throw new IOException("input folder " + this.folder + " does not exist or is not a folder");
		}
		List<Path> candidates;
		try (Stream<Path> paths = Files.walk(this.folder)) {
			candidates = paths.filter((path) -> !path.equals(this.folder))
				.filter(this::isWanted)
				.sorted(Comparator.comparing((Path path) -> relative(path)))
				.toList();
		}
		try {
			return stable(candidates).stream().map(this::fingerprint).toList();
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * The files whose size and modification time did not change while they were watched.
	 */
	private List<Path> stable(List<Path> candidates) throws IOException {
		if (this.stableFor.isZero() || candidates.isEmpty()) {
			return candidates;
		}
		Map<Path, Observation> before = new HashMap<>();
		for (Path path : candidates) {
			before.put(path, Observation.of(path));
		}
		try {
			Thread.sleep(this.stableFor.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for files to settle", ex);
		}
		List<Path> settled = new ArrayList<>();
		for (Path path : candidates) {
			if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && before.get(path).equals(Observation.of(path))) {
				settled.add(path);
			}
			else {
				logger.info("Leaving {} for the next run: it is still being written", relative(path));
			}
		}
		return settled;
	}

	private record Observation(long size, FileTime modified) {

		static Observation of(Path path) throws IOException {
			return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
					? new Observation(Files.size(path), Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS))
					: new Observation(-1, null);
		}

	}

	/**
	 * Whether a file of this name, relative to the input folder, would be read: not
	 * temporary or hidden, and matched by the job's include and exclude globs.
	 */
	public boolean accepts(String relativePath) {
		// A glob's '*' never matches a line break, which is a legal character in a name.
		Path path = Path.of(LINE_BREAK.matcher(relativePath).replaceAll(" "));
		return !hasTemporaryName(relativePath) && this.include.stream().anyMatch((matcher) -> matcher.matches(path))
				&& this.exclude.stream().noneMatch((matcher) -> matcher.matches(path));
	}

	private boolean isWanted(Path path) {
		String relative = relative(path);
		if (hasTemporaryName(relative) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
			return false;
		}
		if (Files.isSymbolicLink(path)) {
			logger.warn("Skipping {}: symbolic links are never read; copy the file itself into the input folder",
					relative);
			return false;
		}
		if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
			logger.warn("Skipping {}: not a regular file (a FIFO, socket or device is never read)", relative);
			return false;
		}
		return accepts(relative);
	}

	/**
	 * A name part that is hidden, temporary or a lock file, in the file name or any
	 * folder above it.
	 */
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

	/**
	 * The path below the input folder, its names joined by '/'; a backslash is a
	 * character like any other in a name on this system, never a separator.
	 */
	private String relative(Path path) {
		return StreamSupport.stream(this.folder.relativize(path).spliterator(), false)
			.map(Path::toString)
			.collect(Collectors.joining("/"));
	}

	private SourceFile fingerprint(Path path) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(path), Hashes.sha256())) {
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

	private static PathMatcher glob(String pattern) {
		return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
	}

}
