-- Click stream landed by the collectors as tab-separated text, queried through Spectrum.
CREATE EXTERNAL TABLE spectrum.clicks_raw (
    event_day DATE,
    user_id BIGINT,
    session_id VARCHAR(64),
    url VARCHAR(512),
    referrer VARCHAR(512)
)
ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t'
STORED AS TEXTFILE
LOCATION 's3://example-bucket/clicks/raw/';
