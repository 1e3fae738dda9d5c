-- Click stream, loaded every 15 minutes from the collector.
CREATE TABLE web.events (
    event_id     BIGINT IDENTITY(1, 1),
    event_ts     TIMESTAMP     NOT NULL,
    session_id   VARCHAR(64)   NOT NULL,
    page_url     VARCHAR(2048),
    country_code CHAR(2),
    PRIMARY KEY (event_id)
)
DISTKEY (session_id)
INTERLEAVED SORTKEY (event_ts, country_code);
