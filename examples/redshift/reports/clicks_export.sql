-- Raw clicks of one day, exported for the marketing team every few hours.
SELECT *
FROM spectrum.clicks_raw
WHERE event_day = :day;
