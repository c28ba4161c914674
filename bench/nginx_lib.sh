# shellcheck shell=bash
# Shared by bench/probe_tls.sh and bench/probe_many.sh (sourced, not run): a CA and a server
# certificate made with the openssl command, free ports, and nginx on 127.0.0.1 in a
# directory of its own, run in the foreground as this shell's child so that it is stopped by
# the PID recorded here (nginx_stop, from the caller's EXIT trap).

nginx_pid=""

nginx_free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# nginx_certificates DIR HOST: DIR/ca.pem (the trust anchor) and DIR/server.pem,
# DIR/server.key for HOST (EC P-256, 90 days).
nginx_certificates() {
  local dir=$1 host=$2
  (
    cd "$dir" &&
      openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
        -subj "/CN=shipcheck bench CA" -keyout ca.key -out ca.pem 2>/dev/null &&
      openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$host" \
        -keyout server.key -out server.csr 2>/dev/null &&
      printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth\n' "$host" >san.ext &&
      openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 90 \
        -extfile san.ext -out server.pem 2>/dev/null
  )
}

# nginx_config DIR WORKERS SERVERS: DIR/nginx.conf, its http block holding SERVERS (text),
# with DIR's certificate, every temporary path in DIR and no access log.
nginx_config() {
  local dir=$1 workers=$2 servers=$3
  cat >"$dir/nginx.conf" <<CONF
worker_processes $workers;
daemon off;
pid "$dir/nginx.pid";
error_log "$dir/error.log" warn;
events { worker_connections 4096; }
http {
  access_log off;
  server_tokens off;
  client_body_temp_path "$dir/body";
  proxy_temp_path "$dir/proxy";
  fastcgi_temp_path "$dir/fastcgi";
  uwsgi_temp_path "$dir/uwsgi";
  scgi_temp_path "$dir/scgi";
  ssl_certificate "$dir/server.pem";
  ssl_certificate_key "$dir/server.key";
$servers
}
CONF
}

# nginx_start DIR PORT: runs nginx on DIR/nginx.conf, records nginx_pid and waits up to 5 s
# for PORT to accept; returns 1 (after saying why) when it does not.
nginx_start() {
  local dir=$1 port=$2 i
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" >"$dir/nginx.out" 2>&1 &
  nginx_pid=$!
  for ((i = 0; i < 100; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "bench: nginx did not start: $(cat "$dir/nginx.out" "$dir/error.log" 2>/dev/null)" >&2
  return 1
}

nginx_stop() {
  if [[ -n $nginx_pid ]]; then
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
    nginx_pid=""
  fi
}
