package de.nachtbrief.store;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The state database's kind: H2, the embedded default that one process opens at a time,
 * or PostgreSQL, shared by every process of a deployment. The schema and nearly all
 * statements are the same for both; this holds what is not.
 */
public enum StateDialect {

	H2, POSTGRESQL;

	public static StateDialect of(DataSource dataSource) {
		String product;
		try {
			product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException(
					"cannot reach the state database: " + ex.getMostSpecificCause().getMessage(), ex);
		}
		return switch (product) {
			case "H2" -> H2;
			case "PostgreSQL" -> POSTGRESQL;
			default -> throw new IllegalStateException(
					"the state database is " + product + "; Nachtbrief keeps its state in H2 or PostgreSQL");
		};
	}

	/**
	 * Whether other processes may use the database at the same time: then a run left
	 * marked running may belong to a live process elsewhere.
	 */
	public boolean shared() {
		return this == POSTGRESQL;
	}

	/**
	 * An insert of these columns, one parameter each, that does nothing when a row with
	 * the same key is there, even when another process inserts it at the same moment.
	 */
	public String insertIfAbsent(String table, String key, List<String> columns) {
		String values = String.join(", ", columns.stream().map((column) -> "?").toList());
		String names = String.join(", ", columns);
		return switch (this) {
			case H2 -> "MERGE INTO " + table + " t USING (VALUES (" + values + ")) s (" + names + ") ON t." + key
					+ " = s." + key + " WHEN NOT MATCHED THEN INSERT (" + names + ") VALUES ("
					+ String.join(", ", columns.stream().map((column) -> "s." + column).toList()) + ")";
			case POSTGRESQL -> "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ") ON CONFLICT (" + key
					+ ") DO NOTHING";
		};
	}

	/**
	 * An insert of these columns, one parameter each, that replaces the row with the same
	 * key if there is one (PostgreSQL 14, the oldest supported, has no MERGE).
	 * @param extra further columns with a fixed SQL value, e.g. {@code PREPAID = TRUE}
	 */
	public String upsert(String table, String key, List<String> columns, String... extra) {
		List<String> all = new ArrayList<>(columns);
		List<String> values = new ArrayList<>(columns.stream().map((column) -> "?").toList());
		for (String assignment : extra) {
			String[] parts = assignment.split("=", 2);
			all.add(parts[0].trim());
			values.add(parts[1].trim());
		}
		String head = "(" + String.join(", ", all) + ")";
		String tail = " VALUES (" + String.join(", ", values) + ")";
		return switch (this) {
			case H2 -> "MERGE INTO " + table + " " + head + " KEY (" + key + ")" + tail;
			case POSTGRESQL -> "INSERT INTO " + table + " " + head + tail + " ON CONFLICT (" + key + ") DO UPDATE SET "
					+ all.stream()
						.filter((column) -> !column.equals(key))
						.map((column) -> column + " = EXCLUDED." + column)
						.collect(Collectors.joining(", "));
		};
	}

}
