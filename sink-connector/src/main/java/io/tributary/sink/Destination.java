package io.tributary.sink;

/** Where the sink writes. */
public enum Destination {
    POSTGRES, DUCKDB, S3, REDSHIFT, SNOWFLAKE, BIGQUERY
}
