#!/usr/bin/env bash
# DTLS-SRTP handshake time in one process (both roles, mutual ECDSA P-256 authentication,
# use_srtp, EXTRACTOR-dtls_srtp export): Conclave on BouncyCastle (BenchmarkDotNet, in-memory packet
# channels) beside OpenSSL (a small C harness built here against libssl, memory BIOs, the same
# fingerprint check and export). Median and p95 of 50 handshakes after warm-up.
# Usage: bench/scripts/20-dtls.sh [--smoke]    (--smoke: a few iterations only, to prove it runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
smoke=0
[ "${1:-}" = "--smoke" ] && smoke=1
work="$(mktemp -d /tmp/conclave-bench-dtls.XXXXXX)"
trap 'rm -rf "$work"' EXIT

cat >"$work/dtls_bench.c" <<'C'
/* OpenSSL DTLS 1.2 + use_srtp handshake over memory BIOs. Usage: dtls_bench WARMUP COUNT -> "median_us p95_us". */
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void die(const char *what) { fprintf(stderr, "%s\n", what); ERR_print_errors_fp(stderr); exit(1); }

static X509 *self_signed(EVP_PKEY *key) {
  X509 *x = X509_new();
  ASN1_INTEGER_set(X509_get_serialNumber(x), rand());
  X509_gmtime_adj(X509_getm_notBefore(x), -86400);
  X509_gmtime_adj(X509_getm_notAfter(x), 30L * 86400);
  X509_set_pubkey(x, key);
  X509_NAME *name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)"bench", -1, -1, 0);
  X509_set_issuer_name(x, name);
  if (!X509_sign(x, key, EVP_sha256())) die("sign");
  return x;
}

static int accept_any(int ok, X509_STORE_CTX *ctx) { (void)ok; (void)ctx; return 1; }

static SSL_CTX *context(EVP_PKEY *key, X509 *cert) {
  SSL_CTX *ctx = SSL_CTX_new(DTLS_method());
  SSL_CTX_set_min_proto_version(ctx, DTLS1_2_VERSION);
  SSL_CTX_set_max_proto_version(ctx, DTLS1_2_VERSION);
  SSL_CTX_set_cipher_list(ctx, "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305");
  if (SSL_CTX_set_tlsext_use_srtp(ctx, "SRTP_AEAD_AES_256_GCM:SRTP_AEAD_AES_128_GCM:SRTP_AES128_CM_SHA1_80")) die("srtp");
  SSL_CTX_use_certificate(ctx, cert);
  SSL_CTX_use_PrivateKey(ctx, key);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, accept_any);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  return ctx;
}

static void pump(SSL *from, SSL *to) {
  BIO *out = SSL_get_wbio(from), *in = SSL_get_rbio(to);
  char buf[4096];
  int n;
  while ((n = BIO_read(out, buf, sizeof buf)) > 0) BIO_write(in, buf, n);
}

static void fingerprint(X509 *cert, unsigned char *md) {
  unsigned int len;
  X509_digest(cert, EVP_sha256(), md, &len);
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  int warmup = argc > 1 ? atoi(argv[1]) : 10, count = argc > 2 ? atoi(argv[2]) : 50;
  EVP_PKEY *ck = EVP_EC_gen("P-256"), *sk = EVP_EC_gen("P-256");
  X509 *cc = self_signed(ck), *sc = self_signed(sk);
  unsigned char cfp[32], sfp[32], got[32];
  fingerprint(cc, cfp);
  fingerprint(sc, sfp);
  SSL_CTX *cctx = context(ck, cc), *sctx = context(sk, sc);
  double *times = calloc(count, sizeof *times);
  for (int i = 0; i < warmup + count; i++) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    SSL *c = SSL_new(cctx), *s = SSL_new(sctx);
    SSL_set_bio(c, BIO_new(BIO_s_mem()), BIO_new(BIO_s_mem()));
    SSL_set_bio(s, BIO_new(BIO_s_mem()), BIO_new(BIO_s_mem()));
    SSL_set_options(c, SSL_OP_NO_QUERY_MTU);
    SSL_set_options(s, SSL_OP_NO_QUERY_MTU);
    DTLS_set_link_mtu(c, 1200);
    DTLS_set_link_mtu(s, 1200);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    for (int round = 0; round < 20 && !(SSL_is_init_finished(c) && SSL_is_init_finished(s)); round++) {
      SSL_do_handshake(c);
      pump(c, s);
      SSL_do_handshake(s);
      pump(s, c);
    }
    if (!SSL_is_init_finished(c) || !SSL_is_init_finished(s)) die("handshake");
    fingerprint(SSL_get0_peer_certificate(c), got);
    if (CRYPTO_memcmp(got, sfp, 32)) die("server fingerprint");
    fingerprint(SSL_get0_peer_certificate(s), got);
    if (CRYPTO_memcmp(got, cfp, 32)) die("client fingerprint");
    unsigned char kc[88], ks[88];
    SSL_export_keying_material(c, kc, 88, "EXTRACTOR-dtls_srtp", 19, NULL, 0, 0);
    SSL_export_keying_material(s, ks, 88, "EXTRACTOR-dtls_srtp", 19, NULL, 0, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (memcmp(kc, ks, 88) || SSL_get_selected_srtp_profile(c)->id != 0x0008) die("keys");
    SSL_free(c);
    SSL_free(s);
    if (i >= warmup) times[i - warmup] = (t1.tv_sec - t0.tv_sec) * 1e6 + (t1.tv_nsec - t0.tv_nsec) / 1e3;
  }
  qsort(times, count, sizeof *times, cmp);
  int p95 = (int)(count * 0.95);
  printf("%.1f %.1f\n", times[count / 2], times[p95 < count ? p95 : count - 1]);
  return 0;
}
C
gcc -O2 -Wall -o "$work/dtls_bench" "$work/dtls_bench.c" -lssl -lcrypto

if [ "$smoke" = 1 ]; then
  native_args=(2 5)
  bdn_args=(--job Dry --inProcess)
else
  native_args=(300 50)
  bdn_args=(--warmupCount 300 --iterationCount 50 --unrollFactor 1)
fi

"$work/dtls_bench" "${native_args[@]}" >"$work/openssl.txt"
dotnet run -c Release --project bench/Conclave.Benchmarks -- --filter '*DtlsHandshakeBenchmarks*' \
  "${bdn_args[@]}" --exporters json --artifacts "$work/bdn" >"$work/bdn.log" 2>&1 \
  || { tail -40 "$work/bdn.log"; exit 1; }

table="$(python3 - "$work/openssl.txt" "$work"/bdn/results/*DtlsHandshakeBenchmarks*.json "$(openssl version | cut -d' ' -f2)" <<'PY'
import json, sys
median_us, p95_us = (float(x) for x in open(sys.argv[1]).read().split())
report = json.load(open(sys.argv[2]))
rows = ["| what | median | p95 | allocated |", "|---|---|---|---|"]
for b in report["Benchmarks"]:
    s = b["Statistics"]
    p95 = s.get("Percentiles", {}).get("P95", s["Max"])
    allocated = b.get("Memory", {}).get("BytesAllocatedPerOperation", 0)
    rows.append(f"| Conclave: {b['Method']} | {s['Median'] / 1e6:.2f} ms | {p95 / 1e6:.2f} ms | {allocated / 1024:.0f} KiB |")
rows.append(f"| OpenSSL {sys.argv[3]}: DTLS-SRTP handshake, memory BIOs | {median_us / 1e3:.2f} ms | {p95_us / 1e3:.2f} ms | n/a |")
print("\n".join(rows))
PY
)"
[ "$smoke" = 1 ] && echo "(smoke run: a few cold iterations; the figures prove only that both sides run)"
echo "$table"

if [ "$smoke" = 0 ]; then
  {
    echo "# DTLS-SRTP handshake"
    echo
    echo "One operation: a complete DTLS 1.2 handshake between a client and a server in one process"
    echo "(ECDHE_ECDSA with P-256 certificates on both sides, the peer certificate checked against its"
    echo "SHA-256 fingerprint, use_srtp choosing AEAD_AES_256_GCM, 88 bytes exported with"
    echo "EXTRACTOR-dtls_srtp). Conclave runs BouncyCastle.Cryptography over two in-memory"
    echo "DtlsPacketChannels (each side on its own thread, as in a call), timed by BenchmarkDotNet:"
    echo "300 warm-up handshakes (tiered JIT), then 50 measured, one handshake per iteration."
    echo "OpenSSL runs the same handshake over memory BIOs on one thread (bench/scripts/20-dtls.sh"
    echo "holds its C harness). Goal: Conclave median under 4 ms."
    echo
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), shared with other work"
    echo "(load average $(cut -d' ' -f1-3 /proc/loadavg) when measured)."
    echo
    echo "Reproduce: \`bench/scripts/20-dtls.sh\` (measured $(date -u '+%Y-%m-%d %H:%M UTC'))."
    echo
    echo "$table"
  } >bench/results/dtls.md
  echo "wrote bench/results/dtls.md"
fi
