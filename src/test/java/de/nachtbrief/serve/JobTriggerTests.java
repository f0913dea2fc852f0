package de.nachtbrief.serve;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobTriggerTests {

	@Test
	void requestsDuringARunBecomeExactlyOneFollowUpRun() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger concurrent = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		List<String> runs = new CopyOnWriteArrayList<>();
		JobTrigger trigger = new JobTrigger("nightly", (reason) -> {
			mostAtOnce.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
			runs.add(reason);
			started.countDown();
			await(release);
			concurrent.decrementAndGet();
		});

		assertThat(trigger.request("schedule")).isTrue();
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(trigger.request("watch")).isTrue();
		assertThat(trigger.request("watch")).isFalse();
		assertThat(trigger.request("schedule")).isFalse();
		release.countDown();
		awaitTrue(() -> runs.size() == 2 && !trigger.isRunning());
		trigger.close();

		assertThat(runs).containsExactly("schedule", "watch");
		assertThat(mostAtOnce).hasValue(1);
	}

	@Test
	void aFailingRunDoesNotStopLaterRuns() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		CountDownLatch second = new CountDownLatch(1);
		JobTrigger trigger = new JobTrigger("flaky", (reason) -> {
			if (runs.incrementAndGet() == 1) {
				throw new IllegalStateException("backend down");
			}
			second.countDown();
		});
		trigger.request("first");
		awaitTrue(() -> !trigger.isRunning());
		trigger.request("second");
		assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
		trigger.close();
		assertThat(runs).hasValue(2);
	}

	@Test
	void aClosedTriggerStartsNothing() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		JobTrigger trigger = new JobTrigger("closed", (reason) -> runs.incrementAndGet());
		trigger.close();
		assertThat(trigger.request("schedule")).isFalse();
		assertThat(runs).hasValue(0);
	}

	private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
			Thread.sleep(5);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
