#!/usr/bin/env bash
# RabbitMQ and PostgreSQL from Debian for the jobs tests (which start their own throw-away instances on loopback, in
# temp dirs) and for a scale-out deployment (docs/deployment.md). Only the binaries are installed here: the packages'
# own system services are stopped again, so nothing listens on the default ports unless the operator wants it.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
fresh=0
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] && compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || fresh=1
need_apt /usr/lib/rabbitmq/bin/rabbitmq-server:rabbitmq-server /usr/bin/psql:postgresql
if ((fresh)); then
  # Debian starts both services on install where an init system runs; the tests want the ports free.
  command -v service >/dev/null 2>&1 && { service rabbitmq-server stop >/dev/null 2>&1 || true; service postgresql stop >/dev/null 2>&1 || true; }
fi
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || { log "postgresql installed but no initdb found"; exit 1; }
