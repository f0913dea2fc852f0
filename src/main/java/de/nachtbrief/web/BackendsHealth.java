package de.nachtbrief.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.llm.BackendProperties;
import de.nachtbrief.llm.BackendRegistry;

/**
 * Health component {@code backends}: whether every model backend a served job would call
 * answers, asked the way a run's preflight asks. DOWN when one does not, since its job's
 * next run would stop at once. Answers are kept for a minute, so a scraper polling health
 * does not poll the providers.
 */
@Component("backends")
class BackendsHealth implements HealthIndicator {

	private static final Duration KEEP = Duration.ofMinutes(1);

	private final WebJobs jobs;

	private final Clock clock;

	private volatile Health last;

	private volatile Instant checkedAt = Instant.MIN;

	@Autowired
	BackendsHealth(WebJobs jobs) {
		this(jobs, Clock.systemUTC());
	}

	BackendsHealth(WebJobs jobs, Clock clock) {
		this.jobs = jobs;
		this.clock = clock;
	}

	@Override
	public Health health() {
		Instant now = this.clock.instant();
		if (this.last == null || now.isAfter(this.checkedAt.plus(KEEP))) {
			this.last = check();
			this.checkedAt = now;
		}
		return this.last;
	}

	private Health check() {
		Map<String, Object> details = new LinkedHashMap<>();
		boolean allUp = true;
		for (WebJob job : this.jobs.all()) {
			BackendRegistry registry = job.context().getBean(BackendRegistry.class);
			JobDefinition.Backends roles = job.definition().backends();
			Map<String, BackendProperties.Backend> used = new LinkedHashMap<>(registry.members(roles.summarize()));
			used.putAll(registry.members(roles.translate()));
			if (used.isEmpty()) {
				details.putIfAbsent("extractive", "built in, always available");
			}
			for (Map.Entry<String, BackendProperties.Backend> backend : used.entrySet()) {
				if (details.containsKey(backend.getKey())) {
					continue;
				}
				Optional<String> problem = registry.problem(backend.getKey(), backend.getValue());
				allUp &= problem.isEmpty();
				details.put(backend.getKey(),
						problem.orElse(
								backend.getValue().isLocal() ? "model file " + registry.modelFile(backend.getValue())
										: "reachable at " + backend.getValue().baseUrl()));
			}
		}
		return (allUp ? Health.up() : Health.down()).withDetails(details).build();
	}

}
