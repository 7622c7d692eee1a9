// Name: system/data-version — the HTTP cache's validator: a read whose bookmark names the database's last committed
// transaction (src/server/http-cache.ts); every write, through any replica or an import, changes it.
RETURN 1 AS ok
