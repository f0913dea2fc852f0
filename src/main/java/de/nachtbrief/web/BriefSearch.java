package de.nachtbrief.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import de.nachtbrief.brief.Brief;
import de.nachtbrief.brief.BriefDocument;
import de.nachtbrief.brief.BriefFiles;
import de.nachtbrief.brief.LocalizedBrief;
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStatus;
import de.nachtbrief.store.DocumentStore;

/**
 * Search over every document the served jobs have recorded: the brief's headline and text
 * in every language, its names and topics, the file name, and a failure's reason;
 * filtered by job, language, topic, outcome and date; a page at a time. The index is
 * Lucene's, in memory, and catches up with the state databases before each search, so a
 * run that just finished is found at once and nothing is written beside the briefs.
 */
@Service
public class BriefSearch {

	public static final int PAGE_SIZE = 25;

	// Topics offered as filters: the most frequent among this many of the best hits.
	private static final int TOPIC_SAMPLE = 1000;

	private static final int TOPICS_OFFERED = 20;

	private static final int CATCH_UP_BATCH = 5000;

	private static final int SMALL_CATCH_UP = 100;

	private static final Logger logger = LoggerFactory.getLogger(BriefSearch.class);

	private static final Sort NEWEST_FIRST = new Sort(new SortField("order", SortField.Type.LONG, true));

	private final WebJobs jobs;

	private final Analyzer analyzer = new StandardAnalyzer();

	private final IndexWriter writer;

	private final Map<WebJob, Instant> indexedUntil = new HashMap<>();

	/** What is asked: every field may be blank or null for "any". */
	public record Filters(String query, String job, String language, String topic, DocumentStatus outcome,
			LocalDate from, LocalDate to, int page) {

		public Filters {
			page = Math.max(1, page);
		}

		boolean isBlank(String value) {
			return value == null || value.isBlank();
		}

	}

	/** A document found: its brief's headline in the first language it has. */
	public record Hit(String job, long id, long run, String file, DocumentStatus status, String headline, String reason,
			LocalDate date, List<String> languages, List<String> topics) {
	}

	/**
	 * A page of hits, best first when something was typed, else newest first; with the
	 * choices the filters offer.
	 */
	public record Results(Filters filters, List<Hit> hits, long total, int page, int pages, List<String> jobs,
			List<String> languages, List<String> topics) {
	}

	BriefSearch(WebJobs jobs) {
		this.jobs = jobs;
		try {
			this.writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(this.analyzer));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Lucene cannot open an index in memory", ex);
		}
	}

	/**
	 * Reads the served jobs' briefs into the index in the background, so that the first
	 * search does not wait for it (a second or two for a thousand briefs); serve calls it
	 * once its jobs are added.
	 */
	public void indexAhead() {
		Thread indexer = new Thread(() -> search(new Filters(null, null, null, null, null, null, null, 1)),
				"search-index");
		indexer.setDaemon(true);
		indexer.start();
	}

	public synchronized Results search(Filters filters) {
		try {
			catchUp();
			try (DirectoryReader reader = DirectoryReader.open(this.writer)) {
				IndexSearcher searcher = new IndexSearcher(reader);
				Query query = query(filters);
				boolean typed = !filters.isBlank(filters.query());
				TopDocs sample = typed ? searcher.search(query, TOPIC_SAMPLE)
						: searcher.search(query, TOPIC_SAMPLE, NEWEST_FIRST);
				long total = searcher.count(query);
				int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
				int page = Math.min(filters.page(), pages);
				TopDocs top = typed ? searcher.search(query, page * PAGE_SIZE)
						: searcher.search(query, page * PAGE_SIZE, NEWEST_FIRST);
				List<Hit> hits = new ArrayList<>();
				for (int i = (page - 1) * PAGE_SIZE; i < top.scoreDocs.length; i++) {
					hits.add(hit(searcher.storedFields().document(top.scoreDocs[i].doc)));
				}
				Set<String> languages = new TreeSet<>();
				this.jobs.all()
					.forEach((job) -> job.definition().targetLanguages().forEach((l) -> languages.add(l.code())));
				return new Results(filters, hits, total, page, pages,
						this.jobs.all().stream().map(WebJob::name).toList(), List.copyOf(languages),
						topics(searcher, sample.scoreDocs));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Lucene failed on its index in memory", ex);
		}
	}

	private Query query(Filters filters) {
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		if (filters.isBlank(filters.query())) {
			query.add(new MatchAllDocsQuery(), Occur.MUST);
		}
		else {
			// The simple parser never throws on what someone types: quotes, +, -, *.
			SimpleQueryParser parser = new SimpleQueryParser(this.analyzer,
					Map.of("headline", 3f, "text", 1f, "names", 2f, "file", 1f));
			parser.setDefaultOperator(Occur.MUST);
			query.add(parser.parse(filters.query()), Occur.MUST);
		}
		filter(query, "job", filters.job());
		filter(query, "language", filters.language());
		filter(query, "topic", filters.isBlank(filters.topic()) ? null : filters.topic().toLowerCase(Locale.ROOT));
		filter(query, "status", filters.outcome() == null ? null : filters.outcome().name());
		if (filters.from() != null || filters.to() != null) {
			long from = filters.from() != null ? filters.from().toEpochDay() : Long.MIN_VALUE;
			long to = filters.to() != null ? filters.to().toEpochDay() : Long.MAX_VALUE;
			query.add(LongPoint.newRangeQuery("day", from, to), Occur.FILTER);
		}
		return query.build();
	}

	private static void filter(BooleanQuery.Builder query, String field, String value) {
		if (value != null && !value.isBlank()) {
			query.add(new TermQuery(new Term(field, value)), Occur.FILTER);
		}
	}

	private static List<String> topics(IndexSearcher searcher, ScoreDoc[] sample) throws IOException {
		Map<String, Integer> counts = new HashMap<>();
		for (ScoreDoc doc : sample) {
			for (String topic : searcher.storedFields().document(doc.doc).getValues("shownTopic")) {
				counts.merge(topic, 1, Integer::sum);
			}
		}
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.limit(TOPICS_OFFERED)
			.map(Map.Entry::getKey)
			.toList();
	}

	/** Indexes every record changed since the last search, job database by database. */
	private void catchUp() throws IOException {
		long started = System.nanoTime();
		int indexed = 0;
		for (WebJob database : this.jobs.onePerDatabase()) {
			Instant since = this.indexedUntil.getOrDefault(database, Instant.EPOCH);
			List<DocumentStore.Changed> changed;
			do {
				changed = new DocumentStore(database.jdbc()).changedSince(since, CATCH_UP_BATCH);
				for (DocumentStore.Changed record : changed) {
					WebJob job = this.jobs.named(record.jobName()).orElse(database);
					this.writer.updateDocument(new Term("key", key(record)), document(job, record));
					since = record.updatedAt();
					indexed++;
				}
			}
			while (changed.size() == CATCH_UP_BATCH && !changed.get(0).updatedAt().equals(since));
			this.indexedUntil.put(database, since);
		}
		if (indexed > SMALL_CATCH_UP) {
			logger.info("Search index: {} documents read in {} ms", indexed, (System.nanoTime() - started) / 1_000_000);
		}
	}

	private static String key(DocumentStore.Changed record) {
		return record.jobName() + "/" + record.document().id();
	}

	private static Document document(WebJob job, DocumentStore.Changed record) {
		DocumentRecord row = record.document();
		Document document = new Document();
		document.add(new StringField("key", key(record), Field.Store.NO));
		document.add(new StringField("job", record.jobName(), Field.Store.YES));
		document.add(new StoredField("id", row.id()));
		document.add(new StoredField("run", row.runId()));
		document.add(new NumericDocValuesField("order", row.id()));
		document.add(new StringField("status", row.status().name(), Field.Store.YES));
		LocalDate day = LocalDate.ofInstant(record.updatedAt(), ZoneOffset.UTC);
		document.add(new LongPoint("day", day.toEpochDay()));
		document.add(new StoredField("date", day.toString()));
		document.add(new TextField("file", row.path(), Field.Store.YES));
		if (row.reason() != null) {
			document.add(new TextField("text", row.reason(), Field.Store.NO));
			document.add(new StoredField("reason", row.reason()));
		}
		BriefDocument brief = brief(job, row);
		if (brief != null) {
			Set<String> topics = new LinkedHashSet<>();
			Set<String> names = new LinkedHashSet<>();
			String headline = null;
			for (LocalizedBrief localized : brief.briefs().values()) {
				Brief text = localized.brief();
				headline = (headline != null) ? headline : text.headline();
				document.add(new StringField("language", localized.language(), Field.Store.YES));
				document.add(new TextField("headline", text.headline(), Field.Store.NO));
				document.add(new TextField("text",
						String.join("\n", text.summary(), String.join("\n", text.keyPoints()),
								String.join("\n", text.quotes().stream().map(Brief.Quote::text).toList())),
						Field.Store.NO));
				names.addAll(text.people());
				names.addAll(text.organisations());
				names.addAll(text.places());
				topics.addAll(text.topics());
			}
			document.add(new TextField("names", String.join("\n", names), Field.Store.NO));
			for (String topic : topics) {
				document.add(new StringField("topic", topic.toLowerCase(Locale.ROOT), Field.Store.NO));
				document.add(new StoredField("shownTopic", topic));
			}
			if (headline != null) {
				document.add(new StoredField("headline", headline));
			}
		}
		return document;
	}

	/** The brief of a briefed record, or null when it has none or its file is gone. */
	private static BriefDocument brief(WebJob job, DocumentRecord row) {
		if (row.status() != DocumentStatus.BRIEFED || row.briefPath() == null) {
			return null;
		}
		try {
			return new BriefFiles(job.outputFolder(), List.of()).read(row.briefPath());
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static Hit hit(Document found) {
		return new Hit(found.get("job"), found.getField("id").numericValue().longValue(),
				found.getField("run").numericValue().longValue(), found.get("file"),
				DocumentStatus.valueOf(found.get("status")), found.get("headline"), found.get("reason"),
				LocalDate.parse(found.get("date")), List.of(found.getValues("language")),
				List.of(found.getValues("shownTopic")));
	}

}
