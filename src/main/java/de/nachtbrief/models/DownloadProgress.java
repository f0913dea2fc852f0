package de.nachtbrief.models;

/**
 * Hears how far a download has come, so a command can show it. Byte counts include the
 * bytes a resumed download already had; a total is -1 when neither the server nor the
 * catalog knows the size.
 */
public interface DownloadProgress {

	/** The transfer starts, possibly resuming after {@code alreadyDone} bytes. */
	void started(String name, long alreadyDone, long total);

	/** More bytes are on disk. */
	void advanced(long done, long total);

	/**
	 * The transfer ended, whether it succeeded or broke off; called once after started.
	 */
	void finished(long done);

	/** Shows nothing, for callers without an audience. */
	static DownloadProgress none() {
		return new DownloadProgress() {

			@Override
			public void started(String name, long alreadyDone, long total) {
			}

			@Override
			public void advanced(long done, long total) {
			}

			@Override
			public void finished(long done) {
			}

		};
	}

}
