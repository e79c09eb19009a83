#!/bin/sh
# Derives the compact lists of this folder from the npm packages named in NOTICE.md (run from this folder; needs npm and jq).
# One entry per line, sorted as published; nothing is added or removed by hand.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent german-postal-codes@2.0.0 disposable-email-domains@1.0.62 >/dev/null \
  && tar -xzf german-postal-codes-2.0.0.tgz && mv package gpc \
  && tar -xzf disposable-email-domains-1.0.62.tgz && mv package ded)
jq -r '.[]' "$tmp/gpc/index.json" > de-postal-codes.txt
jq -r '.[]' "$tmp/ded/index.json" > disposable-email-domains.txt
jq -r '.[]' "$tmp/ded/wildcard.json" > disposable-email-wildcards.txt
