package de.nachtbrief.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a drop folder and its sub-folders, and asks for one run once files have stopped
 * appearing or changing for the settle time, so a batch dropped together makes one run. A
 * folder that is deleted is waited for and watched again when it reappears.
 */
public final class FolderWatch implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(FolderWatch.class);

	private final Path folder;

	private final Duration settle;

	private final Clock clock;

	private final Runnable onSettled;

	private final Duration poll;

	private final Thread thread;

	private final Map<WatchKey, Path> keys = new HashMap<>();

	private volatile boolean closed;

	private WatchService service;

	private Instant changedAt;

	/**
	 * @param poll how often the settle time is checked and a missing folder looked for
	 */
	public FolderWatch(String job, Path folder, Duration settle, Clock clock, Duration poll, Runnable onSettled) {
		this.folder = folder.toAbsolutePath().normalize();
		this.settle = settle;
		this.clock = clock;
		this.poll = poll;
		this.onSettled = onSettled;
		this.thread = new Thread(this::loop, "watch-" + job);
		this.thread.setDaemon(true);
	}

	/** Starts watching; files already in the folder are left to the schedule. */
	public FolderWatch start() {
		if (Files.isDirectory(this.folder)) {
			open();
		}
		this.thread.start();
		return this;
	}

	private void loop() {
		while (!this.closed) {
			try {
				step();
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (IOException | RuntimeException ex) {
				// A sub-folder deleted while it was being registered, for one: start
				// over.
				logger.warn("Watching {}: {}; watching it again", this.folder, ex.toString());
				closeService();
				if (!pause()) {
					return;
				}
			}
		}
	}

	private boolean pause() {
		try {
			Thread.sleep(this.poll.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			return false;
		}
	}

	private void step() throws IOException, InterruptedException {
		if (this.service == null) {
			if (!Files.isDirectory(this.folder)) {
				Thread.sleep(this.poll.toMillis());
				return;
			}
			open();
			if (!isEmpty(this.folder)) {
				// Files may have been dropped before the folder was watched again.
				this.changedAt = this.clock.instant();
			}
		}
		WatchKey key = this.service.poll(this.poll.toMillis(), TimeUnit.MILLISECONDS);
		if (key != null) {
			Path directory = this.keys.get(key);
			for (WatchEvent<?> event : key.pollEvents()) {
				this.changedAt = this.clock.instant();
				if (directory != null && event.context() instanceof Path name) {
					Path child = directory.resolve(name);
					if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)) {
						register(child);
					}
				}
			}
			if (!key.reset()) {
				this.keys.remove(key);
			}
		}
		if (!Files.isDirectory(this.folder)) {
			logger.info("Drop folder {} is gone; waiting for it to reappear", this.folder);
			closeService();
			return;
		}
		if (this.changedAt != null && !this.clock.instant().isBefore(this.changedAt.plus(this.settle))) {
			this.changedAt = null;
			this.onSettled.run();
		}
	}

	private void open() {
		try {
			this.service = FileSystems.getDefault().newWatchService();
			register(this.folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Watches a folder, then looks at its sub-folders: one made after the watch began
	 * raises an event, one made before is found by the look, so none falls between.
	 */
	private void register(Path directory) throws IOException {
		this.keys.put(directory.register(this.service, StandardWatchEventKinds.ENTRY_CREATE,
				StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE), directory);
		List<Path> subFolders;
		try (Stream<Path> entries = Files.list(directory)) {
			subFolders = entries.filter((entry) -> Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)).toList();
		}
		for (Path subFolder : subFolders) {
			register(subFolder);
		}
	}

	private static boolean isEmpty(Path folder) throws IOException {
		try (Stream<Path> entries = Files.list(folder)) {
			return entries.findAny().isEmpty();
		}
	}

	private void closeService() {
		this.keys.clear();
		if (this.service != null) {
			try {
				this.service.close();
			}
			catch (IOException ex) {
				// Nothing left to release.
			}
			this.service = null;
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.closed = true;
		this.thread.interrupt();
		this.thread.join(TimeUnit.SECONDS.toMillis(10));
		closeService();
	}

}
