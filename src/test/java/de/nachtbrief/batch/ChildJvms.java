package de.nachtbrief.batch;

/** Settings for the jar's processes that the integration tests start. */
final class ChildJvms {

	/**
	 * For tests, not measurements: the JIT's quick tier only, so that several JVMs
	 * starting on two cores take less of them (RemotePartitioningIT: 81 s down to 54 s).
	 */
	static final String QUICK_START = "-XX:TieredStopAtLevel=1";

	private ChildJvms() {
	}

}
