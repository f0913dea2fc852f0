package de.nachtbrief.batch;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Peak heap while something runs, two ways: the heap in use sampled every 10 ms through
 * the {@code MemoryMXBean} (garbage not yet collected included), and the largest heap
 * still in use right after a garbage collection, from the collectors' notifications
 * (closer to what the run really keeps alive).
 */
final class HeapWatch implements AutoCloseable {

	private final AtomicLong peakSampled = new AtomicLong();

	private final AtomicLong peakAfterGc = new AtomicLong();

	private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter((pool) -> pool.getType() == MemoryType.HEAP)
		.map(MemoryPoolMXBean::getName)
		.collect(Collectors.toSet());

	private final NotificationListener afterGc = this::onGc;

	private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

	private final Thread sampler;

	private final long baseline;

	private volatile boolean running = true;

	HeapWatch() {
		System.gc();
		this.baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		for (GarbageCollectorMXBean collector : this.collectors) {
			((NotificationEmitter) collector).addNotificationListener(this.afterGc, null, null);
		}
		this.sampler = new Thread(this::sample, "heap-watch");
		this.sampler.setDaemon(true);
		this.sampler.start();
	}

	private void sample() {
		while (this.running) {
			this.peakSampled.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
					Math::max);
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private void onGc(Notification notification, Object handback) {
		if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
			return;
		}
		Map<String, MemoryUsage> after = GarbageCollectionNotificationInfo
			.from((CompositeData) notification.getUserData())
			.getGcInfo()
			.getMemoryUsageAfterGc();
		long used = after.entrySet()
			.stream()
			.filter((pool) -> this.heapPools.contains(pool.getKey()))
			.mapToLong((pool) -> pool.getValue().getUsed())
			.sum();
		this.peakAfterGc.accumulateAndGet(used, Math::max);
	}

	/** The heap in use after a full collection just before the watch began. */
	long baselineMiB() {
		return this.baseline >> 20;
	}

	long peakSampledMiB() {
		return this.peakSampled.get() >> 20;
	}

	long peakAfterGcMiB() {
		return this.peakAfterGc.get() >> 20;
	}

	static String describeJvm() {
		return "max heap %d MiB, collectors %s".formatted(Runtime.getRuntime().maxMemory() >> 20,
				ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.sampler.interrupt();
		this.sampler.join();
		for (GarbageCollectorMXBean collector : this.collectors) {
			try {
				((NotificationEmitter) collector).removeNotificationListener(this.afterGc);
			}
			catch (ListenerNotFoundException ex) {
				// Never added, so nothing to remove.
			}
		}
	}

}
