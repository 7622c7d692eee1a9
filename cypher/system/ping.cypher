// Name: system/ping — the availability probe: a real round trip to the database (a pooled connection alone proves nothing).
RETURN 1 AS ok
