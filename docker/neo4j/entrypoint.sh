#!/bin/bash
# NEO4J_AUTH as the official image reads it: "neo4j/<password>" (8+ characters), "none", or unset (neo4j/neo4j,
# change required). The database lives in /data (a volume), Bolt listens on 0.0.0.0:7687.
set -euo pipefail
auth=()
case "${NEO4J_AUTH-}" in
  '') auth=('' --default-auth) ;;
  none) auth=('') ;;
  neo4j/*)
    password="${NEO4J_AUTH#neo4j/}"
    if [ "${#password}" -lt 8 ]; then
      echo "Invalid value for password. The minimum password length is 8 characters. (NEO4J_AUTH=neo4j/<password>)" >&2
      exit 1
    fi
    auth=("$password") ;;
  *)
    echo "Invalid value for NEO4J_AUTH: '${NEO4J_AUTH}'. Use neo4j/<password> or none." >&2
    exit 1 ;;
esac
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# exec: java is PID 1, so `docker stop` (SIGTERM) reaches the launcher's shutdown hook.
exec "$java" \
  --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  -Dio.netty.tryReflectionSetAccessible=true \
  ${NEO4J_JAVA_OPTS:--Xms256m -Xmx1g} \
  -cp "/opt/neo4j-embedded:/opt/neo4j-embedded/lib/*" \
  Launcher /data 7687 "${auth[0]}" "${auth[@]:1}" --listen=0.0.0.0
