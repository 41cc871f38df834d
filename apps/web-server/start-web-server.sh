#!/bin/sh
# The production web server: renders nginx's runtime files from the WEB_* variables (a bad value
# stops here, with one line naming it), then becomes nginx in the foreground, so that nginx gets
# the signals (SIGQUIT: graceful stop; SIGTERM, SIGINT: at once) and logs to stdout and stderr.
set -eu
runtime_dir=$(node "$(dirname "$0")/render.js")

# nginx opens its access log by name, and /dev/stdout cannot be opened when stdout is a socket
# (systemd's journal, a Node parent process): cat copies a FIFO to stdout instead. It ends when the
# last writer closes the FIFO. Descriptor 3, opened here and inherited by nginx (master and
# workers), is such a writer from the start: however nginx ends, even before it opens its logs
# (a configuration it refuses), cat ends with it instead of waiting for a writer forever.
access_log="$runtime_dir/access.log"
rm -f "$access_log"
mkfifo -m 600 "$access_log"
cat "$access_log" &
exec 3>"$access_log"

PATH="$PATH:/usr/local/sbin:/usr/sbin"
exec nginx -e stderr -p "$runtime_dir/" -c "$runtime_dir/nginx.conf" -g 'daemon off;'
