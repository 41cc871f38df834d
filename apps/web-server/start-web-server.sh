#!/bin/sh
# The production web server: renders nginx's runtime files from the WEB_* variables (a bad value
# stops here, with one line naming it), then becomes nginx in the foreground, so that nginx gets
# the signals (SIGQUIT: graceful stop; SIGTERM, SIGINT: at once) and logs to stdout and stderr.
set -eu
runtime_dir=$(node "$(dirname "$0")/render.js")
PATH="$PATH:/usr/local/sbin:/usr/sbin"
exec nginx -e stderr -p "$runtime_dir/" -c "$runtime_dir/nginx.conf" -g 'daemon off;'
