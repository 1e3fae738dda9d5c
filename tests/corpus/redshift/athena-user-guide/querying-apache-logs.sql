-- SQL examples of doc_source/querying-apache-logs.md, awsdocs/amazon-athena-user-guide
-- (commit 271ef77), sample code under the MIT-0 licence (LICENSE-SAMPLECODE).

CREATE EXTERNAL TABLE apache_logs(
  client_ip string,
  client_id string,
  user_id string,
  request_received_time string,
  client_request string,
  server_status string,
  returned_obj_size string
  )
ROW FORMAT SERDE
   'com.amazonaws.glue.serde.GrokSerDe'
WITH SERDEPROPERTIES (
   'input.format'='^%{IPV4:client_ip} %{DATA:client_id} %{USERNAME:user_id} %{GREEDYDATA:request_received_time} %{QUOTEDSTRING:client_request} %{DATA:server_status} %{DATA: returned_obj_size}$'
   )
STORED AS INPUTFORMAT
   'org.apache.hadoop.mapred.TextInputFormat'
OUTPUTFORMAT
   'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION
   's3://bucket-name/apache-log-folder/';

SELECT request_received_time, client_request, server_status
FROM apache_logs
WHERE server_status = '404';

SELECT user_id, request_received_time, client_request, server_status
FROM apache_logs
WHERE server_status = '200';
